import { guidanceUntilOf } from '../funnel/guidance-window';
import type { ActivityType } from '../schemas/activity';

/**
 * The activity row with `guidanceUntil` derived (schema v12): the key of the sparse
 * `[accountId+guidanceUntil]` index through which the card reads the old activities its
 * guidance still needs (lib/funnel/guidance-window.ts). Rows nothing needs by age carry none,
 * so IndexedDB leaves them out of the index.
 */
export function withGuidanceKey<R extends Record<string, unknown>>(entity: string, row: R): R {
  if (entity !== 'activity') return row;
  const { guidanceUntil: _previous, ...rest } = row;
  const until = guidanceUntilOf({
    type: row.type as ActivityType,
    deletedAt: (row.deletedAt as number | null | undefined) ?? null,
    suggestionKey: (row.suggestionKey as string | null | undefined) ?? null,
    completedAt: (row.completedAt as number | null | undefined) ?? null,
    dueAt: (row.dueAt as number | null | undefined) ?? null,
    followUpAt: (row.followUpAt as number | null | undefined) ?? null,
    stageChange: row.stageChange ?? null,
  });
  return (until === null ? rest : { ...rest, guidanceUntil: until }) as R;
}
