import { useEffect, useRef } from 'react';
import { coreMessages } from '@/lib/i18n/messages/core';
import { todayMessages } from '@/lib/i18n/messages/today';
import { Dialog } from './Dialog';
import { TODAY_KEY } from './today/TodayButton';
import { useMessages } from './i18n';

/** One entry of `commands.getAll()`: what the browser really bound, not what the manifest suggested. */
export interface BrowserCommandView {
  name: string;
  shortcut: string | null;
}

interface ShortcutRow {
  keys: string | null;
  label: string;
}

type Messages = (typeof coreMessages)['en'];

/** Our words for each manifest command; the action's raw name (`_execute_action`) never shows. */
function commandLabel(name: string, t: Messages): string | null {
  switch (name) {
    case '_execute_action':
    case '_execute_browser_action':
    case '_execute_sidebar_action':
      return t.shortcutOpen;
    case 'focus-composer':
      return t.shortcutComposer;
    case 'log-call':
      return t.shortcutCall;
    case 'search-accounts':
      return t.shortcutSearch;
    default:
      return null;
  }
}

interface ShortcutsOverlayProps {
  open: boolean;
  onClose: () => void;
  browserCommands: readonly BrowserCommandView[];
  /** Opens the browser's own shortcut settings; null where the browser offers no way there. */
  onOpenShortcutSettings: (() => void) | null;
}

/** The `?` overlay; browser-wide shortcuts are the ones the browser really bound. */
export function ShortcutsOverlay({ open, onClose, browserCommands, onOpenShortcutSettings }: ShortcutsOverlayProps) {
  const t = useMessages(coreMessages);
  const today = useMessages(todayMessages);
  const closeButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (open) closeButton.current?.focus();
  }, [open]);
  const browserRows: ShortcutRow[] = browserCommands.flatMap((command) => {
    const label = commandLabel(command.name, t);
    return label ? [{ keys: command.shortcut || null, label }] : [];
  });
  const unbound = browserRows.some((row) => row.keys === null);
  const local: ShortcutRow[] = [
    { keys: '/', label: t.shortcutSearch },
    { keys: 'Ctrl+K', label: t.shortcutSearch },
    { keys: 'N', label: t.shortcutNewNote },
    { keys: 'C', label: t.shortcutCall },
    { keys: 'G', label: t.section_guidance },
    { keys: 'P', label: t.section_contacts },
    { keys: 'D', label: t.section_deals },
    { keys: 'T', label: t.shortcutTimeline },
    { keys: TODAY_KEY.toUpperCase(), label: today.todayShortcut },
    { keys: 'Ctrl+Enter', label: t.shortcutSave },
    { keys: '?', label: t.shortcutHelp },
    { keys: 'Esc', label: t.shortcutEscape },
  ];
  const list = (rows: readonly ShortcutRow[]) => (
    <dl className="sn-shortcuts">
      {rows.map((row) => (
        <div key={`${row.keys ?? 'none'}-${row.label}`} style={{ display: 'contents' }}>
          <dt>{row.keys ? <kbd className="sn-kbd">{row.keys}</kbd> : <span className="sn-muted">{t.shortcutUnbound}</span>}</dt>
          <dd style={{ margin: 0 }}>{row.label}</dd>
        </div>
      ))}
    </dl>
  );
  return (
    <Dialog open={open} label={t.shortcutsTitle} onClose={onClose}>
      <h2 className="sn-section-title">{t.shortcutsTitle}</h2>
      {browserRows.length > 0 && (
        <section aria-label={t.shortcutsBrowser} data-testid="browser-shortcuts">
          <h3 className="sn-label">{t.shortcutsBrowser}</h3>
          {list(browserRows)}
          {unbound && <p className="sn-hint">{t.shortcutUnboundHint}</p>}
          {onOpenShortcutSettings && (
            <button type="button" className="sn-button sn-button--small" onClick={onOpenShortcutSettings}>
              {t.shortcutSettings}
            </button>
          )}
        </section>
      )}
      <section aria-label={t.shortcutsPanel}>
        <h3 className="sn-label">{t.shortcutsPanel}</h3>
        {list(local)}
      </section>
      <div className="sn-form__actions">
        <button ref={closeButton} type="button" className="sn-button" onClick={onClose}>
          {t.close}
        </button>
      </div>
    </Dialog>
  );
}
