import { useEffect, useRef } from 'react';
import { coreMessages } from '@/lib/i18n/messages/core';
import { Dialog } from './Dialog';
import { useMessages } from './i18n';

export interface ShortcutView {
  keys: string;
  label: string;
}

/** The `?` overlay; browser-wide shortcuts come from the browser's own command settings. */
export function ShortcutsOverlay({ open, onClose, browserShortcuts }: { open: boolean; onClose: () => void; browserShortcuts: readonly ShortcutView[] }) {
  const t = useMessages(coreMessages);
  const closeButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (open) closeButton.current?.focus();
  }, [open]);
  const local: ShortcutView[] = [
    { keys: '/', label: t.shortcutSearch },
    { keys: 'Ctrl+K', label: t.shortcutSearch },
    { keys: 'N', label: t.shortcutNewNote },
    { keys: 'C', label: t.shortcutCall },
    { keys: 'T', label: t.shortcutTimeline },
    { keys: 'Ctrl+Enter', label: t.shortcutSave },
    { keys: '?', label: t.shortcutHelp },
    { keys: 'Esc', label: t.shortcutEscape },
  ];
  return (
    <Dialog open={open} label={t.shortcutsTitle} onClose={onClose}>
      <h2 className="sn-section-title">{t.shortcutsTitle}</h2>
      <dl className="sn-shortcuts">
        {[...browserShortcuts, ...local].map((shortcut) => (
          <div key={`${shortcut.keys}-${shortcut.label}`} style={{ display: 'contents' }}>
            <dt>
              <kbd className="sn-kbd">{shortcut.keys}</kbd>
            </dt>
            <dd style={{ margin: 0 }}>{shortcut.label}</dd>
          </div>
        ))}
      </dl>
      <div className="sn-form__actions">
        <button ref={closeButton} type="button" className="sn-button" onClick={onClose}>
          {t.close}
        </button>
      </div>
    </Dialog>
  );
}
