import { useId } from 'react';
import type { HandoffStatus } from '@/lib/funnel/suggest';
import { explainHandoffStatus } from '@/lib/funnel/explain';
import { funnelMessages } from '@/lib/i18n/messages/funnel';
import { useLocale, useMessages } from '../i18n';

export interface HandoffPanelProps {
  /** From `computeSuggestions(...).handoffs`: each won deal's hand-over. */
  handoffs: readonly HandoffStatus[];
  /** The team's reps (the server's list, or the last one known offline); empty: not loaded yet. */
  reps: ReadonlyArray<{ id: string; name: string }>;
  /** The account's CSM; the picker writes `account.csmId`. */
  csmId: string | null;
  onPickCsm: (repId: string | null) => void;
}

/**
 * The hand-over to customer success, the same for the rep and the CSM: who it went to, by whom,
 * and how much of the checklist is filled. The rep picks the CSM from the team's reps; without
 * the list (no server yet), the checklist can still be filled and the pick waits.
 */
export function HandoffPanel({ handoffs, reps, csmId, onPickCsm }: HandoffPanelProps) {
  const t = useMessages(funnelMessages);
  const locale = useLocale();
  const pickerId = useId();
  if (handoffs.length === 0) return null;
  // A CSM picked before the list arrived (or no longer on the team) still shows by id.
  const options = csmId !== null && !reps.some((rep) => rep.id === csmId) ? [...reps, { id: csmId, name: csmId }] : reps;
  return (
    <section className="sn-handoff" aria-label={t.handoffHeading(handoffs.map((handoff) => handoff.dealName).join(', '))} data-testid="handoff-panel">
      {handoffs.map((handoff) => (
        <div key={handoff.dealId} className="sn-handoff__deal">
          <p className="sn-handoff__status" data-testid="handoff-status">
            {explainHandoffStatus(handoff, locale)}
          </p>
          <details className="sn-suggestion__checklist">
            <summary>
              {t.handoffChecklist} ({handoff.knownCount}/{handoff.items.length})
            </summary>
            <ul>
              {handoff.items.map((item) => (
                <li key={item.key} className={item.known ? 'sn-check sn-check--known' : 'sn-check'}>
                  <span className="sn-visually-hidden">{item.known ? t.checklistKnown : t.checklistUnknown}: </span>
                  {item.label[locale]}
                  {item.known && item.value ? `: ${item.value}` : ''}
                </li>
              ))}
            </ul>
          </details>
        </div>
      ))}
      <div className="sn-handoff__csm">
        <label htmlFor={pickerId}>{t.csmPickerLabel}</label>
        <select
          id={pickerId}
          value={csmId ?? ''}
          disabled={options.length === 0}
          onChange={(event) => onPickCsm(event.target.value === '' ? null : event.target.value)}
        >
          <option value="">{t.csmPickerNone}</option>
          {options.map((rep) => (
            <option key={rep.id} value={rep.id}>
              {rep.name}
            </option>
          ))}
        </select>
        {reps.length === 0 && <p className="sn-hint">{t.csmPickerOffline}</p>}
      </div>
    </section>
  );
}
