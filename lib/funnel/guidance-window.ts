import type { ActivityType, PlaybookFact, Stage } from '../schemas';
import { TOUCH_TYPES } from './touch-types';

/**
 * Which of an account's activities the suggestion rules (suggest.ts) and "What we know"
 * (facts.ts) can use, so the card reads those instead of a long account's whole history.
 * The rules use, from the history:
 * - every stage change, every activity made from a suggestion (its key retires the
 *   suggestion, its note fills a checklist), every open task with a due date: whatever their
 *   age, so they are kept in a sparse index (`guidanceUntil`, see `guidanceUntilOf`);
 * - a promise (a touch with a follow-up date or a next step) that the latest touch has not
 *   kept: one with a date is kept in the index under that date, since only a date after the
 *   latest touch can be unkept; one without a date falls due a stage's cadence after it
 *   was made, so it is among the activities since the latest touch minus the longest cadence;
 * - the latest touch and the latest touch with the customer (staleness, churn, check-ins);
 * - the latest activity that shows an activity fact by its type and words (a demo meeting).
 * The last three are "the newest that...", found by reading the history newest first until
 * each is seen (`GuidanceWalk`).
 */

/** A stage change, key use or open task is needed whatever its age. */
export const GUIDANCE_ALWAYS = Infinity;

interface GuidanceRow {
  type: ActivityType;
  deletedAt: number | null;
  suggestionKey: string | null;
  completedAt: number | null;
  dueAt: number | null;
  followUpAt: number | null;
  stageChange: unknown;
}

/** The row's key in the guidance index, or null when only its age decides whether it is read. */
export function guidanceUntilOf(row: GuidanceRow): number | null {
  if (row.deletedAt !== null) return null;
  if (row.suggestionKey !== null) return GUIDANCE_ALWAYS;
  // A stage change without its move is skipped by every rule (an import's bare row).
  if (row.type === 'stage_change') return row.stageChange ? GUIDANCE_ALWAYS : null;
  if (row.type === 'task') return row.completedAt === null && row.dueAt !== null ? GUIDANCE_ALWAYS : null;
  if (TOUCH_TYPES.has(row.type) && row.followUpAt !== null) return row.followUpAt;
  return null;
}

const CUSTOMER_TOUCH_TYPES: ReadonlySet<ActivityType> = new Set(['call', 'email', 'meeting', 'visit', 'message']);
/** The rules' cadence when a stage has none (suggest.ts DEFAULT_PROMISE_DAYS). */
const DEFAULT_CADENCE_DAYS = 7;
const DAY_MS = 86_400_000;

interface WalkedActivity {
  type: ActivityType;
  deletedAt: number | null;
  occurredAt: number;
  subject: string | null;
  body: string;
}

interface KeywordFact {
  types: readonly string[];
  keywords: string[];
}

/** The facts a logged activity shows by its type and words, for the walk to find the newest of. */
function keywordFactsOf(facts: readonly PlaybookFact[]): KeywordFact[] {
  const found: KeywordFact[] = [];
  for (const fact of facts) {
    const source = fact.satisfiedBy;
    if (source.kind !== 'activity' || source.types.length === 0 || source.keywords.length === 0) continue;
    found.push({ types: source.types, keywords: source.keywords.map((word) => word.toLowerCase()) });
  }
  return found;
}

/** The playbook's shape the walk needs: each stage's cadence and facts. */
export interface GuidancePlaybook {
  stages: Record<Stage, { cadenceDays: number | null; exitCriteria: readonly PlaybookFact[]; keyFacts: readonly PlaybookFact[] }>;
}

/**
 * Reads the account's history newest first, in pages, and says when enough is read: the
 * latest touch and latest customer touch are seen, every activity-shown fact has its newest
 * match, and the pages reach back past the latest touch by the longest cadence. An account
 * that never shows a fact is read to its start, as before; the facts' words are the
 * playbook's, which a team can change, so they cannot be kept in an index.
 */
export class GuidanceWalk {
  private lastTouchAt: number | null = null;
  private customerTouchSeen = false;
  private readonly unseenFacts: KeywordFact[];
  private readonly lookBackMs: number;

  constructor(playbook: GuidancePlaybook) {
    const stages = Object.values(playbook.stages);
    this.unseenFacts = keywordFactsOf(stages.flatMap((stage) => [...stage.exitCriteria, ...stage.keyFacts]));
    this.lookBackMs = Math.max(DEFAULT_CADENCE_DAYS, ...stages.map((stage) => stage.cadenceDays ?? DEFAULT_CADENCE_DAYS)) * DAY_MS;
  }

  /** Takes the next page (newest first); true when nothing older is needed. */
  take(page: readonly WalkedActivity[]): boolean {
    for (const activity of page) {
      if (activity.deletedAt !== null) continue;
      if (TOUCH_TYPES.has(activity.type) && this.lastTouchAt === null) this.lastTouchAt = activity.occurredAt;
      if (CUSTOMER_TOUCH_TYPES.has(activity.type)) this.customerTouchSeen = true;
      if (this.unseenFacts.length > 0) {
        const text = `${activity.subject ?? ''}\n${activity.body}`.toLowerCase();
        for (let i = this.unseenFacts.length - 1; i >= 0; i--) {
          const fact = this.unseenFacts[i]!;
          if (fact.types.includes(activity.type) && fact.keywords.some((word) => text.includes(word))) this.unseenFacts.splice(i, 1);
        }
      }
    }
    const oldest = page[page.length - 1];
    return (
      this.lastTouchAt !== null &&
      this.customerTouchSeen &&
      this.unseenFacts.length === 0 &&
      oldest !== undefined &&
      oldest.occurredAt < this.lastTouchAt - this.lookBackMs
    );
  }

  /** Where the guidance index is read from: a dated promise before the latest touch is kept unless its date is later. */
  indexFrom(): number | null {
    return this.lastTouchAt;
  }
}
