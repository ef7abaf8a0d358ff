/**
 * The lookup: the field in the header and the results list in the panel body, two halves of
 * one combobox. Each reads the query from the store itself, so a keystroke renders these two
 * and nothing else in the panel; opening or closing a search renders the two slots below too.
 */
import { useCallback, useImperativeHandle, useMemo, type KeyboardEvent, type ReactNode, type Ref } from 'react';
import { SearchBox, SearchResults, type SearchResultView } from '@/components/SearchBox';
import type { LookupIndexKeeper } from '@/lib/db/lookup-index-store';
import { toSearchResultView, useLookupHits } from './hooks/use-lookup';
import { selectSearching, useUiStore } from './store';

/** The results list's keyboard handling, which the field (where focus stays) forwards to. */
export interface SearchListHandle {
  onKeyDown: (event: KeyboardEvent<HTMLInputElement>) => void;
}

interface SearchFieldProps {
  ref?: Ref<HTMLInputElement>;
  /** The open results list, when there is one. */
  list: { readonly current: SearchListHandle | null };
}

export function SearchField({ ref, list }: SearchFieldProps) {
  const query = useUiStore((state) => state.query);
  const activeResult = useUiStore((state) => state.activeResult);
  const setQuery = useUiStore((state) => state.setQuery);
  const onKeyDown = useCallback(
    (event: KeyboardEvent<HTMLInputElement>) => {
      if (event.key === 'Escape') setQuery('');
      else list.current?.onKeyDown(event);
    },
    [list, setQuery],
  );
  return <SearchBox ref={ref} value={query} onChange={setQuery} onKeyDown={onKeyDown} expanded={query !== ''} activeIndex={activeResult} />;
}

interface SearchPanelProps {
  ref?: Ref<SearchListHandle>;
  keeper: LookupIndexKeeper | null;
  /** Opens the account a picked result belongs to; true once it is open (false: a later pick won). */
  onOpenAccount: (accountId: string) => Promise<boolean>;
}

export function SearchPanel({ ref, keeper, onOpenAccount }: SearchPanelProps) {
  const query = useUiStore((state) => state.query);
  const activeResult = useUiStore((state) => state.activeResult);
  const setActiveResult = useUiStore((state) => state.setActiveResult);
  const setQuery = useUiStore((state) => state.setQuery);
  const lookup = useLookupHits(query, keeper);
  const results = useMemo(() => lookup.hits.map(toSearchResultView), [lookup.hits]);
  const pick = useCallback(
    (result: SearchResultView) => {
      if (!result.accountId) return;
      // A clicked option took focus (tabIndex -1). It gives it up now, while the page's style is
      // clean: removed with focus in it, the list had the browser clear focus and recompute style
      // inside the card's commit (the slowest removal in the pick, 2 ms median in the bench).
      // Focus ends on the body, where the list's removal left it.
      const focused = document.activeElement;
      if (focused instanceof HTMLElement && focused.closest('[role="listbox"]')) focused.blur();
      // The results stay up until the card takes their place, in the same render (App's open
      // closes the search in the card's own commit; this closes it after any other opener).
      void onOpenAccount(result.accountId).then((opened) => opened && setQuery(''));
    },
    [onOpenAccount, setQuery],
  );
  useImperativeHandle(
    ref,
    () => ({
      onKeyDown: (event) => {
        if (event.key === 'ArrowDown' && results.length) {
          event.preventDefault();
          setActiveResult(Math.min(results.length - 1, activeResult + 1));
        } else if (event.key === 'ArrowUp' && results.length) {
          event.preventDefault();
          setActiveResult(Math.max(0, activeResult - 1));
        } else if (event.key === 'Enter') {
          const result = results[activeResult];
          if (result) {
            event.preventDefault();
            pick(result);
          }
        }
      },
    }),
    [results, activeResult, setActiveResult, pick],
  );
  return <SearchResults query={query} results={results} partial={lookup.indexStatus !== 'ready'} activeIndex={activeResult} onPick={pick} onHover={setActiveResult} />;
}

/** The results list, while a search is open. */
export function WhileSearching({ children }: { children: ReactNode }) {
  return useUiStore(selectSearching) ? children : null;
}

/**
 * The panel's view under the search (the card, Today, the page's offer): hidden while a search
 * is open, not unmounted. Opening a search then renders the list and one attribute here (the
 * card's unmount was most of a first keystroke's work), and closing it finds the card as it
 * was: a half-typed note, an open form, its sections already rendered.
 */
export function HiddenWhileSearching({ children }: { children: ReactNode }) {
  const searching = useUiStore(selectSearching);
  // `children` is the element the panel rendered last: unchanged, React does not render it again.
  return (
    <div className="sn-view" hidden={searching}>
      {children}
    </div>
  );
}
