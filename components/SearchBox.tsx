import { forwardRef, memo, type KeyboardEvent } from 'react';
import { coreMessages } from '@/lib/i18n/messages/core';
import type { Stage } from '@/lib/schemas';
import { useMessages } from './i18n';

export interface SearchResultView {
  key: string;
  kind: 'account' | 'contact' | 'deal';
  title: string;
  subtitle: string;
  /** An account's or contact's funnel stage; a deal's own stage for deals. */
  stage: Stage | null;
  /** The account the result opens. */
  accountId: string | null;
  /** The phone number the result was found by (digits), when it was found by one. */
  phone: string | null;
}

export const SEARCH_LISTBOX_ID = 'sn-search-results';
export const searchOptionId = (index: number) => `sn-search-option-${index}`;

interface SearchBoxProps {
  value: string;
  onChange: (value: string) => void;
  onKeyDown: (event: KeyboardEvent<HTMLInputElement>) => void;
  expanded: boolean;
  activeIndex: number;
}

/** The lookup field, a combobox over the results list below it. */
export const SearchBox = forwardRef<HTMLInputElement, SearchBoxProps>(function SearchBox(
  { value, onChange, onKeyDown, expanded, activeIndex },
  ref,
) {
  const t = useMessages(coreMessages);
  return (
    <div className="sn-search" role="search">
      <label htmlFor="sn-search-input" className="sn-visually-hidden">
        {t.searchLabel}
      </label>
      <input
        id="sn-search-input"
        ref={ref}
        className="sn-input"
        type="search"
        role="combobox"
        aria-expanded={expanded}
        aria-controls={SEARCH_LISTBOX_ID}
        aria-autocomplete="list"
        aria-activedescendant={expanded && activeIndex >= 0 ? searchOptionId(activeIndex) : undefined}
        placeholder={t.searchPlaceholder}
        autoComplete="off"
        spellCheck={false}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={onKeyDown}
      />
      {value && (
        <button type="button" className="sn-button sn-button--ghost sn-icon-button sn-search__clear" aria-label={t.clearSearch} onClick={() => onChange('')}>
          ×
        </button>
      )}
    </div>
  );
});

interface SearchResultsProps {
  query: string;
  results: readonly SearchResultView[];
  /** The lookup index is still loading: only name and address beginnings are searched. */
  partial?: boolean;
  activeIndex: number;
  onPick: (result: SearchResultView) => void;
  onHover: (index: number) => void;
}

const KIND_LABEL = { account: 'resultAccount', contact: 'resultContact', deal: 'resultDeal' } as const;

export function SearchResults({ query, results, partial = false, activeIndex, onPick, onHover }: SearchResultsProps) {
  const t = useMessages(coreMessages);
  return (
    <section aria-label={t.searchLabel}>
      <p className="sn-hint" aria-live="polite">
        {results.length ? t.resultsCount(results.length) : t.noResults(query)}
        {partial ? ` ${t.searchIndexing}` : ''}
      </p>
      <div id={SEARCH_LISTBOX_ID} role="listbox" aria-label={t.searchLabel} className="sn-results">
        {results.map((result, index) => (
          <SearchResultRow key={result.key} result={result} index={index} selected={index === activeIndex} onPick={onPick} onHover={onHover} />
        ))}
      </div>
    </section>
  );
}

interface SearchResultRowProps {
  result: SearchResultView;
  index: number;
  selected: boolean;
  onPick: (result: SearchResultView) => void;
  onHover: (index: number) => void;
}

/** Each keystroke builds new result views; a row whose content, place and selection stay the same is not rendered again. */
const sameRow = (a: SearchResultRowProps, b: SearchResultRowProps) =>
  a.index === b.index &&
  a.selected === b.selected &&
  a.onPick === b.onPick &&
  a.onHover === b.onHover &&
  (a.result === b.result ||
    (a.result.key === b.result.key &&
      a.result.title === b.result.title &&
      a.result.subtitle === b.result.subtitle &&
      a.result.stage === b.result.stage &&
      a.result.phone === b.result.phone &&
      a.result.accountId === b.result.accountId));

const SearchResultRow = memo(function SearchResultRow({ result, index, selected, onPick, onHover }: SearchResultRowProps) {
  const t = useMessages(coreMessages);
  return (
    // Keyboard selection lives on the combobox input (aria-activedescendant), as the ARIA pattern asks.
    // eslint-disable-next-line jsx-a11y/click-events-have-key-events
    <div
      id={searchOptionId(index)}
      role="option"
      tabIndex={-1}
      aria-selected={selected}
      className="sn-result"
      onMouseMove={() => onHover(index)}
      onClick={() => onPick(result)}
    >
      <span className="sn-result__top">
        <span className="sn-result__name">{result.title}</span>
        <span className="sn-badge sn-badge--muted">
          {t[KIND_LABEL[result.kind]]}
          {result.stage ? ` · ${t[`stage_${result.stage}`]}` : ''}
        </span>
      </span>
      <span className="sn-result__sub">
        {result.phone ? <span className="sn-result__phone">{t.resultByPhone(result.phone)}</span> : null}
        {result.phone && result.subtitle ? ' · ' : ''}
        {result.subtitle}
      </span>
    </div>
  );
}, sameRow);
