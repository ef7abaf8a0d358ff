import type { ActivityType } from '../schemas/activity';

// Apart from suggest.ts: the store's touch summary (lib/db/touch-summary.ts) needs these in the
// sidebar's first paint, and suggest.ts brings the whole funnel (and Zod) with it.

/** A live touch on an account, as the staleness rule counts it. */
export const TOUCH_TYPES: ReadonlySet<ActivityType> = new Set(['note', 'call', 'email', 'meeting', 'visit', 'message']);
