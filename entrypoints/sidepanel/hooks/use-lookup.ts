import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { SearchResultView } from '@/components/SearchBox';
import { getDb } from '@/lib/db/instance';
import type { LookupHit } from '@/lib/db/lookup';
import type { LookupIndexKeeper, LookupIndexStatus } from '@/lib/db/lookup-index-store';
import type { Stage } from '@/lib/schemas';

const NONE: LookupHit[] = [];

/** Marked once the panel's lookup index answers (the benchmarks read it, with how it got there). */
export const LOOKUP_READY_MARK = 'sidenote:lookup-ready';

let panelKeeper: Promise<LookupIndexKeeper> | null = null;
/**
 * The panel's one lookup index keeper. Its code (the index, the store, the slower path) is
 * loaded after the first screen, so the panel's initial script does not carry it.
 */
export function loadLookupKeeper(): Promise<LookupIndexKeeper> {
  panelKeeper ??= import('@/lib/db/lookup-index-store').then(({ LookupIndexKeeper }) => {
    const keeper = new LookupIndexKeeper(getDb());
    const unsubscribe = keeper.subscribe(() => {
      if (keeper.status !== 'ready') return;
      unsubscribe();
      performance.mark(LOOKUP_READY_MARK, { detail: { ...keeper.timings, ...keeper.index?.memory() } });
    });
    return keeper;
  });
  return panelKeeper;
}

/** After the panel's first paint and a quiet moment: the index load or build never delays the first screen. */
function whenIdle(run: () => void): () => void {
  const idle = (globalThis as { requestIdleCallback?: (cb: () => void, options?: { timeout: number }) => number }).requestIdleCallback;
  if (idle) {
    const handle = idle(run, { timeout: 1000 });
    return () => (globalThis as { cancelIdleCallback?: (handle: number) => void }).cancelIdleCallback?.(handle);
  }
  const timer = setTimeout(run, 200);
  return () => clearTimeout(timer);
}

export interface LookupState {
  hits: readonly LookupHit[];
  /** 'ready' once the lookup index answers; before that the database answers by name and address prefixes only. */
  indexStatus: LookupIndexStatus;
}

const NO_KEEPER = { subscribe: () => () => undefined, revision: 0 };

/**
 * The panel's lookup index keeper, loaded and started after the first paint (null until its
 * code has loaded). The panel holds it from its first render, so the index is ready by the
 * time the rep searches; the search itself lives in the results list (useLookupHits), which is
 * the only part of the panel a keystroke re-renders. `given` is for tests.
 */
export function useLookupKeeper(given?: LookupIndexKeeper): LookupIndexKeeper | null {
  const [loaded, setLoaded] = useState<LookupIndexKeeper | null>(given ?? null);
  useEffect(
    () =>
      whenIdle(() => {
        const ready = given ? Promise.resolve(given) : loadLookupKeeper();
        void ready.then((k) => {
          setLoaded(k);
          return k.start();
        });
      }),
    [given],
  );
  return given ?? loaded;
}

/**
 * Results for what the rep is typing. The lookup index (lib/lookup/search-index.ts) answers
 * in memory once loaded; until then the database answers by prefixes. The index follows
 * writes from any context (a teammate's sync, an import, an undo) and tells this hook, so
 * the shown results are asked again. A slower answer for an older query never replaces a
 * newer one.
 */
export function useLookupHits(query: string, keeper: LookupIndexKeeper | null): LookupState {
  const [state, setState] = useState<{ query: string; hits: LookupHit[] }>({ query: '', hits: NONE });
  const source = keeper ?? NO_KEEPER;
  const revision = useSyncExternalStore(
    (listener) => source.subscribe(listener),
    () => source.revision,
  );
  // The loaded index answers in well under a frame: asked during render, the keystroke and its
  // results paint in one frame, where an effect (run after paint) and a second render took two.
  const index = keeper?.status === 'ready' ? keeper.index : null;
  const indexHits = useMemo(() => {
    if (!index || !query.trim()) return null;
    try {
      return index.search(query);
    } catch (error) {
      console.error('Sidenote lookup failed', error);
      return null;
    }
    // `revision` changes when the index takes in writes: the same query is asked again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [index, query, revision]);
  const needsDatabase = Boolean(query.trim()) && !indexHits;
  useEffect(() => {
    if (!needsDatabase) return;
    let current = true;
    (keeper ? Promise.resolve(keeper) : loadLookupKeeper())
      .then((k) => k.search(query))
      .then(
        (hits) => {
          if (current) setState({ query, hits });
        },
        (error: unknown) => {
          // A failed read keeps the last results on screen; the next keystroke or change retries.
          console.error('Sidenote lookup failed', error);
        },
      );
    return () => {
      current = false;
    };
  }, [query, revision, keeper, needsDatabase]);
  // Until the new answer lands, keep showing the previous results rather than flashing empty.
  return { hits: query.trim() ? (indexHits ?? state.hits) : NONE, indexStatus: keeper?.status ?? 'idle' };
}

/** The keeper and the results together: what a lone search field needs (and what the tests drive). */
export function useLookup(query: string, given?: LookupIndexKeeper): LookupState {
  return useLookupHits(query, useLookupKeeper(given));
}

/** One row of the results list. */
export function toSearchResultView(hit: LookupHit): SearchResultView {
  const stage = (hit.stage as Stage | null) ?? null;
  const viaPhone = hit.reason === 'phone' || hit.reason === 'phone_part';
  if (hit.kind === 'account') {
    return { key: `a:${hit.id}`, kind: 'account', title: hit.name, subtitle: hit.domains.join(', '), stage, accountId: hit.id, phone: null };
  }
  if (hit.kind === 'deal') {
    return { key: `d:${hit.id}`, kind: 'deal', title: hit.name, subtitle: hit.accountName ?? '', stage, accountId: hit.accountId, phone: null };
  }
  return {
    key: `c:${hit.id}`,
    kind: 'contact',
    title: hit.name,
    subtitle: [hit.email, hit.accountName].filter(Boolean).join(' · '),
    stage,
    accountId: hit.accountId,
    phone: viaPhone ? (hit.phone ?? null) : null,
  };
}
