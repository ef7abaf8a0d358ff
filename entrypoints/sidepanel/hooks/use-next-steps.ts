import { useLiveQuery } from 'dexie-react-hooks';
import type { NextStepView } from '@/components/AccountHeader';
import { useLocale } from '@/components/i18n';
import { getDb } from '@/lib/db/instance';

const TIME_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;
const loadNextStepsIo = () => import('../next-steps-io');

/**
 * The account's top next steps for the header, from the same rules and wording as the
 * guidance section below (lib/funnel): the first `limit` of the visible suggestions. Read
 * again when the records change and as the clock moves; null until the first read.
 */
export function useNextSteps(accountId: string, nowMs: number, limit = 2): NextStepView[] | null {
  const db = getDb();
  const locale = useLocale();
  const steps = useLiveQuery(async () => {
    const io = await loadNextStepsIo();
    const input = await io.loadSuggestionInput(db, { type: 'account', id: accountId });
    if (!input) return [];
    // A record written a moment ago must not look like the future to a clock that last ticked before it.
    const now = Math.max(nowMs, Date.now());
    return io
      .computeSuggestions({ ...input, timeZone: TIME_ZONE }, now)
      .visible.slice(0, limit)
      .map((suggestion) => {
        const text = io.explainSuggestion(suggestion, locale, TIME_ZONE);
        return { key: `${suggestion.subject.id}:${suggestion.key}`, title: text.title, reason: text.reason, urgency: suggestion.urgency };
      });
  }, [db, accountId, nowMs, locale, limit]);
  return steps ?? null;
}
