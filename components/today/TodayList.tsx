import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { todayMessages } from '@/lib/i18n/messages/today';
import type { TodayGroup } from '@/lib/today/build';
import { leftOutCounts, TODAY_LEFT_OUT, TODAY_PAGE_STEP, type TodayLeftOut, type TodayLeftOutKey } from '@/lib/today/left-out';
import { useMessages } from '../i18n';
import './today.css';

export interface TodayItemView {
  id: string;
  accountName: string;
  title: string;
  /** The same reason text as on the account's card. */
  reason: string;
  overdue: boolean;
}

export interface TodayGroupView {
  group: TodayGroup;
  items: readonly TodayItemView[];
}

/** The read's left-out counts (`TODAY_LEFT_OUT`), each worded under the list when above 0. */
export interface TodayListProps extends Partial<TodayLeftOut> {
  /** Null while the first read runs. */
  groups: readonly TodayGroupView[] | null;
  /**
   * The left-out counts are read after the list (they walk whole ranges): while they are, the
   * lines already given stay, a status says so when there are none yet, and "nothing is due"
   * waits for them.
   */
  counting?: boolean;
  hiddenCount: number;
  /** Items shown per group before "show more". */
  initialLimit?: number;
  onOpen: (id: string) => void;
  onDone: (id: string) => void;
  onSnooze: (id: string) => void;
  /** Put the keyboard on the first item once the list has loaded (the view was just opened). */
  focusFirst?: boolean;
  /**
   * Load the next page of a kind the read left out; each left-out line is then a button. Absent:
   * the lines are only said.
   */
  onShowMore?: (key: TodayLeftOutKey) => void;
}

const GROUP_TITLE = { overdue: 'groupOverdue', today: 'groupToday', thisWeek: 'groupThisWeek', later: 'groupLater' } as const;

/**
 * The rep's work across accounts, grouped by urgency. Keyboard: ↑/↓ (and Home/End) move
 * between items, Enter opens the item's account, D marks it done, S snoozes it to tomorrow.
 */
export function TodayList(props: TodayListProps) {
  const { groups, hiddenCount, initialLimit = 30, onOpen, onDone, onSnooze, focusFirst = false, onShowMore, counting = false } = props;
  const leftOut = leftOutCounts(props);
  const t = useMessages(todayMessages);
  const listRef = useRef<HTMLDivElement>(null);
  const [expanded, setExpanded] = useState<ReadonlySet<TodayGroup>>(new Set());
  const loaded = groups !== null;
  const focused = useRef(false);
  useEffect(() => {
    if (!focusFirst || !loaded || focused.current) return;
    focused.current = true;
    listRef.current?.querySelector<HTMLButtonElement>('[data-today-open]')?.focus();
  }, [focusFirst, loaded]);
  // A "show more" whose kind is then all listed goes away: the keyboard moves on to the next
  // left-out line, else to the last item, never to <body>.
  const showingMore = useRef<{ key: TodayLeftOutKey; count: number } | null>(null);
  useEffect(() => {
    const pending = showingMore.current;
    const list = listRef.current;
    if (!pending || !list) return;
    const button = list.querySelector<HTMLButtonElement>(`[data-today-more="${pending.key}"]`);
    if (button && leftOut[pending.key] === pending.count) return;
    showingMore.current = null;
    if (button || document.activeElement !== document.body) return;
    const next = list.querySelector<HTMLButtonElement>('[data-today-more]') ?? [...list.querySelectorAll<HTMLButtonElement>('[data-today-open]')].pop();
    next?.focus();
  });

  if (groups === null) {
    return (
      <p className="sn-muted" role="status">
        {t.todayLoading}
      </p>
    );
  }
  const total = groups.reduce((sum, group) => sum + group.items.length, 0);

  const openers = () => [...(listRef.current?.querySelectorAll<HTMLButtonElement>('[data-today-open]') ?? [])];
  const moveFocus = (from: HTMLElement, to: 'next' | 'previous' | 'first' | 'last') => {
    const all = openers();
    const index = all.indexOf(from as HTMLButtonElement);
    const target = to === 'first' ? 0 : to === 'last' ? all.length - 1 : to === 'next' ? Math.min(all.length - 1, index + 1) : Math.max(0, index - 1);
    all[target]?.focus();
  };
  /** After done or snooze the item leaves the list: focus goes to its neighbour, never to <body>. */
  const keepFocusNear = (from: HTMLElement) => {
    const all = openers();
    const index = all.indexOf(from as HTMLButtonElement);
    const neighbour = all[index + 1] ?? all[index - 1];
    setTimeout(() => (neighbour?.isConnected ? neighbour : openers()[Math.max(0, index - 1)])?.focus(), 0);
  };

  const onItemKeyDown = (event: KeyboardEvent<HTMLButtonElement>, item: TodayItemView) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const key = event.key;
    const handled = ['ArrowDown', 'ArrowUp', 'Home', 'End', 'd', 'D', 's', 'S'].includes(key);
    if (!handled) return;
    event.preventDefault();
    // The panel's own single-key shortcuts must not also fire.
    event.stopPropagation();
    if (key === 'ArrowDown') moveFocus(event.currentTarget, 'next');
    else if (key === 'ArrowUp') moveFocus(event.currentTarget, 'previous');
    else if (key === 'Home') moveFocus(event.currentTarget, 'first');
    else if (key === 'End') moveFocus(event.currentTarget, 'last');
    else if (key === 'd' || key === 'D') {
      keepFocusNear(event.currentTarget);
      onDone(item.id);
    } else {
      keepFocusNear(event.currentTarget);
      onSnooze(item.id);
    }
  };

  return (
    <div ref={listRef} className="sn-today">
      <p className="sn-muted sn-today__hint">{t.todayHint}</p>
      {total === 0 && !counting && TODAY_LEFT_OUT.every((key) => leftOut[key] === 0) && <p className="sn-muted">{t.todayEmpty}</p>}
      {groups
        .filter((group) => group.items.length > 0)
        .map((group) => {
          const headingId = `sn-today-${group.group}`;
          const shown = expanded.has(group.group) ? group.items : group.items.slice(0, initialLimit);
          return (
            <section key={group.group} className={`sn-today__group sn-today__group--${group.group}`} aria-labelledby={headingId}>
              <h3 id={headingId} className="sn-section-title">
                <span>{t[GROUP_TITLE[group.group]]}</span>
                <span className="sn-muted">{t.groupCount(group.items.length)}</span>
              </h3>
              <ul className="sn-today__items">
                {shown.map((item) => (
                  <li key={item.id} className="sn-today__item" data-overdue={item.overdue || undefined}>
                    <button
                      type="button"
                      className="sn-today__open"
                      data-today-open=""
                      aria-describedby={`${item.id}-reason`}
                      onClick={() => onOpen(item.id)}
                      onKeyDown={(event) => onItemKeyDown(event, item)}
                    >
                      <span className="sn-today__account">{item.accountName}</span>
                      {' · '}
                      <span className="sn-today__title">{item.title}</span>
                    </button>
                    <span id={`${item.id}-reason`} className="sn-today__reason sn-muted">
                      {item.reason}
                    </span>
                    <span className="sn-today__actions">
                      <TodayItemAction label={t.done} ariaLabel={t.doneLabel(item.title)} keepFocusNear={keepFocusNear} onRun={() => onDone(item.id)} />
                      <TodayItemAction label={t.snooze} ariaLabel={t.snoozeLabel(item.title)} keepFocusNear={keepFocusNear} onRun={() => onSnooze(item.id)} />
                    </span>
                  </li>
                ))}
              </ul>
              {shown.length < group.items.length && (
                <button type="button" className="sn-link" onClick={() => setExpanded(new Set([...expanded, group.group]))}>
                  {t.moreItems(group.items.length - shown.length)}
                </button>
              )}
            </section>
          );
        })}
      {TODAY_LEFT_OUT.map((key) => {
        const count = leftOut[key];
        if (count === 0) return null;
        if (!onShowMore) {
          return (
            <p key={key} className="sn-muted">
              {t[key](count)}
            </p>
          );
        }
        return (
          <p key={key} className="sn-muted">
            <button
              type="button"
              className="sn-link sn-today__more"
              data-today-more={key}
              onClick={() => {
                showingMore.current = { key, count };
                onShowMore(key);
              }}
            >
              <span>{t[key](count)}</span> <span>{t.moreItems(Math.min(count, TODAY_PAGE_STEP))}</span>
            </button>
          </p>
        );
      })}
      {counting && TODAY_LEFT_OUT.every((key) => leftOut[key] === 0) && (
        <p className="sn-muted" role="status">
          {t.todayCounting}
        </p>
      )}
      {hiddenCount > 0 && <p className="sn-muted">{t.hiddenCount(hiddenCount)}</p>}
    </div>
  );
}

/** Done or snooze on one item: focus stays on the list, near the item, after it goes. */
function TodayItemAction({ label, ariaLabel, keepFocusNear, onRun }: { label: string; ariaLabel: string; keepFocusNear: (from: HTMLElement) => void; onRun: () => void }) {
  return (
    <button
      type="button"
      className="sn-button sn-button--ghost sn-button--small"
      aria-label={ariaLabel}
      onClick={(event) => {
        keepFocusNear(event.currentTarget.closest('li')!.querySelector('[data-today-open]')!);
        onRun();
      }}
    >
      {label}
    </button>
  );
}
