import { useEffect, useRef, useState } from 'react';
import { coreMessages } from '@/lib/i18n/messages/core';
import { cutText } from '@/lib/schemas/text';
import type { Activity, ActivityType } from '@/lib/schemas';
import { ACTIVITY_TYPES } from '@/lib/schemas/enums';
import { useFormatters, useMessages } from './i18n';
import { useFocusOnMount } from './use-focus-on-mount';

interface TimelineProps {
  activities: readonly Activity[];
  filter: readonly ActivityType[];
  onFilterChange: (types: ActivityType[]) => void;
  authorName: (authorId: string | null) => string | null;
  nowMs: number;
  hasMore: boolean;
  onLoadMore: () => void;
  onEdit: (activity: Activity, body: string) => void;
  onDelete: (activity: Activity) => void;
  onToggleDone: (activity: Activity) => void;
  /** Only the author may change an activity. */
  canEdit: (activity: Activity) => boolean;
  /** A deal's name, to say which record a stage change moved. */
  dealName: (dealId: string) => string | null;
}

function safeHref(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The card paints what a rep sees first: the first items of the loaded page. More are rendered
 * as the list scrolls near them (or on the button, by keyboard), so a 1,000-activity account
 * costs the card a screenful of items, not the whole page.
 */
export const TIMELINE_FIRST_RENDER = 12;
const TIMELINE_RENDER_STEP = 25;
/** How far below the viewport the next items start rendering, so scrolling rarely meets the button. */
const RENDER_AHEAD_PX = 800;

/** Long notes (pasted emails, meeting minutes) show their start until the rep asks for all of it. */
export const NOTE_PREVIEW_CHARS = 400;
export const NOTE_PREVIEW_LINES = 6;

/** The shown start of a long body, or null when the body is short enough to show whole. */
export function previewOfBody(body: string): string | null {
  let end = body.length;
  let lines = 1;
  for (let i = 0; i < body.length && i < end; i++) {
    if (body.charCodeAt(i) === 10 && ++lines > NOTE_PREVIEW_LINES) end = i;
  }
  if (end === body.length && body.length <= NOTE_PREVIEW_CHARS) return null;
  return `${cutText(body.slice(0, end), NOTE_PREVIEW_CHARS).trimEnd()}…`;
}

function ActivityBody({ body }: { body: string }) {
  const t = useMessages(coreMessages);
  const [expanded, setExpanded] = useState(false);
  const preview = previewOfBody(body);
  if (preview === null) return <p className="sn-activity__body">{body}</p>;
  return (
    <>
      <p className="sn-activity__body">{expanded ? body : preview}</p>
      <button type="button" className="sn-button sn-button--ghost sn-button--small" aria-expanded={expanded} onClick={() => setExpanded(!expanded)}>
        {expanded ? t.showLess : t.showAll}
      </button>
    </>
  );
}

/** Renders more items when its button nears the viewport; the button does the same by keyboard. */
function RenderMore({ count, onMore }: { count: number; onMore: () => void }) {
  const t = useMessages(coreMessages);
  const ref = useRef<HTMLButtonElement>(null);
  const onMoreRef = useRef(onMore);
  useEffect(() => {
    onMoreRef.current = onMore;
  });
  useEffect(() => {
    const button = ref.current;
    if (!button || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) onMoreRef.current();
    }, { rootMargin: `0px 0px ${RENDER_AHEAD_PX}px 0px` });
    observer.observe(button);
    return () => observer.disconnect();
  }, [count]);
  return (
    <button ref={ref} type="button" className="sn-button sn-button--small" onClick={onMore}>
      {t.showMoreItems(count)}
    </button>
  );
}

function EditField({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const ref = useFocusOnMount<HTMLTextAreaElement>();
  return <textarea ref={ref} className="sn-textarea" value={value} onChange={(e) => onChange(e.target.value)} />;
}

/** An account's activities, newest first. Everything from pages or people is rendered as text. */
export function Timeline(props: TimelineProps) {
  const { activities, filter, onFilterChange, authorName, nowMs, hasMore, onLoadMore, onEdit, onDelete, onToggleDone, canEdit, dealName } = props;
  const t = useMessages(coreMessages);
  const format = useFormatters();
  const [editing, setEditing] = useState<{ id: string; body: string } | null>(null);
  const [rendered, setRendered] = useState(TIMELINE_FIRST_RENDER);
  const shown = activities.length > rendered ? activities.slice(0, rendered) : activities;
  const notRendered = activities.length - shown.length;
  const toggle = (type: ActivityType) => onFilterChange(filter.includes(type) ? filter.filter((f) => f !== type) : [...filter, type]);

  return (
    <section className="sn-card" aria-labelledby="sn-timeline-title" data-testid="timeline">
      <h2 id="sn-timeline-title" className="sn-section-title" tabIndex={-1}>
        {t.timeline}
      </h2>
      <div className="sn-chip-row" role="group" aria-label={t.filterBy}>
        <button type="button" className="sn-chip" aria-pressed={filter.length === 0} onClick={() => onFilterChange([])}>
          {t.filterAll}
        </button>
        {ACTIVITY_TYPES.map((type) => (
          <button key={type} type="button" className="sn-chip" aria-pressed={filter.includes(type)} onClick={() => toggle(type)}>
            {t[`type_${type}`]}
          </button>
        ))}
      </div>
      {activities.length === 0 ? (
        <p className="sn-empty">{t.emptyTimeline}</p>
      ) : (
        <ol className="sn-timeline">
          {shown.map((activity) => {
            const what = t[`type_${activity.type}`];
            const author = authorName(activity.authorId);
            const href = activity.source ? safeHref(activity.source.url) : undefined;
            const isEditing = editing?.id === activity.id;
            return (
              <li key={activity.id} className={`sn-activity sn-activity--${activity.type}`} data-testid="timeline-item" data-activity-type={activity.type}>
                <div className="sn-activity__meta">
                  <span className="sn-activity__type">{what}</span>
                  {activity.type === 'call' && activity.callOutcome && <span className="sn-badge sn-badge--muted">{t[`outcome_${activity.callOutcome}`]}</span>}
                  {activity.durationSeconds ? <span>{format.duration(activity.durationSeconds)}</span> : null}
                  {activity.channel && <span>{t[`channel_${activity.channel}`]}</span>}
                  <time dateTime={new Date(activity.occurredAt).toISOString()} title={format.dateTime(activity.occurredAt)}>
                    {format.relative(activity.occurredAt, nowMs)}
                  </time>
                  {author && <span>{t.by(author)}</span>}
                  {activity.visibility === 'private' && <span className="sn-badge sn-badge--muted">{t.privateNote}</span>}
                </div>
                {activity.subject && <strong>{activity.subject}</strong>}
                {activity.stageChange && (
                  <p className="sn-activity__body">
                    {activity.stageChange.subject === 'account'
                      ? t.stageOfAccount
                      : t.stageOfDeal(dealName(activity.stageChange.subjectId) ?? t.deal)}{' '}
                    {t.stageMoved(activity.stageChange.from ? t[`stage_${activity.stageChange.from}`] : '—', t[`stage_${activity.stageChange.to}`])}
                  </p>
                )}
                {isEditing ? (
                  // Ctrl/Cmd+Enter saves and Escape cancels from the field: delegated to the form.
                  // eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions
                  <form
                    className="sn-form"
                    onSubmit={(event) => {
                      event.preventDefault();
                      onEdit(activity, editing.body);
                      setEditing(null);
                    }}
                    onKeyDown={(event) => {
                      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
                        event.preventDefault();
                        onEdit(activity, editing.body);
                        setEditing(null);
                      } else if (event.key === 'Escape') {
                        setEditing(null);
                      }
                    }}
                  >
                    <label className="sn-field">
                      <span className="sn-visually-hidden">{t.editActivity(what)}</span>
                      <EditField value={editing.body} onChange={(body) => setEditing({ id: activity.id, body })} />
                    </label>
                    <div className="sn-form__actions">
                      <button type="button" className="sn-button sn-button--small" onClick={() => setEditing(null)}>
                        {t.cancel}
                      </button>
                      <button type="submit" className="sn-button sn-button--small sn-button--primary">
                        {t.saveChanges}
                      </button>
                    </div>
                  </form>
                ) : (
                  activity.body && <ActivityBody body={activity.body} />
                )}
                {(activity.nextStep || activity.followUpAt) && (
                  <p className="sn-activity__detail">
                    {activity.nextStep ? `${t.nextStep}: ${activity.nextStep}` : ''}
                    {activity.nextStep && activity.followUpAt ? ' · ' : ''}
                    {activity.followUpAt ? t.followUpDue(format.date(activity.followUpAt)) : ''}
                  </p>
                )}
                {activity.type === 'task' && activity.dueAt !== null && (
                  <p className="sn-activity__detail">
                    {activity.completedAt ? t.done : t.dueLabel(format.dateTime(activity.dueAt))}
                  </p>
                )}
                {activity.source && (
                  <span className="sn-activity__source">
                    {activity.source.threadSubject ? `${t.thread}: ${activity.source.threadSubject} · ` : `${t.writtenOn} `}
                    {href ? (
                      <a href={href} target="_blank" rel="noreferrer noopener" title={activity.source.url}>
                        {activity.source.title || activity.source.url}
                      </a>
                    ) : (
                      activity.source.title
                    )}
                  </span>
                )}
                {canEdit(activity) && activity.type !== 'stage_change' && !isEditing && (
                  <div className="sn-activity__actions">
                    {activity.type === 'task' && (
                      <button type="button" className="sn-button sn-button--ghost sn-button--small" aria-pressed={activity.completedAt !== null} onClick={() => onToggleDone(activity)}>
                        {activity.completedAt ? t.done : t.markDone}
                      </button>
                    )}
                    <button type="button" className="sn-button sn-button--ghost sn-button--small" aria-label={t.editActivity(what)} onClick={() => setEditing({ id: activity.id, body: activity.body })}>
                      {t.edit}
                    </button>
                    <button type="button" className="sn-button sn-button--ghost sn-button--small sn-button--danger" aria-label={t.deleteActivity(what)} onClick={() => onDelete(activity)}>
                      {t.delete}
                    </button>
                  </div>
                )}
              </li>
            );
          })}
        </ol>
      )}
      {notRendered > 0 && <RenderMore count={Math.min(notRendered, TIMELINE_RENDER_STEP)} onMore={() => setRendered(shown.length + TIMELINE_RENDER_STEP)} />}
      {hasMore && notRendered === 0 && (
        <button type="button" className="sn-button sn-button--small" onClick={onLoadMore}>
          {t.loadMore}
        </button>
      )}
    </section>
  );
}
