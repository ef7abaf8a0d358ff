import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useRef } from 'react';
import type { NextStepView } from '@/components/AccountHeader';
import { useLocale } from '@/components/i18n';
import { getDb } from '@/lib/db/instance';
import type { SuggestionInput } from '@/lib/funnel/suggest';

const TIME_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;
const loadNextStepsIo = () => import('../next-steps-io');

/** The account's records for its guidance, as read once for the whole card. */
export interface GuidanceRead {
  accountId: string;
  /** Null when the account is not stored here. */
  input: SuggestionInput | null;
  /** When the read ran: a record written a moment ago must not look like the future to a clock that last ticked before it. */
  readAt: number;
  /** The rules and their wording, loaded with the read (they are not in the first screen's script). */
  rules: Awaited<ReturnType<typeof loadNextStepsIo>>;
}

/**
 * The account's history for its guidance, read once per card and shared by the header's top
 * next steps, the guidance section, its stage path and "What we know". Each of them used to
 * read all of a long account's activities on its own, four reads of 1,000 records competing
 * with the card's first frame; this one starts only when `enabled` (the card passes "the
 * first timeline items are painted") and is read again when the records change.
 */
export function useGuidanceRead(accountId: string, enabled: boolean): GuidanceRead | undefined {
  const db = getDb();
  // The read in flight, stopped when the card closes or shows another account: its work
  // would otherwise compete with the next card's first frame.
  const inFlight = useRef<AbortController | null>(null);
  useEffect(() => () => inFlight.current?.abort(), [accountId]);
  const read = useLiveQuery(async () => {
    if (!enabled) return undefined;
    const controller = new AbortController();
    inFlight.current = controller;
    const rules = await loadNextStepsIo();
    try {
      const input = await rules.loadSuggestionInput(db, { type: 'account', id: accountId }, undefined, controller.signal);
      return { accountId, input, readAt: Date.now(), rules };
    } catch (error) {
      if (controller.signal.aborted) return undefined;
      throw error;
    }
  }, [db, accountId, enabled]);
  return read?.accountId === accountId ? read : undefined;
}

/**
 * The account's top next steps for the header, from the same rules and wording as the
 * guidance section below (lib/funnel): the first `limit` of the visible suggestions, from the
 * card's one guidance read; recomputed as the clock moves. Null until that read arrives.
 */
export function useNextSteps(read: GuidanceRead | undefined, nowMs: number, limit = 2): NextStepView[] | null {
  const locale = useLocale();
  return useMemo(() => {
    if (!read) return null;
    const { input, rules, readAt } = read;
    if (!input) return [];
    return rules
      .computeSuggestions({ ...input, timeZone: TIME_ZONE }, Math.max(nowMs, readAt))
      .visible.slice(0, limit)
      .map((suggestion) => {
        const text = rules.explainSuggestion(suggestion, locale, TIME_ZONE);
        return { key: `${suggestion.subject.id}:${suggestion.key}`, title: text.title, reason: text.reason, urgency: suggestion.urgency };
      });
  }, [read, nowMs, locale, limit]);
}
