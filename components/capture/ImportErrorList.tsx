import type { RowError } from '@/lib/import/rows';
import { captureMessages } from '@/lib/i18n/messages/capture';
import { useLocale, useMessages } from '../i18n';

/** Rows left out of an import: row number, column, value and what to fix. */
export function ImportErrorList({ errors, limit }: { errors: readonly RowError[]; limit: number }) {
  const t = useMessages(captureMessages);
  const locale = useLocale();
  const shown = errors.slice(0, limit);
  return (
    <>
      <table className="sn-import__error-list">
        <thead>
          <tr>
            <th scope="col">{t.errorRow}</th>
            <th scope="col">{t.errorColumn}</th>
            <th scope="col">{t.errorValue}</th>
            <th scope="col">{t.errorReason}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((error, index) => (
            <tr key={`${error.rowNumber}-${index}`}>
              <td>{error.rowNumber}</td>
              <td>{error.column ?? t.errorWholeRow}</td>
              <td className="sn-import__value">{error.value}</td>
              <td>{error.reason[locale]}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {errors.length > shown.length && <p className="sn-hint">{t.errorsMore(errors.length - shown.length)}</p>}
    </>
  );
}
