import type { ActivityType, ContactRole, LocalizedText, Stage } from '../schemas';
import type { HealthBand, HealthInputKey, HealthTrend } from './health';

export interface SubjectRef {
  type: 'account' | 'deal';
  id: string;
}

export type SuggestionRule =
  | 'overdueTask'
  | 'taskDueSoon'
  | 'overdueFollowUp'
  | 'handoff'
  | 'needsVerification'
  | 'churnWarning'
  | 'stale'
  | 'healthAtRisk'
  | 'healthWatch'
  | 'healthOutdated'
  | 'renewalSurvey'
  | 'renewalDatePassed'
  | 'upsell'
  | 'closeDatePassed'
  | 'missingExitCriterion'
  | 'readyToAdvance'
  | 'missingKeyFact'
  | 'unconfirmedFact'
  | 'playbookStep'
  | 'goLiveLate'
  | 'lowUsage'
  | 'tierChange'
  | 'timeInStage';

/** How pressing it is: past its time, due within a day, coming up, or no date at all. */
export type Urgency = 'overdue' | 'due' | 'upcoming' | 'info';

export interface ChecklistItem {
  key: string;
  label: LocalizedText;
  known: boolean;
  value: string | null;
  /** The contacts that fill it (the decision chain: names and roles), for localized wording. */
  people?: Array<{ name: string; title: string | null; role: ContactRole | null }>;
}

/** The numbers behind each suggestion, so its reason can be said in words and checked. */
export type SuggestionDetail =
  | { rule: 'overdueTask'; taskId: string; taskTitle: string; dueAt: number; overdueDays: number; overdueHours: number }
  | { rule: 'taskDueSoon'; taskId: string; taskTitle: string; dueAt: number; hoursLeft: number }
  | { rule: 'overdueFollowUp'; activityId: string; promise: string | null; promisedAt: number; madeAt: number; overdueDays: number }
  | {
      rule: 'handoff';
      dealId: string;
      dealName: string;
      closedAt: number;
      hoursSinceClose: number;
      hoursLeft: number;
      /** Calendar days since the handoff's due date (0 on the day). */
      daysLate: number;
      deadlineHours: number;
      items: ChecklistItem[];
      knownCount: number;
      /** Items still blank: saving the template blank leaves them so. */
      blankCount: number;
      /** When the handoff note was last saved; null when it was never written. */
      noteSavedAt: number | null;
      /** The deal arrived already past its window (imported history): shown once, as missed. */
      missed: boolean;
      /** The customer-success manager picked for the account (`account.csmId`); null until picked. */
      csmId: string | null;
      csmName: string | null;
    }
  | {
      rule: 'needsVerification';
      dealId: string;
      dealName: string;
      closedAt: number;
      daysSinceClose: number;
      daysLeft: number;
      deadlineDays: number;
      /** Whose it is: the account's CSM once handed over. */
      hasCsm: boolean;
      csmName: string | null;
      csmIsViewer: boolean;
    }
  | { rule: 'churnWarning'; daysSinceTouch: number; thresholdDays: number; lastTouchAt: number | null }
  | { rule: 'stale'; daysSinceTouch: number; cadenceDays: number; lastTouchAt: number | null }
  | {
      rule: 'healthAtRisk' | 'healthWatch' | 'upsell';
      score: number | null;
      band: HealthBand | null;
      weakest: HealthInputKey | null;
      measuredOn: string | null;
      renewalDate: string | null;
      /** Since the measurement before: the change and the input that moved it. */
      trend: HealthTrend | null;
    }
  | { rule: 'healthOutdated'; measuredOn: string | null; ageDays: number | null; maxAgeDays: number }
  | { rule: 'renewalSurvey'; renewalDate: string; daysUntilRenewal: number; leadDays: number }
  | { rule: 'renewalDatePassed'; renewalDate: string; daysSinceRenewal: number }
  | { rule: 'closeDatePassed'; dealId: string; dealName: string; expectedCloseDate: string; daysPast: number }
  | {
      rule: 'missingExitCriterion' | 'missingKeyFact' | 'unconfirmedFact';
      factKey: string;
      label: LocalizedText;
      value: string | null;
      knownCount: number;
      totalCount: number;
      /** A note saved from this suggestion that did not make the fact known. */
      noteSavedAt: number | null;
    }
  | { rule: 'readyToAdvance'; knownCount: number; totalCount: number; nextStage: Stage }
  | { rule: 'goLiveLate'; dealId: string; dealName: string; daysSinceClose: number; targetDays: number; level: 1 | 2 | 3 }
  | { rule: 'lowUsage'; usage: number; threshold: number; measuredOn: string }
  | { rule: 'timeInStage'; dealId: string; dealName: string; stage: Stage; daysInStage: number; medianDays: number; sample: number }
  | {
      rule: 'tierChange';
      annualValue: number;
      currency: string;
      dealCount: number;
      otherCurrencyDeals: number;
      currentTier: 'strategic' | 'growth' | 'smb' | null;
      suggestedTier: 'strategic' | 'growth' | 'smb';
      strategicMin: number;
      growthMin: number;
    }
  | { rule: 'playbookStep'; stepKey: string; label: LocalizedText; dueAt: number; dueInDays: number; stageEnteredAt: number; daysSinceStageEntry: number; repeatEveryDays: number | null; lastDoneAt: number | null };

/** What one click does: schedule a task, or open the composer with a prefilled note. */
export interface SuggestionAction {
  kind: 'task' | 'note';
  /** The type a prefilled note is logged as (a call, a meeting...); never 'task'. */
  noteType: Exclude<ActivityType, 'task' | 'stage_change'>;
  /** When a task made from this suggestion falls due. */
  taskDueAt: number;
  template: LocalizedText | null;
  /** Values the template's {placeholders} take; dates are epoch ms, formatted per locale. */
  templateVars: Record<string, string | number | null>;
  /** A stage the suggestion proposes moving to (offered as a button). */
  suggestedStage: Stage | null;
  /** The existing task the suggestion is about (overdue or due soon). */
  taskId: string | null;
}

export interface Suggestion {
  /** Stable across recomputations while the situation lasts; dismiss, snooze and retire key on it. */
  key: string;
  rule: SuggestionRule;
  /** The record it is about (a won deal's handoff is about the deal, even in the account's view). */
  subject: SubjectRef;
  stage: Stage;
  /** Higher first. */
  priority: number;
  urgency: Urgency;
  dueAt: number | null;
  /** Playbook wording when the suggestion comes from a playbook fact or step. */
  title: LocalizedText | null;
  why: LocalizedText | null;
  hint: LocalizedText | null;
  detail: SuggestionDetail;
  action: SuggestionAction;
}
