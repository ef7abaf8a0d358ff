import { useId } from 'react';
import { threadMessages } from '@/lib/i18n/messages/thread';
import { useMessages } from './i18n';

export interface LogThreadButtonProps {
  /** The thread was logged before (logging again updates that record); its message count then. */
  logged: { messageCount: number | null } | null;
  busy: boolean;
  onLog: () => void;
}

/** *Log this thread* on the first screen of any webmail thread: one click keeps the thread. */
export function LogThreadButton({ logged, busy, onLog }: LogThreadButtonProps) {
  const t = useMessages(threadMessages);
  const hintId = useId();
  // One line, on the page title's row: the hint is the button's description, not another line.
  return (
    <span className="sn-log-thread" data-testid="log-thread">
      {/* aria-disabled, not disabled: a disabled button drops the keyboard focus to <body>. */}
      <button
        type="button"
        className="sn-button sn-button--small sn-button--primary"
        aria-disabled={busy || undefined}
        aria-describedby={logged ? hintId : undefined}
        title={logged ? t.loggedHint(logged.messageCount) : undefined}
        onClick={() => !busy && onLog()}
      >
        {busy ? t.logging : logged ? t.updateThread : t.logThread}
      </button>
      {logged && (
        <span id={hintId} className="sn-visually-hidden">
          {t.loggedHint(logged.messageCount)}
        </span>
      )}
    </span>
  );
}
