import { coreMessages } from '@/lib/i18n/messages/core';
import { urgencyMessages } from '@/lib/i18n/messages/urgency';
import type { Account } from '@/lib/schemas';
import { useMessages } from './i18n';

/** One of the account's top next steps, already in words (lib/funnel/explain.ts). */
export interface NextStepView {
  key: string;
  title: string;
  reason: string;
  urgency: 'overdue' | 'due' | 'upcoming' | 'info';
}

interface AccountHeaderProps {
  account: Account;
  ownerName: string | null;
  /** The top one or two next steps; null while they are worked out. */
  nextSteps: readonly NextStepView[] | null;
  onOpenNextStep: (key: string) => void;
  onEdit: () => void;
  onDelete: () => void;
}

const URGENCY = { overdue: 'urgencyOverdue', due: 'urgencyDue', upcoming: 'urgencyUpcoming', info: 'urgencyInfo' } as const;

/**
 * The top of the first screen: who this is (name, stage, owner, domains in one line) and
 * what to do next, each step with its reason. The rest of the card sits below the composer.
 */
export function AccountHeader({ account, ownerName, nextSteps, onOpenNextStep, onEdit, onDelete }: AccountHeaderProps) {
  const t = useMessages(coreMessages);
  const f = useMessages(urgencyMessages);
  const facts = [account.domains.join(', ') || t.noDomains, account.industry, account.sizeTier ? t[`tier_${account.sizeTier}`] : null].filter(Boolean).join(' · ');
  return (
    <section className="sn-card sn-account" aria-labelledby="sn-account-name" data-testid="account-card">
      <div className="sn-account__head">
        <h1 id="sn-account-name" className="sn-account__name">
          {account.name}
        </h1>
        <span className="sn-badge" data-testid="account-stage">
          {t[`stage_${account.stage}`]}
        </span>
        <span className="sn-account__actions">
          {/* Icons keep the name readable at 360 px; the words are their names and tooltips. */}
          <button type="button" className="sn-button sn-button--ghost sn-icon-button" aria-label={t.editAccount} title={t.editAccount} onClick={onEdit}>
            <span aria-hidden="true">✎</span>
          </button>
          <button type="button" className="sn-button sn-button--ghost sn-icon-button sn-button--danger" aria-label={t.deleteAccount} title={t.deleteAccount} onClick={onDelete}>
            <span aria-hidden="true">✕</span>
          </button>
        </span>
      </div>
      <p className="sn-account__facts" aria-label={t.accountDetails}>
        <span>{t.ownerIs(ownerName ?? t.ownerNone)}</span>
        <span className="sn-account__domains" title={facts}>
          {facts}
        </span>
      </p>
      <section aria-label={t.nextStepsTop} data-testid="next-steps">
        {nextSteps === null ? (
          <p className="sn-hint">{t.nextStepsLoading}</p>
        ) : nextSteps.length === 0 ? (
          <p className="sn-hint">{t.nextStepsNone}</p>
        ) : (
          <ol className="sn-nextsteps">
            {nextSteps.map((step) => (
              <li key={step.key} className={`sn-nextstep sn-nextstep--${step.urgency}`} data-testid="next-step">
                <button type="button" className="sn-nextstep__title" onClick={() => onOpenNextStep(step.key)} title={t.openNextStep(step.title)}>
                  <span className={`sn-urgency sn-urgency--${step.urgency}`}>{f[URGENCY[step.urgency]]}</span> {step.title}
                </button>
                <span className="sn-nextstep__reason">{step.reason}</span>
              </li>
            ))}
          </ol>
        )}
      </section>
    </section>
  );
}
