import { Dexie } from 'dexie';
import { useEffect, useState } from 'react';
import { getDb } from '@/lib/db/instance';
import { lookup, type LookupHit } from '@/lib/db/lookup';

const NONE: LookupHit[] = [];

function touchesSearchedTables(parts: Record<string, unknown>, dbName: string): boolean {
  return Object.keys(parts).some((part) => part.startsWith(`idb://${dbName}/accounts/`) || part.startsWith(`idb://${dbName}/contacts/`));
}

/**
 * Results for what the rep is typing. A plain read per keystroke rather than a live query:
 * setting up range tracking for every keystroke cost more than the lookup itself. Results
 * still refresh when accounts or contacts change (a teammate's sync, an undo), through
 * Dexie's cheap table-level mutation event. A slower read for an older query never replaces
 * a newer one.
 */
export function useLookup(query: string): readonly LookupHit[] {
  const [state, setState] = useState<{ query: string; hits: LookupHit[] }>({ query: '', hits: NONE });
  const [revision, setRevision] = useState(0);
  useEffect(() => {
    const dbName = getDb().name;
    const onMutated = (parts: Record<string, unknown>) => {
      if (touchesSearchedTables(parts, dbName)) setRevision((value) => value + 1);
    };
    Dexie.on('storagemutated', onMutated);
    return () => Dexie.on('storagemutated').unsubscribe(onMutated);
  }, []);
  useEffect(() => {
    let current = true;
    if (query.trim()) {
      lookup(getDb(), query).then(
        (hits) => {
          if (current) setState({ query, hits });
        },
        (error: unknown) => {
          // A failed read keeps the last results on screen; the next keystroke or change retries.
          console.error('Sidenote lookup failed', error);
        },
      );
    }
    return () => {
      current = false;
    };
  }, [query, revision]);
  // Until the new read lands, keep showing the previous results rather than flashing empty.
  return query.trim() ? state.hits : NONE;
}
