import { todayMessages } from '@/lib/i18n/messages/today';
import { useMessages } from '../i18n';

/** The panel-wide key that opens Today (listed in the shortcuts overlay). */
export const TODAY_KEY = 'a';

/** The header's Today toggle; its name is its visible label. */
export function TodayButton({ open, onToggle }: { open: boolean; onToggle: () => void }) {
  const t = useMessages(todayMessages);
  return (
    <button type="button" className="sn-button sn-button--small" aria-pressed={open} title={`${t.todayButton} (${TODAY_KEY.toUpperCase()})`} onClick={onToggle}>
      {t.todayButton}
    </button>
  );
}
