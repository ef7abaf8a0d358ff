import type { Account, Activity, ActivityType, Contact, Deal, LocalizedText, PlaybookFact, PlaybookStep, Stage, SuggestionState } from '../schemas';
import { TOUCH_TYPES } from './touch-types';
import { cutText } from '../schemas/text';
import { filledChecklistValues, filledFactValue } from './checklist-note';
import { checkFact, checkStageFacts, contactsForFact, type FactCheck, type FactContext } from './facts';
import { computeHealthScore, healthTrendOf, type HealthScore } from './health';
import { defaultPlaybook, type ResolvedPlaybook, type TriggerStep } from './playbook';
import { isLiveCustomerStage, isOpenDealStage, nextStageOf, stageRank } from './stages';
import { isFarPastMedian, type StageMedians } from './stage-medians';
import { isSuggestionHidden, type HiddenSuggestion } from './suggestion-state';
import type { ChecklistItem, SubjectRef, Suggestion, SuggestionAction, SuggestionDetail, SuggestionRule, Urgency } from './suggestion-types';
import { DAY_MS, HOUR_MS, calendarDateOf, daysBetweenDates, elapsedDays, startOfDateMs } from './time';

/** Sales hands the customer to customer success within 72 hours of signing. */
export const HANDOFF_DEADLINE_HOURS = 72;
/** Customer success verifies the core needs landed within 30 days of signing. */
export const NEEDS_VERIFICATION_DAYS = 30;
/** The renewal needs re-survey starts 3 months (90 days) before the renewal date. */
export const RENEWAL_SURVEY_LEAD_DAYS = 90;
/** A live customer with no touch for this long raises the churn warning. */
export const CHURN_WARNING_DAYS = 30;
/** Health inputs older than this no longer describe the customer. */
export const HEALTH_MAX_AGE_DAYS = 90;
/** An open task due within this many hours is brought up before it is late. */
export const TASK_DUE_SOON_HOURS = 24;
/** A touch up to a day before the promised follow-up date keeps the promise. */
export const FOLLOW_UP_EARLY_HOURS = 24;
/** Signing to go-live within 7 days is the target; later, the suggestion escalates. */
export const GO_LIVE_TARGET_DAYS = 7;
/** Days after signing at which a late go-live escalates to a dated plan with the sponsor, then to the manager. */
export const GO_LIVE_ESCALATE_DAYS = [14, 30] as const;
/** A feature-usage input under this raises the usage warning, whatever the overall score. */
export const LOW_USAGE_THRESHOLD = 40;
/** An account's annual value: its won deals closed within this many days. */
export const ANNUAL_VALUE_DAYS = 365;
/** Without a stage cadence, a promised next step with no date is due this many days later. */
export const DEFAULT_PROMISE_DAYS = 7;

/** What counts as a touch for staleness, churn and kept promises (lib/db/touch-summary.ts keeps the latest per account). */
export { TOUCH_TYPES };
/** Touches with the customer themselves (an internal note is not one): they keep a relationship check-in. */
const CUSTOMER_TOUCH_TYPES: ReadonlySet<ActivityType> = new Set(['call', 'email', 'meeting', 'visit', 'message']);

export type FunnelSubject = { type: 'account'; account: Account } | { type: 'deal'; deal: Deal; account: Account };

export interface SuggestionInput {
  subject: FunnelSubject;
  /** The account's contacts, deals and activities (deleted ones are ignored). */
  contacts: readonly Contact[];
  deals: readonly Deal[];
  activities: readonly Activity[];
  /** The rep's dismiss/snooze decisions for the account and its deals. */
  suggestionStates: readonly SuggestionState[];
  playbook?: ResolvedPlaybook;
  /** The rep's IANA time zone, for calendar dates such as the renewal date. Defaults to UTC. */
  timeZone?: string;
  /** The team's reps (the server's list, or the last one known offline), for names in the handoff. */
  reps?: ReadonlyArray<{ id: string; name: string }>;
  /** The rep looking: the handoff and the needs verification speak to the CSM as "you". */
  viewerId?: string | null;
  /** The team's median days per stage (`computeStageMedians`), for deals stuck far past it. */
  stageMedians?: StageMedians;
}

/** A won deal's hand-over to customer success, as the card shows it to the CSM and the owner alike. */
export interface HandoffStatus {
  dealId: string;
  dealName: string;
  closedAt: number;
  /** Who handed over (moved the deal to won, else its owner), and to whom; null when unknown / not picked. */
  handedById: string | null;
  handedByName: string | null;
  csmId: string | null;
  csmName: string | null;
  /** The viewer is the CSM it was handed to / the rep who handed it. */
  toViewer: boolean;
  fromViewer: boolean;
  items: ChecklistItem[];
  knownCount: number;
}

export interface SuggestionResult {
  /** Ranked, highest priority first. */
  visible: Suggestion[];
  /** Dismissed or still snoozed, with why; for an "n hidden" affordance. */
  hidden: HiddenSuggestion[];
  /** Each won deal's hand-over, done or not (the CSM's "handed to you by..."). */
  handoffs: HandoffStatus[];
}

/** What a pass over the activities learns; one pass keeps 1,000 activities well under budget. */
interface ActivityIndex {
  lastTouch: Activity | null;
  /** The latest call, meeting, visit, message or email, made from a suggestion or not. */
  lastCustomerTouch: Activity | null;
  openTasks: Activity[];
  promises: Activity[];
  /** suggestionKey → when it was last acted on. */
  keyUses: Map<string, number>;
  /** Keys an open task carries: the task carries the suggestion on until it is done. */
  openTaskKeys: Set<string>;
  /** suggestionKey → the latest note, call, meeting... logged from it (not tasks). */
  keyNotes: Map<string, Activity>;
  stageChanges: Activity[];
  /** The live activities, for facts a logged activity shows. */
  live: Activity[];
}

function indexActivities(activities: readonly Activity[], dealScope: string | null): ActivityIndex {
  const index: ActivityIndex = {
    lastTouch: null,
    lastCustomerTouch: null,
    openTasks: [],
    promises: [],
    keyUses: new Map(),
    openTaskKeys: new Set(),
    keyNotes: new Map(),
    stageChanges: [],
    live: [],
  };
  for (const activity of activities) {
    if (activity.deletedAt !== null) continue;
    index.live.push(activity);
    if (activity.suggestionKey !== null) {
      const key = activity.suggestionKey;
      const previous = index.keyUses.get(key);
      if (previous === undefined || activity.occurredAt > previous) index.keyUses.set(key, activity.occurredAt);
      if (activity.type === 'task') {
        if (activity.completedAt === null) index.openTaskKeys.add(key);
      } else if (activity.type !== 'stage_change') {
        const note = index.keyNotes.get(key);
        if (!note || activity.occurredAt > note.occurredAt) index.keyNotes.set(key, activity);
      }
    }
    if (activity.type === 'stage_change') {
      index.stageChanges.push(activity);
      continue;
    }
    // In a deal's view, another deal's tasks and promises belong to that deal; touches with the
    // customer count for every deal, though.
    const inScope = dealScope === null || activity.dealId === null || activity.dealId === dealScope;
    if (activity.type === 'task') {
      if (inScope && activity.completedAt === null && activity.dueAt !== null) index.openTasks.push(activity);
      continue;
    }
    if (TOUCH_TYPES.has(activity.type)) {
      if (!index.lastTouch || activity.occurredAt > index.lastTouch.occurredAt) index.lastTouch = activity;
      if (CUSTOMER_TOUCH_TYPES.has(activity.type) && (!index.lastCustomerTouch || activity.occurredAt > index.lastCustomerTouch.occurredAt)) {
        index.lastCustomerTouch = activity;
      }
      if (inScope && (activity.followUpAt !== null || (activity.nextStep !== null && activity.nextStep !== ''))) index.promises.push(activity);
    }
  }
  return index;
}

/** When the subject entered its current stage: the latest recorded move there, else its creation. */
function stageEnteredAt(index: ActivityIndex, subject: SubjectRef, stage: Stage, createdAt: number): number {
  let entered: number | null = null;
  for (const change of index.stageChanges) {
    const move = change.stageChange;
    if (!move || move.subjectId !== subject.id || move.subject !== subject.type || move.to !== stage) continue;
    if (entered === null || change.occurredAt > entered) entered = change.occurredAt;
  }
  return entered ?? createdAt;
}

interface RuleContext {
  now: number;
  timeZone: string;
  playbook: ResolvedPlaybook;
  account: Account;
  /** The deal in view; null when the account is in view. */
  deal: Deal | null;
  subject: SubjectRef;
  stage: Stage;
  stageEntered: number;
  deals: Deal[];
  factContext: FactContext;
  index: ActivityIndex;
  today: string;
  out: Suggestion[];
  repNames: ReadonlyMap<string, string>;
  viewerId: string | null;
  stageMedians: StageMedians;
  handoffs: HandoffStatus[];
}

/**
 * The badge word must match the clock: "due today" only on the due date, in the rep's zone.
 * Day-scale deadlines (a 30-day verification, a promised follow-up date, a step due on day 7)
 * are overdue from the day after; hour-scale ones (a task's time, the 72-hour handoff) from
 * the instant they pass.
 */
function urgencyOf(dueAt: number | null, now: number, timeZone: string, dayScale: boolean): Urgency {
  if (dueAt === null) return 'info';
  const dueDate = calendarDateOf(dueAt, timeZone);
  const today = calendarDateOf(now, timeZone);
  if (dayScale) return dueDate < today ? 'overdue' : dueDate === today ? 'due' : 'upcoming';
  if (now > dueAt) return 'overdue';
  return dueDate === today ? 'due' : 'upcoming';
}

function overdueBonus(dueAt: number | null, now: number): number {
  if (dueAt === null || now <= dueAt) return 0;
  return Math.min(5, (now - dueAt) / DAY_MS);
}

function noteTypeOf(type: PlaybookStep['activityType']): SuggestionAction['noteType'] {
  return type === 'task' ? 'note' : type;
}

function leadingOpenDeal(deals: readonly Deal[]): Deal | null {
  let best: Deal | null = null;
  for (const deal of deals) {
    if (!isOpenDealStage(deal.stage)) continue;
    if (!best || stageRank(deal.stage) > stageRank(best.stage) || (deal.stage === best.stage && deal.id < best.id)) best = deal;
  }
  return best;
}

function baseVars(ctx: RuleContext): Record<string, string | number | null> {
  return {
    account: ctx.account.name,
    // In the account's view a step about "the deal" means its most advanced open deal.
    deal: ctx.deal?.name ?? leadingOpenDeal(ctx.deals)?.name ?? null,
    stage: ctx.stage,
    renewalDate: ctx.account.renewalDate,
  };
}

interface Draft {
  key: string;
  rule: SuggestionRule;
  subject?: SubjectRef;
  priority: number;
  dueAt: number | null;
  detail: SuggestionDetail;
  title?: LocalizedText | null;
  why?: LocalizedText | null;
  hint?: LocalizedText | null;
  kind: SuggestionAction['kind'];
  noteType?: SuggestionAction['noteType'];
  taskDueAt?: number;
  template?: LocalizedText | null;
  vars?: Record<string, string | number | null>;
  suggestedStage?: Stage | null;
  taskId?: string | null;
  /**
   * What retires it by key. `any`: any activity made from it (a step logged). `openTask`: only
   * while an open task carries it on; a checklist or a "find out" retires when what it asks for
   * is known, not when a note was saved from it. `never`: about an existing task.
   */
  retires?: 'any' | 'openTask' | 'never';
  /** The deadline is a calendar day (see urgencyOf). */
  dayScale?: boolean;
}

function add(ctx: RuleContext, draft: Draft): void {
  const retires = draft.retires ?? 'any';
  if (retires === 'any' && ctx.index.keyUses.has(draft.key)) return;
  if (retires === 'openTask' && ctx.index.openTaskKeys.has(draft.key)) return;
  ctx.out.push({
    key: draft.key,
    rule: draft.rule,
    subject: draft.subject ?? ctx.subject,
    stage: ctx.stage,
    priority: Math.round((draft.priority + overdueBonus(draft.dueAt, ctx.now)) * 100) / 100,
    urgency: urgencyOf(draft.dueAt, ctx.now, ctx.timeZone, draft.dayScale ?? false),
    dueAt: draft.dueAt,
    title: draft.title ?? null,
    why: draft.why ?? null,
    hint: draft.hint ?? null,
    detail: draft.detail,
    action: {
      kind: draft.kind,
      noteType: draft.noteType ?? 'note',
      taskDueAt: draft.taskDueAt ?? Math.max(draft.dueAt ?? 0, ctx.now + DAY_MS),
      template: draft.template ?? null,
      templateVars: { ...baseVars(ctx), ...draft.vars },
      suggestedStage: draft.suggestedStage ?? null,
      taskId: draft.taskId ?? null,
    },
  });
}

/** Words and template for a rule-driven suggestion, from the playbook's step for that trigger. */
function stepWords(step: TriggerStep | null): Pick<Draft, 'title' | 'why' | 'template' | 'noteType'> & { dueInDays: number } {
  if (!step) return { title: null, why: null, template: null, noteType: 'note', dueInDays: 1 };
  return { title: step.step.label, why: step.step.why, template: step.step.template, noteType: noteTypeOf(step.step.activityType), dueInDays: step.step.dueInDays };
}

function taskTitle(task: Activity): string {
  return task.subject ?? task.nextStep ?? cutText(task.body.split('\n')[0] ?? '', 120);
}

function ruleOpenTasks(ctx: RuleContext): void {
  for (const task of ctx.index.openTasks) {
    const dueAt = task.dueAt!;
    if (ctx.now > dueAt) {
      add(ctx, {
        key: `task:${task.id}`,
        rule: 'overdueTask',
        priority: 90,
        dueAt,
        detail: { rule: 'overdueTask', taskId: task.id, taskTitle: taskTitle(task), dueAt, overdueDays: elapsedDays(dueAt, ctx.now), overdueHours: Math.floor((ctx.now - dueAt) / HOUR_MS) },
        kind: 'note',
        taskDueAt: ctx.now + DAY_MS,
        taskId: task.id,
        retires: 'never',
      });
    } else if (dueAt - ctx.now <= TASK_DUE_SOON_HOURS * HOUR_MS) {
      add(ctx, {
        key: `task:${task.id}`,
        rule: 'taskDueSoon',
        priority: 75,
        dueAt,
        detail: { rule: 'taskDueSoon', taskId: task.id, taskTitle: taskTitle(task), dueAt, hoursLeft: Math.floor((dueAt - ctx.now) / HOUR_MS) },
        kind: 'note',
        taskDueAt: dueAt,
        taskId: task.id,
        retires: 'never',
      });
    }
  }
}

/**
 * Promises made in notes and calls: a follow-up date, or a next step without one (due after the
 * stage's cadence). A touch after the promise, no earlier than a day before the promised date,
 * keeps it; so does an activity made from this suggestion.
 */
function rulePromises(ctx: RuleContext): void {
  const cadenceDays = ctx.playbook.stages[ctx.stage].cadenceDays ?? DEFAULT_PROMISE_DAYS;
  const lastTouchAt = ctx.index.lastTouch?.occurredAt ?? null;
  for (const activity of ctx.index.promises) {
    const promisedAt = activity.followUpAt ?? activity.occurredAt + cadenceDays * DAY_MS;
    if (ctx.now <= promisedAt) continue;
    const keptFrom = Math.max(activity.occurredAt + 1, promisedAt - FOLLOW_UP_EARLY_HOURS * HOUR_MS);
    if (lastTouchAt !== null && lastTouchAt >= keptFrom) continue;
    add(ctx, {
      key: `followUp:${activity.id}`,
      rule: 'overdueFollowUp',
      priority: 80,
      dueAt: promisedAt,
      detail: {
        rule: 'overdueFollowUp',
        activityId: activity.id,
        promise: activity.nextStep,
        promisedAt,
        madeAt: activity.occurredAt,
        // Calendar days past the promised date: 0 on the date itself ("due today").
        overdueDays: daysBetweenDates(calendarDateOf(promisedAt, ctx.timeZone), ctx.today),
      },
      dayScale: true,
      kind: 'note',
      noteType: activity.type === 'note' || activity.type === 'task' || activity.type === 'stage_change' ? 'call' : activity.type,
      taskDueAt: ctx.now + DAY_MS,
      vars: { promise: activity.nextStep ?? activity.subject ?? null },
    });
  }
}

function factDetail(
  rule: 'missingExitCriterion' | 'missingKeyFact' | 'unconfirmedFact',
  check: FactCheck,
  checks: FactCheck[],
  noteSavedAt: number | null,
): SuggestionDetail {
  return {
    rule,
    factKey: check.fact.key,
    label: check.fact.label,
    value: check.value,
    knownCount: checks.filter((candidate) => candidate.status === 'known').length,
    totalCount: checks.length,
    noteSavedAt,
  };
}

/**
 * "Find out" and "Confirm" stay up until the fact is known; a note saved from one does not
 * retire it. A note that wrote the fact down (its "label: value" line filled in) makes it
 * unconfirmed with that value; a note saved blank leaves it missing, and the reason says so.
 */
function addFactSuggestion(ctx: RuleContext, rule: 'missingExitCriterion' | 'missingKeyFact' | 'unconfirmedFact', check: FactCheck, checks: FactCheck[], priority: number): void {
  const key = `fact:${ctx.subject.id}:${check.fact.key}`;
  const note = ctx.index.keyNotes.get(key) ?? null;
  let effective = check;
  if (check.status === 'missing' && note) {
    const written = filledFactValue(note.body, check.fact);
    if (written !== null) effective = { ...check, status: 'unconfirmed', value: written };
  }
  const effectiveRule = effective.status === 'unconfirmed' ? 'unconfirmedFact' : rule;
  add(ctx, {
    key,
    rule: effectiveRule,
    priority: effectiveRule === rule ? priority : Math.min(priority, 45),
    dueAt: null,
    detail: factDetail(effectiveRule, effective, checks, note?.occurredAt ?? null),
    title: check.fact.label,
    hint: check.fact.hint,
    kind: 'note',
    taskDueAt: ctx.now + 2 * DAY_MS,
    template: check.fact.template,
    vars: { fact: effective.value },
    retires: 'openTask',
  });
}

/** The fact a playbook step (or rule step) serves: logging the step is knowing the fact. */
function factServedBy(playbook: ResolvedPlaybook, stepKey: string): PlaybookFact | null {
  for (const stage of Object.values(playbook.stages)) {
    for (const fact of [...stage.exitCriteria, ...stage.keyFacts]) {
      if (fact.satisfiedBy.kind === 'activity' && fact.satisfiedBy.steps.includes(stepKey)) return fact;
    }
  }
  return null;
}

/**
 * The current stage's exit criteria and key facts. The won stage's key facts are the handoff
 * checklist, raised as one handoff suggestion instead of ten.
 */
function ruleFacts(ctx: RuleContext): void {
  if (ctx.stage === 'won') return;
  const stage = ctx.playbook.stages[ctx.stage];
  const tier = ctx.account.sizeTier;
  // SMB's lighter path: facts the playbook skips for the tier are not asked for.
  const forTier = (fact: PlaybookFact) => tier === null || !(fact.skipTiers ?? []).includes(tier);
  const { exitCriteria, keyFacts } = checkStageFacts({ ...stage, exitCriteria: stage.exitCriteria.filter(forTier), keyFacts: stage.keyFacts.filter(forTier) }, ctx.factContext);
  for (const check of exitCriteria) {
    if (check.status === 'missing') addFactSuggestion(ctx, 'missingExitCriterion', check, exitCriteria, 60);
    else if (check.status === 'unconfirmed') addFactSuggestion(ctx, 'unconfirmedFact', check, exitCriteria, 45);
  }
  for (const check of keyFacts) {
    if (check.status === 'missing') addFactSuggestion(ctx, 'missingKeyFact', check, keyFacts, 35);
    else if (check.status === 'unconfirmed') addFactSuggestion(ctx, 'unconfirmedFact', check, keyFacts, 30);
  }
  const next = nextStageOf(ctx.stage);
  // Adoption moves on by the renewal clock, not by a checklist; an account still following
  // open deals moves with them.
  const followsDeals = ctx.deal === null && ctx.deals.some((deal) => isOpenDealStage(deal.stage));
  if (next && ctx.stage !== 'adoption' && !followsDeals && exitCriteria.length > 0 && exitCriteria.every((check) => check.status === 'known')) {
    add(ctx, {
      key: `advance:${ctx.subject.id}:${ctx.stage}`,
      rule: 'readyToAdvance',
      priority: 58,
      dueAt: null,
      detail: { rule: 'readyToAdvance', knownCount: exitCriteria.length, totalCount: exitCriteria.length, nextStage: next },
      kind: 'note',
      suggestedStage: next,
    });
  }
}

/** Staleness by the stage's cadence; for a live customer, 30 silent days escalate to a churn warning. */
function ruleStaleness(ctx: RuleContext): void {
  const lastTouch = ctx.index.lastTouch;
  const since = lastTouch ? lastTouch.occurredAt : ctx.stageEntered;
  const silentMs = ctx.now - since;
  const touchRef = lastTouch ? lastTouch.id : 'none';
  if (ctx.deal === null && isLiveCustomerStage(ctx.stage) && silentMs >= CHURN_WARNING_DAYS * DAY_MS) {
    const words = stepWords(ctx.playbook.triggerSteps.churnRisk);
    add(ctx, {
      key: `churn:${ctx.subject.id}:${touchRef}`,
      rule: 'churnWarning',
      priority: 86,
      dueAt: since + CHURN_WARNING_DAYS * DAY_MS,
      detail: { rule: 'churnWarning', daysSinceTouch: elapsedDays(since, ctx.now), thresholdDays: CHURN_WARNING_DAYS, lastTouchAt: lastTouch?.occurredAt ?? null },
      ...words,
      kind: 'task',
      taskDueAt: ctx.now + Math.max(1, words.dueInDays) * DAY_MS,
      vars: { lastTouch: lastTouch?.occurredAt ?? null },
    });
    return;
  }
  const cadenceDays = ctx.playbook.stages[ctx.stage].cadenceDays;
  if (cadenceDays === null || silentMs <= cadenceDays * DAY_MS) return;
  add(ctx, {
    key: `stale:${ctx.subject.id}:${ctx.stage}:${touchRef}`,
    rule: 'stale',
    // The further past its cadence, the higher, up to three cadences late.
    priority: 65 + Math.min(14, (silentMs / (cadenceDays * DAY_MS) - 1) * 7),
    dueAt: since + cadenceDays * DAY_MS,
    detail: { rule: 'stale', daysSinceTouch: elapsedDays(since, ctx.now), cadenceDays, lastTouchAt: lastTouch?.occurredAt ?? null },
    kind: 'task',
    noteType: 'call',
    taskDueAt: ctx.now + DAY_MS,
    vars: { lastTouch: lastTouch?.occurredAt ?? null },
  });
}

/**
 * When a won deal was closed, as it really happened: `closedAt`, else the recorded move to
 * won, else its expected close date (a restored or imported record's own date), else when it
 * was created. Never its last update: a restore or an edit is not a win.
 */
function closedAtOf(deal: Deal, index: ActivityIndex, timeZone: string, now: number): number {
  if (deal.closedAt !== null) return deal.closedAt;
  const entered = stageEnteredAt(index, { type: 'deal', id: deal.id }, 'won', -1);
  if (entered >= 0) return entered;
  if (deal.expectedCloseDate !== null) {
    const dated = startOfDateMs(deal.expectedCloseDate, timeZone);
    if (dated <= now) return dated;
  }
  return Math.min(deal.createdAt, now);
}

/** Who moved the deal to won (the stage change's author), when recorded. */
function wonByOf(deal: Deal, index: ActivityIndex): string | null {
  let latest: Activity | null = null;
  for (const change of index.stageChanges) {
    const move = change.stageChange;
    if (!move || move.subject !== 'deal' || move.subjectId !== deal.id || move.to !== 'won') continue;
    if (!latest || change.occurredAt > latest.occurredAt) latest = change;
  }
  return latest?.authorId ?? null;
}

/** The handoff checklist of a won deal: each item known from records, facts, or the saved handoff note. */
function handoffItems(ctx: RuleContext, deal: Deal, handoffKey: string): { items: ChecklistItem[]; note: Activity | null } {
  const dealFacts: FactContext = { ...ctx.factContext, deal };
  const note = ctx.index.keyNotes.get(handoffKey) ?? null;
  const checklistFacts = ctx.playbook.stages.won.keyFacts;
  const written = note ? filledChecklistValues(note.body, checklistFacts) : new Map<string, string>();
  const items = checklistFacts.map((fact): ChecklistItem => {
    const check = checkFact(fact, dealFacts);
    const people = contactsForFact(fact, dealFacts).map((contact) => ({ name: contact.name, title: contact.title, role: contact.role }));
    if (check.status === 'known') return { key: fact.key, label: fact.label, known: true, value: check.value, people };
    const inNote = written.get(fact.key) ?? null;
    return { key: fact.key, label: fact.label, known: inNote !== null, value: inNote ?? check.value, people };
  });
  return { items, note };
}

/**
 * The 72-hour handoff and the 30-day needs verification, per won deal in view. Both stay up
 * until what they ask for is known: every handoff item filled (by records, facts or the saved
 * handoff note), the needs verification logged or confirmed. An overdue handoff never quietly
 * disappears. A deal that came into this browser already won long ago (imported, restored)
 * starts no fresh countdown: its closed window is raised once, as missed.
 */
function ruleWonDeals(ctx: RuleContext): void {
  const wonDeals = ctx.deal ? (ctx.deal.stage === 'won' ? [ctx.deal] : []) : ctx.deals.filter((deal) => deal.stage === 'won');
  const handoffWords = stepWords(ctx.playbook.triggerSteps.handoff);
  const verifyWords = stepWords(ctx.playbook.triggerSteps.needsVerification);
  for (const deal of wonDeals) {
    const closedAt = closedAtOf(deal, ctx.index, ctx.timeZone, ctx.now);
    if (ctx.now < closedAt) continue;
    const subject: SubjectRef = { type: 'deal', id: deal.id };
    const handoffDue = closedAt + HANDOFF_DEADLINE_HOURS * HOUR_MS;
    const handoffKey = `handoff:${deal.id}`;
    const { items, note } = handoffItems(ctx, deal, handoffKey);
    const knownCount = items.filter((item) => item.known).length;
    const csmId = ctx.account.csmId ?? null;
    const handedById = wonByOf(deal, ctx.index) ?? deal.ownerId;
    ctx.handoffs.push({
      dealId: deal.id,
      dealName: deal.name,
      closedAt,
      handedById,
      handedByName: handedById ? (ctx.repNames.get(handedById) ?? null) : null,
      csmId,
      csmName: csmId ? (ctx.repNames.get(csmId) ?? null) : null,
      toViewer: csmId !== null && csmId === ctx.viewerId,
      fromViewer: handedById !== null && handedById === ctx.viewerId,
      items,
      knownCount,
    });
    // History: the record arrived after its window had closed, so nobody could have met it.
    const arrivedLate = deal.createdAt > handoffDue;
    if (knownCount < items.length) {
      add(ctx, {
        key: arrivedLate ? `handoffMissed:${deal.id}` : handoffKey,
        rule: 'handoff',
        subject,
        priority: arrivedLate ? 40 : ctx.now > handoffDue ? 92 : 88,
        dueAt: arrivedLate ? null : handoffDue,
        detail: {
          rule: 'handoff',
          dealId: deal.id,
          dealName: deal.name,
          closedAt,
          hoursSinceClose: Math.floor((ctx.now - closedAt) / HOUR_MS),
          hoursLeft: Math.floor((handoffDue - ctx.now) / HOUR_MS),
          daysLate: daysBetweenDates(calendarDateOf(handoffDue, ctx.timeZone), ctx.today),
          deadlineHours: HANDOFF_DEADLINE_HOURS,
          items,
          knownCount,
          blankCount: items.length - knownCount,
          noteSavedAt: note?.occurredAt ?? null,
          missed: arrivedLate,
          csmId,
          csmName: csmId ? (ctx.repNames.get(csmId) ?? null) : null,
        },
        ...handoffWords,
        kind: 'note',
        taskDueAt: Math.max(handoffDue, ctx.now + HOUR_MS),
        vars: { deal: deal.name, csm: csmId ? (ctx.repNames.get(csmId) ?? null) : null },
        // Shown once: a note or a dismissal settles a window that closed before it was recorded.
        retires: arrivedLate ? 'any' : 'openTask',
      });
    }
    const verifyDue = closedAt + NEEDS_VERIFICATION_DAYS * DAY_MS;
    const verifyFact = ctx.playbook.triggerSteps.needsVerification ? factServedBy(ctx.playbook, ctx.playbook.triggerSteps.needsVerification.step.key) : null;
    const verified = verifyFact !== null && checkFact(verifyFact, { ...ctx.factContext, deal: null }).status === 'known';
    // Raised once the handoff window has passed, so the two do not crowd a fresh win; a
    // record that arrived after the 30 days is history, not a task.
    if (!verified && ctx.now >= handoffDue && deal.createdAt <= verifyDue) {
      const daysLeft = daysBetweenDates(ctx.today, calendarDateOf(verifyDue, ctx.timeZone));
      add(ctx, {
        key: `verify:${deal.id}`,
        rule: 'needsVerification',
        subject,
        priority: daysLeft < 0 ? 78 : daysLeft <= 7 ? 70 : 55,
        dueAt: verifyDue,
        detail: {
          rule: 'needsVerification',
          dealId: deal.id,
          dealName: deal.name,
          closedAt,
          daysSinceClose: elapsedDays(closedAt, ctx.now),
          daysLeft,
          deadlineDays: NEEDS_VERIFICATION_DAYS,
          // The verification is the CSM's once the account is handed to one.
          csmName: csmId ? (ctx.repNames.get(csmId) ?? null) : null,
          csmIsViewer: csmId !== null && csmId === ctx.viewerId,
          hasCsm: csmId !== null,
        },
        ...verifyWords,
        kind: 'task',
        taskDueAt: Math.max(verifyDue, ctx.now + DAY_MS),
        vars: { deal: deal.name },
        retires: 'openTask',
        dayScale: true,
      });
    }
    ruleGoLive(ctx, deal, closedAt);
  }
}

/**
 * Signing to go-live within 7 days. A won account still onboarding and not live after that gets
 * a suggestion that escalates: at 14 days a dated plan with the customer's sponsor, at 30 the
 * manager. A record that arrived after the target (imported history) is not chased.
 */
function ruleGoLive(ctx: RuleContext, deal: Deal, closedAt: number): void {
  if (ctx.account.stage !== 'onboarding') return;
  const targetAt = closedAt + GO_LIVE_TARGET_DAYS * DAY_MS;
  if (ctx.now <= targetAt || deal.createdAt > targetAt) return;
  const goLive = ctx.playbook.stages.onboarding.exitCriteria.find((fact) => fact.key === 'goLiveDone');
  if (goLive && checkFact(goLive, { ...ctx.factContext, deal: null }).status === 'known') return;
  const daysSinceClose = elapsedDays(closedAt, ctx.now);
  const level = daysSinceClose >= GO_LIVE_ESCALATE_DAYS[1] ? 3 : daysSinceClose >= GO_LIVE_ESCALATE_DAYS[0] ? 2 : 1;
  add(ctx, {
    key: `goLive:${deal.id}:${level}`,
    rule: 'goLiveLate',
    subject: { type: 'deal', id: deal.id },
    priority: level === 3 ? 88 : level === 2 ? 80 : 70,
    dueAt: targetAt,
    detail: { rule: 'goLiveLate', dealId: deal.id, dealName: deal.name, daysSinceClose, targetDays: GO_LIVE_TARGET_DAYS, level },
    kind: 'task',
    taskDueAt: ctx.now + DAY_MS,
    dayScale: true,
  });
}

function healthDetail(rule: 'healthAtRisk' | 'healthWatch' | 'upsell', account: Account, health: HealthScore | null): SuggestionDetail {
  return {
    rule,
    score: health?.score ?? null,
    band: health?.band ?? null,
    weakest: health?.weakest ?? null,
    measuredOn: account.health?.measuredOn ?? null,
    renewalDate: account.renewalDate,
    trend: account.health ? healthTrendOf(account.health, account.healthHistory) : null,
  };
}

/** Health (adoption and renewal): retention play when at risk, a look when on watch, upsell when healthy. */
function ruleHealth(ctx: RuleContext): void {
  if (ctx.deal !== null || !isLiveCustomerStage(ctx.stage)) return;
  const account = ctx.account;
  const health = account.health ? computeHealthScore(account.health) : null;
  const vars = { score: health?.score ?? null, band: health?.band ?? null };
  if (ctx.stage !== 'onboarding') {
    const ageDays = account.health ? daysBetweenDates(account.health.measuredOn, ctx.today) : null;
    if (ageDays === null || ageDays > HEALTH_MAX_AGE_DAYS) {
      add(ctx, {
        key: `healthOutdated:${account.id}:${account.health?.measuredOn ?? 'never'}`,
        rule: 'healthOutdated',
        priority: 50,
        dueAt: null,
        detail: { rule: 'healthOutdated', measuredOn: account.health?.measuredOn ?? null, ageDays, maxAgeDays: HEALTH_MAX_AGE_DAYS },
        kind: 'task',
        taskDueAt: ctx.now + 7 * DAY_MS,
      });
    }
  }
  if (!health || !account.health) return;
  const measured = account.health.measuredOn;
  if (ctx.stage !== 'onboarding' && account.health.usage < LOW_USAGE_THRESHOLD) {
    add(ctx, {
      key: `lowUsage:${account.id}:${measured}`,
      rule: 'lowUsage',
      priority: 74,
      dueAt: null,
      detail: { rule: 'lowUsage', usage: account.health.usage, threshold: LOW_USAGE_THRESHOLD, measuredOn: measured },
      kind: 'task',
      noteType: 'call',
      taskDueAt: ctx.now + 2 * DAY_MS,
    });
  }
  if (health.band === 'atRisk') {
    const words = stepWords(ctx.playbook.triggerSteps.healthAtRisk);
    add(ctx, {
      key: `health:${account.id}:atRisk:${measured}`,
      rule: 'healthAtRisk',
      priority: 85,
      dueAt: null,
      detail: healthDetail('healthAtRisk', account, health),
      ...words,
      kind: 'task',
      taskDueAt: ctx.now + Math.max(1, words.dueInDays) * DAY_MS,
      vars,
    });
  } else if (health.band === 'watch') {
    const words = stepWords(ctx.playbook.triggerSteps.healthWatch);
    add(ctx, {
      key: `health:${account.id}:watch:${measured}`,
      rule: 'healthWatch',
      priority: 56,
      dueAt: null,
      detail: healthDetail('healthWatch', account, health),
      ...words,
      kind: 'task',
      taskDueAt: ctx.now + Math.max(1, words.dueInDays) * DAY_MS,
      vars,
    });
  }
  if (health.band === 'healthy' && ctx.stage === 'adoption') {
    const words = stepWords(ctx.playbook.triggerSteps.upsell);
    add(ctx, {
      key: `upsell:${account.id}:${measured}`,
      rule: 'upsell',
      priority: 45,
      dueAt: null,
      detail: healthDetail('upsell', account, health),
      ...words,
      kind: 'note',
      taskDueAt: ctx.now + Math.max(1, words.dueInDays) * DAY_MS,
      vars,
    });
  }
}

/** The renewal clock: re-survey from 90 days before, upsell in renewal, and a renewal date gone by. */
function ruleRenewal(ctx: RuleContext): void {
  if (ctx.deal !== null || !isLiveCustomerStage(ctx.stage)) return;
  const account = ctx.account;
  const renewalDate = account.renewalDate;
  if (ctx.stage === 'renewal') {
    const words = stepWords(ctx.playbook.triggerSteps.upsell);
    const health = account.health ? computeHealthScore(account.health) : null;
    add(ctx, {
      key: `upsell:${account.id}:renewal:${renewalDate ?? 'undated'}`,
      rule: 'upsell',
      priority: 48,
      dueAt: null,
      detail: healthDetail('upsell', account, health),
      ...words,
      kind: 'note',
      taskDueAt: ctx.now + Math.max(1, words.dueInDays) * DAY_MS,
      vars: { score: health?.score ?? null, band: health?.band ?? null },
    });
  }
  if (renewalDate === null) return;
  const daysUntil = daysBetweenDates(ctx.today, renewalDate);
  if (daysUntil < 0) {
    add(ctx, {
      key: `renewalPassed:${account.id}:${renewalDate}`,
      rule: 'renewalDatePassed',
      priority: 84,
      dueAt: startOfDateMs(renewalDate, ctx.timeZone),
      detail: { rule: 'renewalDatePassed', renewalDate, daysSinceRenewal: -daysUntil },
      kind: 'note',
      taskDueAt: ctx.now + DAY_MS,
    });
    return;
  }
  if (daysUntil > RENEWAL_SURVEY_LEAD_DAYS) return;
  const words = stepWords(ctx.playbook.triggerSteps.renewalWindow);
  const windowOpened = startOfDateMs(renewalDate, ctx.timeZone) - RENEWAL_SURVEY_LEAD_DAYS * DAY_MS;
  add(ctx, {
    key: `renewalSurvey:${account.id}:${renewalDate}`,
    rule: 'renewalSurvey',
    // Climbs from 68 at 90 days out to 83 on the renewal date.
    priority: 68 + ((RENEWAL_SURVEY_LEAD_DAYS - daysUntil) / RENEWAL_SURVEY_LEAD_DAYS) * 15,
    dueAt: null,
    detail: { rule: 'renewalSurvey', renewalDate, daysUntilRenewal: daysUntil, leadDays: RENEWAL_SURVEY_LEAD_DAYS },
    ...words,
    kind: 'task',
    taskDueAt: Math.max(ctx.now + DAY_MS, windowOpened + Math.max(1, words.dueInDays) * DAY_MS),
    suggestedStage: ctx.stage === 'renewal' ? null : 'renewal',
  });
}

/**
 * Segmentation that follows the money: the account's annual value (won deals closed in the last
 * year, in the bands' currency) falls in another band than its tier. Says the numbers.
 */
function ruleTierBand(ctx: RuleContext): void {
  if (ctx.deal !== null) return;
  const bands = ctx.playbook.tierBands;
  let value = 0;
  let counted = 0;
  let otherCurrency = 0;
  for (const deal of ctx.deals) {
    if (deal.stage !== 'won' || deal.amount === null) continue;
    const closedAt = closedAtOf(deal, ctx.index, ctx.timeZone, ctx.now);
    if (ctx.now - closedAt > ANNUAL_VALUE_DAYS * DAY_MS) continue;
    if (deal.currency !== bands.currency) {
      otherCurrency++;
      continue;
    }
    value += deal.amount;
    counted++;
  }
  if (counted === 0) return;
  const band = tierOfValue(value, bands);
  const tier = ctx.account.sizeTier;
  if (band === tier) return;
  add(ctx, {
    key: `tier:${ctx.account.id}:${band}:${value}`,
    rule: 'tierChange',
    priority: 42,
    dueAt: null,
    detail: { rule: 'tierChange', annualValue: value, currency: bands.currency, dealCount: counted, otherCurrencyDeals: otherCurrency, currentTier: tier, suggestedTier: band, strategicMin: bands.strategicMin, growthMin: bands.growthMin },
    kind: 'note',
  });
}

/** The tier an annual value falls in: strategic from `strategicMin`, growth from `growthMin`, SMB below. */
export function tierOfValue(value: number, bands: Pick<ResolvedPlaybook['tierBands'], 'strategicMin' | 'growthMin'>): 'strategic' | 'growth' | 'smb' {
  if (value >= bands.strategicMin) return 'strategic';
  if (value >= bands.growthMin) return 'growth';
  return 'smb';
}

/**
 * Time in stage: an open deal far longer in its stage than the team's median is flagged even
 * when touched often, because touches are not progress; the advice is the articles' (bring a
 * same-industry case).
 */
function ruleTimeInStage(ctx: RuleContext): void {
  const deals = ctx.deal ? [ctx.deal] : ctx.deals;
  for (const deal of deals) {
    if (!isOpenDealStage(deal.stage)) continue;
    const median = ctx.stageMedians[deal.stage];
    if (!median) continue;
    const entered = stageEnteredAt(ctx.index, { type: 'deal', id: deal.id }, deal.stage, deal.createdAt);
    const daysInStage = elapsedDays(entered, ctx.now);
    if (!isFarPastMedian(daysInStage, median.medianDays)) continue;
    add(ctx, {
      key: `stuck:${deal.id}:${deal.stage}:${entered}`,
      rule: 'timeInStage',
      subject: { type: 'deal', id: deal.id },
      priority: 63,
      dueAt: null,
      detail: { rule: 'timeInStage', dealId: deal.id, dealName: deal.name, stage: deal.stage, daysInStage, medianDays: median.medianDays, sample: median.sample },
      kind: 'note',
      noteType: 'email',
      taskDueAt: ctx.now + 2 * DAY_MS,
    });
  }
}

/** An open deal whose expected close date has gone by: close it or move the date. */
function ruleCloseDates(ctx: RuleContext): void {
  const deals = ctx.deal ? [ctx.deal] : ctx.deals;
  for (const deal of deals) {
    if (!isOpenDealStage(deal.stage) || deal.expectedCloseDate === null) continue;
    const daysPast = daysBetweenDates(deal.expectedCloseDate, ctx.today);
    if (daysPast <= 0) continue;
    add(ctx, {
      key: `closeDate:${deal.id}:${deal.expectedCloseDate}`,
      rule: 'closeDatePassed',
      subject: { type: 'deal', id: deal.id },
      priority: 66,
      dueAt: startOfDateMs(deal.expectedCloseDate, ctx.timeZone) + DAY_MS,
      detail: { rule: 'closeDatePassed', dealId: deal.id, dealName: deal.name, expectedCloseDate: deal.expectedCloseDate, daysPast },
      kind: 'note',
      taskDueAt: ctx.now + DAY_MS,
    });
  }
}

/** How many days before a repeating step is due it starts to show: a week, less for short rhythms. */
function repeatLeadDays(repeatEveryDays: number): number {
  return Math.min(7, Math.floor(repeatEveryDays / 4));
}

/** The stage's own next steps: one-off steps until done, repeating ones (check-ins...) as they come due. */
function rulePlaybookSteps(ctx: RuleContext): void {
  const stage = ctx.playbook.stages[ctx.stage];
  const tier = ctx.account.sizeTier;
  for (const step of stage.nextSteps) {
    if (step.when !== 'inStage') continue;
    if (step.tiers !== null && (tier === null || !step.tiers.includes(tier))) continue;
    if (tier !== null && (step.skipTiers ?? []).includes(tier)) continue;
    const baseKey = `step:${ctx.subject.id}:${ctx.stage}:${step.key}`;
    // A step and the fact it serves are one thing: once the demo is known held, "demo" is done.
    const served = factServedBy(ctx.playbook, step.key);
    if (served && checkFact(served, ctx.factContext).status === 'known') continue;
    let dueAt: number;
    let key = baseKey;
    let lastDoneAt: number | null = null;
    if (step.repeatEveryDays === null) {
      dueAt = ctx.stageEntered + step.dueInDays * DAY_MS;
    } else {
      for (const [usedKey, at] of ctx.index.keyUses) {
        if (usedKey.startsWith(`${baseKey}:`) && (lastDoneAt === null || at > lastDoneAt)) lastDoneAt = at;
      }
      // A check-in is any touch with the customer, whatever it was logged from; counted from
      // the stage entry, since a touch before it belongs to the stage before.
      const touch = step.anyTouchCounts ? ctx.index.lastCustomerTouch : null;
      if (touch && touch.occurredAt >= ctx.stageEntered && (lastDoneAt === null || touch.occurredAt > lastDoneAt)) lastDoneAt = touch.occurredAt;
      dueAt = lastDoneAt !== null ? lastDoneAt + step.repeatEveryDays * DAY_MS : ctx.stageEntered + step.dueInDays * DAY_MS;
      if (ctx.now < dueAt - repeatLeadDays(step.repeatEveryDays) * DAY_MS) continue;
      key = `${baseKey}:${calendarDateOf(dueAt, ctx.timeZone)}`;
    }
    const overdue = ctx.now > dueAt;
    add(ctx, {
      key,
      rule: 'playbookStep',
      priority: step.repeatEveryDays === null ? (overdue ? 50 : 40) : overdue ? 62 : 52,
      dueAt,
      detail: {
        rule: 'playbookStep',
        stepKey: step.key,
        label: step.label,
        dueAt,
        dueInDays: step.dueInDays,
        stageEnteredAt: ctx.stageEntered,
        daysSinceStageEntry: elapsedDays(ctx.stageEntered, ctx.now),
        repeatEveryDays: step.repeatEveryDays,
        lastDoneAt,
      },
      title: step.label,
      why: step.why,
      kind: step.activityType === 'task' ? 'task' : overdue ? 'task' : 'note',
      noteType: noteTypeOf(step.activityType),
      taskDueAt: Math.max(dueAt, ctx.now + HOUR_MS),
      template: step.template,
      dayScale: true,
    });
  }
}

function compareSuggestions(a: Suggestion, b: Suggestion): number {
  if (b.priority !== a.priority) return b.priority - a.priority;
  const aDue = a.dueAt ?? Number.POSITIVE_INFINITY;
  const bDue = b.dueAt ?? Number.POSITIVE_INFINITY;
  if (aDue !== bDue) return aDue - bDue;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/**
 * Every suggestion for the account or deal in view, ranked, with the ones the rep dismissed or
 * snoozed set apart. A pure function of the records and the clock: same input, same list.
 */
export function computeSuggestions(input: SuggestionInput, now: number): SuggestionResult {
  const playbook = input.playbook ?? defaultPlaybook();
  const timeZone = input.timeZone ?? 'UTC';
  const account = input.subject.account;
  const deal = input.subject.type === 'deal' ? input.subject.deal : null;
  const subject: SubjectRef = deal ? { type: 'deal', id: deal.id } : { type: 'account', id: account.id };
  const deals = input.deals.filter((candidate) => candidate.deletedAt === null && candidate.accountId === account.id);
  const index = indexActivities(input.activities, deal?.id ?? null);
  const stage: Stage = deal ? deal.stage : account.stage;
  const createdAt = deal ? deal.createdAt : account.createdAt;

  const ctx: RuleContext = {
    now,
    timeZone,
    playbook,
    account,
    deal,
    subject,
    stage,
    stageEntered: stageEnteredAt(index, subject, stage, createdAt),
    deals,
    factContext: { account, deal, deals, contacts: input.contacts, activities: index.live },
    index,
    today: calendarDateOf(now, timeZone),
    out: [],
    repNames: new Map((input.reps ?? []).map((rep) => [rep.id, rep.name])),
    viewerId: input.viewerId ?? null,
    stageMedians: input.stageMedians ?? {},
    handoffs: [],
  };

  if (account.deletedAt === null && (deal === null || deal.deletedAt === null)) {
    ruleOpenTasks(ctx);
    rulePromises(ctx);
    ruleWonDeals(ctx);
    ruleHealth(ctx);
    ruleRenewal(ctx);
    ruleStaleness(ctx);
    ruleCloseDates(ctx);
    ruleTierBand(ctx);
    ruleTimeInStage(ctx);
    ruleFacts(ctx);
    rulePlaybookSteps(ctx);
  }

  const visible: Suggestion[] = [];
  const hidden: HiddenSuggestion[] = [];
  for (const suggestion of ctx.out) {
    const state = isSuggestionHidden(suggestion, input.suggestionStates, now);
    if (state) hidden.push({ suggestion, ...state });
    else visible.push(suggestion);
  }
  visible.sort(compareSuggestions);
  hidden.sort((a, b) => compareSuggestions(a.suggestion, b.suggestion));
  return { visible, hidden, handoffs: ctx.handoffs };
}

/** The ranked suggestions for the record in view, without the dismissed and snoozed ones. */
export function suggestNextSteps(input: SuggestionInput, now: number): Suggestion[] {
  return computeSuggestions(input, now).visible;
}
