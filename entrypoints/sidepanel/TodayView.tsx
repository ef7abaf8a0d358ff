import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState } from 'react';
import { useLocale, useMessages } from '@/components/i18n';
import { TodayList, type TodayGroupView } from '@/components/today/TodayList';
import { completeTask, decideSuggestion } from '@/lib/db/funnel-queries';
import { getDb } from '@/lib/db/instance';
import { countTodayLeftOut, loadTodayFirstPage, TODAY_FIRST_PAGE } from '@/lib/db/today';
import { snoozeUntil } from '@/lib/funnel/suggestion-state';
import { todayMessages } from '@/lib/i18n/messages/today';
import { buildToday, describeTodayItem, leftOutCounts, TODAY_GROUPS, withNextPage, type TodayItem, type TodayLimits } from '@/lib/today';
import { useUiStore } from './store';
import { requestReminderRefresh, requestSync } from './write-context';

const TIME_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * Today, wired: the indexed read of the first page, then its left-out counts (each re-run when
 * the records change), the pure list, and done
 * and snooze through the card's own write paths (complete the task, or record the rep's
 * decision about the suggestion), so the card and Today always agree.
 */
export default function TodayView({
  repId,
  reps,
  nowMs,
  onOpenAccount,
}: {
  repId: string | null;
  reps?: ReadonlyArray<{ id: string; name: string }>;
  nowMs: number;
  onOpenAccount: (accountId: string) => void;
}) {
  const db = getDb();
  const locale = useLocale();
  const t = useMessages(todayMessages);
  const pushToast = useUiStore((state) => state.pushToast);
  // Opening Today reads the first page; each "show more" raises one kind's limit for as long as
  // the view is open, and the live read re-runs with it (the list on screen stays until then).
  const [limits, setLimits] = useState<TodayLimits>(TODAY_FIRST_PAGE);
  const loaded = useLiveQuery(async () => ({ page: await loadTodayFirstPage(db, Date.now(), { repId, reps, timeZone: TIME_ZONE, limits }), readAt: Date.now() }), [db, repId, reps, limits]);
  // Then the "N more" counts, which walk whole ranges: a second live read, started once the list
  // is on screen. Until it answers for this page, the last counts stay (a "show more" keeps its line).
  const counted = useLiveQuery(async () => (loaded ? { page: loaded.page, counts: await countTodayLeftOut(db, loaded.page.tally) } : undefined), [db, loaded]);
  const counting = !counted || counted.page !== loaded?.page;
  const now = Math.max(nowMs, loaded?.readAt ?? 0);
  const result = useMemo(() => (loaded ? buildToday(loaded.page.input, now) : null), [loaded, now]);

  const byId = new Map<string, TodayItem>();
  const groups: TodayGroupView[] | null = result
    ? TODAY_GROUPS.map((group) => ({
        group,
        items: result.groups[group].map((item) => {
          byId.set(item.id, item);
          const text = describeTodayItem(item, locale, TIME_ZONE);
          return { id: item.id, accountName: item.account.name, title: text.title, reason: text.reason, overdue: group === 'overdue' };
        }),
      }))
    : null;

  const act = (work: () => Promise<unknown>, message: string, reminders: boolean) =>
    void work().then(
      () => {
        requestSync('write');
        if (reminders) requestReminderRefresh();
        pushToast({ message, tone: 'info', action: null });
      },
      (cause: unknown) => pushToast({ message: cause instanceof Error ? cause.message : String(cause), tone: 'error', action: null }),
    );

  const titleOf = (item: TodayItem) => describeTodayItem(item, locale, TIME_ZONE).title;

  return (
    <section className="sn-card" data-testid="today" aria-labelledby="sn-today-title">
      <h2 id="sn-today-title" className="sn-section-title" tabIndex={-1}>
        {t.todayTitle}
      </h2>
      <TodayList
        groups={groups}
        hiddenCount={result?.hiddenCount ?? 0}
        {...leftOutCounts(counted?.counts)}
        counting={counting}
        focusFirst
        onShowMore={(key) => setLimits((current) => withNextPage(current, key))}
        onOpen={(id) => {
          const item = byId.get(id);
          if (item) onOpenAccount(item.account.id);
        }}
        onDone={(id) => {
          const item = byId.get(id);
          if (!item) return;
          const ctx = { repId, now: Date.now() };
          // A task is done when completed; any other item is done when the rep says so (dismissed).
          if (item.taskId) act(() => completeTask(db, item.taskId!, ctx), t.markedDone(titleOf(item)), true);
          else act(() => decideSuggestion(db, item, { status: 'dismissed' }, ctx), t.markedDone(titleOf(item)), false);
        }}
        onSnooze={(id) => {
          const item = byId.get(id);
          if (!item) return;
          const at = Date.now();
          act(() => decideSuggestion(db, item, { status: 'snoozed', until: snoozeUntil('tomorrow', at, TIME_ZONE) }, { repId, now: at }), t.snoozed(titleOf(item)), false);
        }}
      />
    </section>
  );
}
