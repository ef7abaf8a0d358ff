import type { Activity } from '../schemas';
import type { FunnelWrite } from '../funnel/writes';

/**
 * "Remind me if no reply": a task with reminder 'no_reply' on an email thread clears itself
 * when a newer activity is logged on the same thread: same webmail thread id, or the same
 * capture key. Any newer activity counts (a captured reply, a call about it), because the
 * capture does not tell who wrote the newest message.
 */

function threadKeys(activity: Activity): string[] {
  const keys: string[] = [];
  if (activity.source?.threadId) keys.push(`thread:${activity.source.provider ?? ''}:${activity.source.threadId}`);
  if (activity.captureKey) keys.push(`capture:${activity.captureKey}`);
  return keys;
}

export function isOpenNoReplyTask(activity: Activity): boolean {
  return activity.type === 'task' && activity.reminder === 'no_reply' && activity.completedAt === null && activity.deletedAt === null;
}

export interface RepliedTask {
  task: Activity;
  /** The newer activity on the thread that answers it. */
  reply: Activity;
}

/** Open no-reply tasks that a newer activity on their thread has answered. */
export function findRepliedNoReplyTasks(activities: readonly Activity[]): RepliedTask[] {
  const waiting = new Map<string, Activity[]>();
  for (const activity of activities) {
    if (!isOpenNoReplyTask(activity)) continue;
    for (const key of threadKeys(activity)) {
      const list = waiting.get(key);
      if (list) list.push(activity);
      else waiting.set(key, [activity]);
    }
  }
  if (waiting.size === 0) return [];
  const replies = new Map<string, Activity>();
  for (const activity of activities) {
    if (activity.deletedAt !== null || activity.type === 'task' || activity.type === 'stage_change') continue;
    for (const key of threadKeys(activity)) {
      for (const task of waiting.get(key) ?? []) {
        if (activity.occurredAt <= task.occurredAt) continue;
        const previous = replies.get(task.id);
        if (!previous || activity.occurredAt < previous.occurredAt) replies.set(task.id, activity);
      }
    }
  }
  const found: RepliedTask[] = [];
  for (const tasks of waiting.values()) {
    for (const task of tasks) {
      const reply = replies.get(task.id);
      if (reply && !found.some((entry) => entry.task.id === task.id)) found.push({ task, reply });
    }
  }
  return found.sort((a, b) => (a.task.id < b.task.id ? -1 : 1));
}

/** Completes the answered tasks; their reminder alarms go at the next reminder sync. */
export function clearRepliedWrites(replied: readonly RepliedTask[], now: number): FunnelWrite[] {
  return replied.map(({ task }) => ({ entity: 'activity', recordId: task.id, patch: { completedAt: now }, mustExist: true }));
}
