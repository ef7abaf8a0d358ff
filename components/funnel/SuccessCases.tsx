import { useId } from 'react';
import { funnelFormatters } from '@/lib/funnel/format';
import type { SuccessCase } from '@/lib/funnel/success-cases';
import { funnelMessages } from '@/lib/i18n/messages/funnel';
import type { Stage } from '@/lib/schemas';
import { useLocale, useMessages } from '../i18n';

export interface SuccessCasesProps {
  /** From `findSuccessCases`. */
  cases: readonly SuccessCase[];
  /** The stage in view: the cases tell how they got through it. */
  stage: Stage;
  timeZone?: string;
  /** Opens a case's deal in the sidebar. */
  onOpenCase?: (successCase: SuccessCase) => void;
  /** The account's industry as written, to say whose wins are missing when there are none. */
  industry?: string | null;
  /** With no cases: the most alike industry that has wins (from the success-case pool). */
  closestIndustry?: { industry: string; wonDeals: number } | null;
}

/** Won deals like the one in view, with what moved them through this stage. */
export function SuccessCases({ cases, stage, timeZone, onOpenCase, industry = null, closestIndustry = null }: SuccessCasesProps) {
  const t = useMessages(funnelMessages);
  const locale = useLocale();
  const format = funnelFormatters(locale, timeZone);
  const headingId = useId();
  const stageName = t.stageName(stage);
  return (
    <section className="sn-card sn-cases" aria-labelledby={headingId}>
      <h2 id={headingId} className="sn-section-title">
        {t.successCasesHeading}
      </h2>
      {cases.length === 0 ? (
        <>
          <p className="sn-muted">{industry ? t.successCasesNone(industry) : t.successCasesEmpty}</p>
          {closestIndustry && <p className="sn-hint">{t.successCasesClosest(closestIndustry.industry, closestIndustry.wonDeals)}</p>}
        </>
      ) : (
        <>
          <p className="sn-hint">{t.successCasesIntro(stageName)}</p>
          <ul className="sn-cases__list">
            {cases.map((successCase) => (
              <li key={successCase.dealId} className="sn-case">
                <article aria-label={`${successCase.accountName}: ${successCase.dealName}`}>
                  <h3 className="sn-case__title">
                    {onOpenCase ? (
                      <button type="button" className="sn-link" onClick={() => onOpenCase(successCase)}>
                        {successCase.accountName} · {successCase.dealName}
                      </button>
                    ) : (
                      <>
                        {successCase.accountName} · {successCase.dealName}
                      </>
                    )}
                  </h3>
                  <p className="sn-case__facts">
                    <span className="sn-badge">
                      {successCase.match === 'industryAndTier' && successCase.sizeTier
                        ? t.matchIndustryTier(successCase.industry, t.tierName(successCase.sizeTier))
                        : t.matchIndustry(successCase.industry)}
                    </span>{' '}
                    {successCase.amount !== null && <span>{format.money(successCase.amount, successCase.currency)} · </span>}
                    {successCase.closedAt !== null && <span>{t.caseClosed(format.date(successCase.closedAt), successCase.daysToClose)}</span>}
                  </p>
                  <p className="sn-case__window">
                    <strong>{successCase.stageWindow ? t.caseStageDays(stageName, successCase.stageWindow.days) : t.caseNotInStage(stageName)}</strong>
                  </p>
                  {successCase.path.length > 0 && (
                    <ol className="sn-case__path" aria-label={t.caseTimeline}>
                      {successCase.path.map((step, index) => (
                        <li key={`${step.stage}-${step.enteredAt}-${index}`} className={step.stage === stage ? 'sn-case__step sn-case__step--here' : 'sn-case__step'}>
                          {t.stageName(step.stage)}
                        </li>
                      ))}
                    </ol>
                  )}
                  <h4 className="sn-case__notes-title">{t.caseNotes(stageName)}</h4>
                  {successCase.keyNotes.length === 0 ? (
                    <p className="sn-hint">{t.caseNoNotes}</p>
                  ) : (
                    <ul className="sn-case__notes">
                      {successCase.keyNotes.map((note) => (
                        <li key={note.id}>
                          <span className="sn-hint">{format.date(note.occurredAt)} · </span>
                          {note.subject && <strong>{note.subject}: </strong>}
                          {note.excerpt}
                          {note.nextStep && <span className="sn-case__next"> → {note.nextStep}</span>}
                        </li>
                      ))}
                    </ul>
                  )}
                </article>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
