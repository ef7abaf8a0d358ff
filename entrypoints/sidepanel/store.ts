import { create } from 'zustand';
import type { ToastView } from '@/components/Toasts';
import type { ActivityType } from '@/lib/schemas';

/** What the sidebar is showing besides the page's own match; never record data (that is Dexie's). */
export type Panel =
  | { kind: 'none' }
  | { kind: 'account-form'; accountId: string | null }
  | { kind: 'contact-form'; contactId: string | null; prefill: { email: string; name: string | null } | null }
  | { kind: 'deal-form'; dealId: string | null }
  | { kind: 'pipeline' }
  | { kind: 'today' };

/** Parts of the account card below the composer, each one key away. */
export type CardSection = 'guidance' | 'contacts' | 'deals' | 'timeline';

interface UiState {
  query: string;
  activeResult: number;
  /** An account opened from search or a notification, shown instead of the page's match. */
  pinnedAccountId: string | null;
  panel: Panel;
  timelineFilter: ActivityType[];
  timelineLimit: number;
  shortcutsOpen: boolean;
  toasts: ToastView[];
  /** The last "jump to a section" by key; the sequence number makes a repeat jump again. */
  jump: { section: CardSection; seq: number } | null;
  /** The participant picker opened from its one line; it stays open while the rep works the page. */
  pickerExpanded: boolean;
  setQuery: (query: string) => void;
  setActiveResult: (index: number) => void;
  pinAccount: (accountId: string | null) => void;
  openPanel: (panel: Panel) => void;
  setTimelineFilter: (types: ActivityType[]) => void;
  showMoreTimeline: () => void;
  setShortcutsOpen: (open: boolean) => void;
  pushToast: (toast: Omit<ToastView, 'id'>, timeoutMs?: number) => void;
  dismissToast: (id: string) => void;
  jumpTo: (section: CardSection) => void;
  setPickerExpanded: (expanded: boolean) => void;
}

export const TIMELINE_STEP = 50;
const TOAST_MS = 8000;
let toastCounter = 0;

export const useUiStore = create<UiState>((set, get) => ({
  query: '',
  activeResult: 0,
  pinnedAccountId: null,
  panel: { kind: 'none' },
  timelineFilter: [],
  timelineLimit: TIMELINE_STEP,
  shortcutsOpen: false,
  toasts: [],
  jump: null,
  pickerExpanded: false,
  setQuery: (query) => set({ query, activeResult: 0 }),
  setActiveResult: (activeResult) => set({ activeResult }),
  pinAccount: (pinnedAccountId) => set({ pinnedAccountId, panel: { kind: 'none' }, timelineLimit: TIMELINE_STEP }),
  openPanel: (panel) => set({ panel }),
  setTimelineFilter: (timelineFilter) => set({ timelineFilter, timelineLimit: TIMELINE_STEP }),
  showMoreTimeline: () => set({ timelineLimit: get().timelineLimit + TIMELINE_STEP }),
  setShortcutsOpen: (shortcutsOpen) => set({ shortcutsOpen }),
  pushToast: (toast, timeoutMs = TOAST_MS) => {
    const id = `toast-${++toastCounter}`;
    set({ toasts: [...get().toasts.slice(-2), { ...toast, id }] });
    setTimeout(() => get().dismissToast(id), timeoutMs);
  },
  dismissToast: (id) => set({ toasts: get().toasts.filter((toast) => toast.id !== id) }),
  jumpTo: (section) => set({ jump: { section, seq: (get().jump?.seq ?? 0) + 1 } }),
  setPickerExpanded: (pickerExpanded) => set({ pickerExpanded }),
}));

/**
 * What the panel around the search renders from: everything but the query's text and the
 * highlighted result, which change on every keystroke and are read by the search's own
 * components. Selected with `useShallow`, the panel does not render again on a keystroke,
 * nor when a search opens or closes (the search's slots below hear that themselves).
 */
export function selectPanelState({ query: _query, activeResult: _activeResult, ...rest }: UiState) {
  return rest;
}

/** Whether a search is open: the results list shows, and the view under it is hidden, not unmounted. */
export const selectSearching = (state: UiState) => state.query !== '';
