import { coreMessages } from '@/lib/i18n/messages/core';
import type { Deal } from '@/lib/schemas';
import { DEAL_STAGES, type DealStage } from '@/lib/schemas/enums';
import { useFormatters, useMessages } from './i18n';
import { RecordForm, useFormValues, type RecordFormInput } from './RecordForm';
import { useFocusOnMount } from './use-focus-on-mount';

export interface DealFormValues {
  name: string;
  stage: DealStage;
  amount: string;
  currency: string;
  expectedCloseDate: string;
}

interface DealListProps {
  deals: readonly Deal[];
  onAdd: () => void;
  onEdit: (deal: Deal) => void;
  onDelete: (deal: Deal) => void;
  /** Rendered under each deal, e.g. a stage picker. */
  renderExtra?: (deal: Deal) => React.ReactNode;
}

export function DealList({ deals, onAdd, onEdit, onDelete, renderExtra }: DealListProps) {
  const t = useMessages(coreMessages);
  const format = useFormatters();
  return (
    <section className="sn-card" aria-labelledby="sn-deals-title">
      <h2 id="sn-deals-title" className="sn-section-title">
        {t.deals}
        <button type="button" className="sn-button sn-button--small" onClick={onAdd}>
          {t.addDeal}
        </button>
      </h2>
      {deals.length === 0 ? (
        <p className="sn-muted">{t.noDeals}</p>
      ) : (
        <ul className="sn-list">
          {deals.map((deal) => (
            <li key={deal.id} className="sn-list__item" style={{ flexWrap: 'wrap' }}>
              <span className="sn-list__main">
                <span>
                  <strong>{deal.name}</strong> <span className="sn-badge">{t[`stage_${deal.stage}`]}</span>
                </span>
                <span className="sn-hint">
                  {deal.amount !== null ? format.money(deal.amount, deal.currency) : t.noAmount}
                  {deal.expectedCloseDate ? ` · ${t.expectedClose} ${format.date(Date.parse(deal.expectedCloseDate))}` : ''}
                </span>
              </span>
              <span className="sn-list__actions">
                <button type="button" className="sn-button sn-button--ghost sn-button--small" aria-label={t.editDeal(deal.name)} onClick={() => onEdit(deal)}>
                  {t.edit}
                </button>
                <button type="button" className="sn-button sn-button--ghost sn-button--small sn-button--danger" aria-label={t.deleteDeal(deal.name)} onClick={() => onDelete(deal)}>
                  {t.delete}
                </button>
              </span>
              {renderExtra && <div style={{ flexBasis: '100%' }}>{renderExtra(deal)}</div>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function DealForm({ initial, mode, error, onSubmit, onCancel }: RecordFormInput<DealFormValues>) {
  const t = useMessages(coreMessages);
  const [values, set] = useFormValues(initial);
  const firstField = useFocusOnMount<HTMLInputElement>();
  return (
    <RecordForm title={mode === 'create' ? t.addDeal : t.editDeal(initial.name)} submitLabel={mode === 'create' ? t.addDeal : t.saveChanges} error={error} onSubmit={() => onSubmit(values)} onCancel={onCancel}>
      <label className="sn-field">
        <span>{t.dealName}</span>
        <input className="sn-input" ref={firstField} required value={values.name} onChange={(e) => set('name', e.target.value)} />
      </label>
      <div className="sn-field-row">
        <label className="sn-field">
          <span>{t.amount}</span>
          <input className="sn-input" inputMode="decimal" value={values.amount} onChange={(e) => set('amount', e.target.value)} />
        </label>
        <label className="sn-field" style={{ maxWidth: 90 }}>
          <span>{t.currency}</span>
          <input className="sn-input" maxLength={3} value={values.currency} onChange={(e) => set('currency', e.target.value.toUpperCase())} />
        </label>
      </div>
      <div className="sn-field-row">
        {mode === 'create' && (
          <label className="sn-field">
            <span>{t.stage}</span>
            <select className="sn-select" value={values.stage} onChange={(e) => set('stage', e.target.value as DealStage)}>
              {DEAL_STAGES.map((stage) => (
                <option key={stage} value={stage}>
                  {t[`stage_${stage}`]}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="sn-field">
          <span>{t.expectedClose}</span>
          <input className="sn-input" type="date" value={values.expectedCloseDate} onChange={(e) => set('expectedCloseDate', e.target.value)} />
        </label>
      </div>
    </RecordForm>
  );
}
