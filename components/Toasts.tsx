import { coreMessages } from '@/lib/i18n/messages/core';
import { useMessages } from './i18n';

export interface ToastView {
  id: string;
  message: string;
  tone: 'info' | 'error';
  action: { label: string; run: () => void } | null;
}

/** Short notices with an optional action (undo); announced politely to screen readers. */
export function Toasts({ toasts, onDismiss }: { toasts: readonly ToastView[]; onDismiss: (id: string) => void }) {
  const t = useMessages(coreMessages);
  return (
    <div className="sn-toasts" role="status" aria-live="polite">
      {toasts.map((toast) => (
        <div key={toast.id} className={`sn-toast${toast.tone === 'error' ? ' sn-toast--error' : ''}`}>
          <span>{toast.message}</span>
          <span>
            {toast.action && (
              <button
                type="button"
                className="sn-link"
                onClick={() => {
                  toast.action?.run();
                  onDismiss(toast.id);
                }}
              >
                {toast.action.label}
              </button>
            )}{' '}
            <button type="button" className="sn-link" aria-label={t.dismissNotice} onClick={() => onDismiss(toast.id)}>
              ×
            </button>
          </span>
        </div>
      ))}
    </div>
  );
}
