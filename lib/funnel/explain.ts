import type { Locale } from '../schemas';
import { coreMessages } from '../i18n/messages/core';
import type { StageMoveWarning } from './stage-change';
import type { HealthTrend } from './health';
import type { HandoffStatus } from './suggest';
import { funnelMessages } from '../i18n/messages/funnel';
import { funnelFormatters } from './format';
import type { Suggestion } from './suggestion-types';

export interface SuggestionText {
  title: string;
  /** The reason in words, with its numbers. */
  reason: string;
  /** Why the playbook asks for it, when it says. */
  why: string | null;
  /** How to find a missing fact, when the playbook says. */
  hint: string | null;
}

/** A suggestion in the rep's language: title, reason with numbers, and the playbook's why. */
export function explainSuggestion(suggestion: Suggestion, locale: Locale, timeZone?: string): SuggestionText {
  const m = funnelMessages[locale];
  const f = funnelFormatters(locale, timeZone);
  const stage = m.stageName(suggestion.stage);
  const detail = suggestion.detail;
  const playbookTitle = suggestion.title?.[locale] ?? null;
  let title: string;
  let reason: string;
  switch (detail.rule) {
    case 'overdueTask':
      title = detail.taskTitle;
      reason = m.reasonOverdueTask(f.dateTime(detail.dueAt), detail.overdueDays, detail.overdueHours);
      break;
    case 'taskDueSoon':
      title = detail.taskTitle;
      reason = m.reasonTaskDueSoon(f.dateTime(detail.dueAt), detail.hoursLeft);
      break;
    case 'overdueFollowUp':
      title = m.titleFollowUp(detail.promise);
      reason = m.reasonFollowUp(f.date(detail.madeAt), f.date(detail.promisedAt), detail.overdueDays);
      break;
    case 'handoff': {
      title = playbookTitle ?? m.titleHandoff;
      const total = detail.items.length;
      if (detail.missed) reason = m.reasonHandoffMissed(f.date(detail.closedAt), detail.deadlineHours, detail.knownCount, total);
      else
        reason =
          detail.hoursLeft >= 0
            ? m.reasonHandoffDue(f.date(detail.closedAt), detail.deadlineHours, detail.hoursLeft, detail.knownCount, total)
            : m.reasonHandoffOverdue(f.date(detail.closedAt), detail.deadlineHours, detail.hoursSinceClose - detail.deadlineHours, detail.knownCount, total);
      if (detail.noteSavedAt !== null) reason = `${reason} ${m.reasonChecklistBlank(f.date(detail.noteSavedAt), detail.blankCount, total)}`;
      break;
    }
    case 'needsVerification':
      title = playbookTitle ?? m.titleNeedsVerification;
      reason = m.reasonVerification(detail.daysSinceClose, detail.deadlineDays, detail.daysLeft);
      if (detail.hasCsm) reason = `${detail.csmIsViewer ? m.verificationYours : m.verificationTheirs(detail.csmName)} ${reason}`;
      break;
    case 'churnWarning':
      title = playbookTitle ?? m.titleChurnWarning;
      reason = m.reasonChurn(detail.daysSinceTouch, detail.thresholdDays, detail.lastTouchAt !== null);
      break;
    case 'stale':
      title = m.titleStale;
      reason = m.reasonStale(detail.daysSinceTouch, stage, detail.cadenceDays, detail.lastTouchAt !== null);
      break;
    case 'healthAtRisk':
    case 'healthWatch': {
      const weakest = detail.weakest ? m.healthInputName(detail.weakest) : '—';
      const score = detail.score === null ? '—' : f.score(detail.score);
      title = playbookTitle ?? (detail.rule === 'healthAtRisk' ? m.titleHealthAtRisk : m.titleHealthWatch);
      reason = detail.rule === 'healthAtRisk' ? m.reasonHealthAtRisk(score, weakest) : m.reasonHealthWatch(score, weakest);
      if (detail.trend) reason = `${reason} ${explainHealthTrend(detail.trend, locale)}`;
      break;
    }
    case 'upsell':
      title = playbookTitle ?? m.titleUpsell;
      reason = suggestion.stage === 'renewal' || detail.score === null ? m.reasonUpsellRenewal : m.reasonUpsellHealthy(f.score(detail.score));
      break;
    case 'healthOutdated':
      title = m.titleHealthOutdated;
      reason =
        detail.measuredOn === null || detail.ageDays === null
          ? m.reasonHealthNever
          : m.reasonHealthOld(detail.ageDays, f.calendarDate(detail.measuredOn), detail.maxAgeDays);
      break;
    case 'renewalSurvey':
      title = playbookTitle ?? m.titleRenewalSurvey;
      reason = m.reasonRenewalSurvey(f.calendarDate(detail.renewalDate), detail.daysUntilRenewal, detail.leadDays);
      break;
    case 'renewalDatePassed':
      title = m.titleRenewalPassed;
      reason = m.reasonRenewalPassed(f.calendarDate(detail.renewalDate), detail.daysSinceRenewal);
      break;
    case 'closeDatePassed':
      title = m.titleCloseDatePassed(detail.dealName);
      reason = m.reasonCloseDatePassed(f.calendarDate(detail.expectedCloseDate), detail.daysPast);
      break;
    case 'missingExitCriterion':
    case 'missingKeyFact':
      title = m.titleMissingFact(detail.label[locale]);
      reason =
        detail.rule === 'missingExitCriterion'
          ? m.reasonExitCriterion(stage, detail.knownCount, detail.totalCount)
          : m.reasonKeyFact(stage, detail.knownCount, detail.totalCount);
      if (detail.noteSavedAt !== null) reason = `${reason} ${m.reasonNoteSavedBlank(f.date(detail.noteSavedAt))}`;
      break;
    case 'unconfirmedFact':
      title = m.titleUnconfirmedFact(detail.label[locale]);
      reason = m.reasonUnconfirmed(detail.value ?? '');
      break;
    case 'readyToAdvance':
      title = m.titleReadyToAdvance(m.stageName(detail.nextStage));
      reason = m.reasonReadyToAdvance(stage, detail.totalCount);
      break;
    case 'goLiveLate':
      title = m.titleGoLiveLate(detail.dealName);
      reason = m.reasonGoLiveLate(detail.daysSinceClose, detail.targetDays, detail.level);
      break;
    case 'timeInStage':
      title = m.titleTimeInStage(detail.dealName);
      reason = m.reasonTimeInStage(detail.daysInStage, m.stageName(detail.stage), f.number(detail.medianDays), detail.sample);
      break;
    case 'lowUsage':
      title = m.titleLowUsage;
      reason = m.reasonLowUsage(f.score(detail.usage), detail.threshold, f.calendarDate(detail.measuredOn));
      break;
    case 'tierChange': {
      const tierName = (tier: 'strategic' | 'growth' | 'smb') => m.tierName(tier);
      title = m.titleTierChange(tierName(detail.suggestedTier));
      const band =
        detail.suggestedTier === 'strategic'
          ? m.bandFrom(f.money(detail.strategicMin, detail.currency))
          : detail.suggestedTier === 'growth'
            ? m.bandBetween(f.money(detail.growthMin, detail.currency), f.money(detail.strategicMin, detail.currency))
            : m.bandUnder(f.money(detail.growthMin, detail.currency));
      reason = m.reasonTierChange(f.money(detail.annualValue, detail.currency), detail.dealCount, tierName(detail.suggestedTier), band, detail.currentTier ? tierName(detail.currentTier) : null);
      break;
    }
    case 'playbookStep':
      title = detail.label[locale];
      reason =
        detail.repeatEveryDays === null
          ? m.reasonStep(stage, detail.dueInDays, f.date(detail.dueAt), detail.daysSinceStageEntry + 1)
          : m.reasonRepeatStep(detail.repeatEveryDays, detail.lastDoneAt === null ? null : f.date(detail.lastDoneAt), f.date(detail.dueAt));
      break;
  }
  return {
    title,
    reason,
    why: suggestion.why?.[locale] ?? null,
    hint: suggestion.hint?.[locale] ?? null,
  };
}

/** A stage move's warning in the rep's language, with its reason. */
export function explainStageMoveWarning(warning: StageMoveWarning, locale: Locale): string {
  const m = funnelMessages[locale];
  return m.warnContactRoleMissing(m.stageName(warning.from), warning.label[locale], coreMessages[locale][`role_${warning.role}`]);
}

/** A won deal's hand-over in one line: "Handed to you by Li Wei, 10 of 10 items". */
export function explainHandoffStatus(status: HandoffStatus, locale: Locale): string {
  const m = funnelMessages[locale];
  const total = status.items.length;
  if (status.csmId === null) return m.handoffNoCsm(status.knownCount, total);
  if (status.toViewer) return m.handedToYou(status.fromViewer ? null : status.handedByName, status.knownCount, total);
  const csm = status.csmName ?? status.csmId;
  if (status.fromViewer) return m.handedByYouTo(csm, status.knownCount, total);
  return m.handedTo(csm, status.handedByName, status.knownCount, total);
}

/** "Since May 1: usage fell from 72 to 41; score 78 → 61." */
export function explainHealthTrend(trend: HealthTrend, locale: Locale): string {
  const m = funnelMessages[locale];
  const f = funnelFormatters(locale);
  const since = f.calendarDate(trend.previousMeasuredOn);
  const mover = trend.mover ? m.healthMover(m.healthInputName(trend.mover.input), f.score(trend.mover.from), f.score(trend.mover.to), trend.mover.to < trend.mover.from) : null;
  return m.healthTrend(since, mover, f.score(trend.previousScore), f.score(trend.score));
}
