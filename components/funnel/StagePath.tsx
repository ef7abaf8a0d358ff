import { useId } from 'react';
import { funnelFormatters } from '@/lib/funnel/format';
import type { StagePathStep } from '@/lib/funnel/success-cases';
import { elapsedDays } from '@/lib/funnel/time';
import { funnelMessages } from '@/lib/i18n/messages/funnel';
import type { Stage } from '@/lib/schemas';
import { useLocale, useMessages } from '../i18n';

export interface StagePathProps {
  /** From `stagePathOf(stageChanges, record.id, record.createdAt)`. */
  path: readonly StagePathStep[];
  /** The record's stage now; shown last even when no change into it was recorded. */
  currentStage: Stage;
  now: number;
  timeZone?: string;
  /** Rep id → display name, for "moved by". */
  repNames?: Readonly<Record<string, string>>;
}

/** The stages an account or deal went through, as a small timeline ending at where it is now. */
export function StagePath({ path, currentStage, now, timeZone, repNames = {} }: StagePathProps) {
  const t = useMessages(funnelMessages);
  const locale = useLocale();
  const format = funnelFormatters(locale, timeZone);
  const labelId = useId();
  const steps: Array<StagePathStep | { stage: Stage; enteredAt: null; leftAt: null; by: null }> = [...path];
  const last = path[path.length - 1];
  if (!last || last.stage !== currentStage) steps.push({ stage: currentStage, enteredAt: null, leftAt: null, by: null });
  return (
    <div className="sn-stagepath">
      <span id={labelId} className="sn-label">
        {t.stagePathLabel}
      </span>
      <ol className="sn-stagepath__list" aria-labelledby={labelId}>
        {steps.map((step, index) => {
          const isCurrent = index === steps.length - 1;
          const who = step.by ? (repNames[step.by] ?? step.by) : null;
          const days = step.enteredAt === null ? null : elapsedDays(step.enteredAt, step.leftAt ?? now);
          return (
            <li
              key={`${step.stage}-${step.enteredAt ?? 'now'}-${index}`}
              className={`sn-stagepath__step sn-stagepath__step--${step.stage}${isCurrent ? ' sn-stagepath__step--current' : ''}`}
              aria-current={isCurrent ? 'step' : undefined}
            >
              <span className="sn-stagepath__dot" aria-hidden="true" />
              <span className="sn-stagepath__name">{t.stageName(step.stage)}</span>
              <span className="sn-stagepath__meta">
                {step.enteredAt === null ? t.stagePathUnknownDate : t.stagePathSince(format.date(step.enteredAt), who)}
                {days !== null && ` · ${t.stagePathDays(days)}`}
                {isCurrent && <span className="sn-visually-hidden"> ({t.stagePathCurrent})</span>}
              </span>
            </li>
          );
        })}
      </ol>
      {path.length === 0 && <p className="sn-hint">{t.stagePathNoHistory}</p>}
    </div>
  );
}
