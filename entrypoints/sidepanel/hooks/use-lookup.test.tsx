// @vitest-environment jsdom
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAccount } from '@/lib/db/accounts';
import { createContact } from '@/lib/db/contacts';
import type { SidenoteDb } from '@/lib/db/database';
import { lookupIndexDbName, LookupIndexKeeper } from '@/lib/db/lookup-index-store';
import { createTestDb, FIXED_NOW } from '@/test/support/db';
import { toSearchResultView, useLookup } from './use-lookup';

let db: SidenoteDb;
let keeper: LookupIndexKeeper;
const ctx = { repId: null, now: FIXED_NOW };

beforeEach(async () => {
  db = createTestDb();
  const acme = await createAccount(db, { name: '阿里巴巴网络技术有限公司', domains: ['alibaba.com'] }, ctx);
  await createContact(db, { accountId: acme.id, name: 'Li Wei', email: 'li.wei@alibaba.com', phone: '+86 138 0013 8000' }, ctx);
  keeper = new LookupIndexKeeper(db, { pause: () => Promise.resolve() });
});
afterEach(async () => {
  cleanup();
  keeper.close();
  await Dexie.delete(lookupIndexDbName(db));
  await db.delete();
});

const titles = (hits: ReturnType<typeof useLookup>['hits']) => hits.map((hit) => hit.name);

describe('useLookup', () => {
  it('answers from the database at once, starts the index after the first paint, then answers infixes and phones', async () => {
    const { result, rerender } = renderHook(({ query }) => useLookup(query, keeper), { initialProps: { query: '阿里' } });
    await waitFor(() => expect(titles(result.current.hits)).toEqual(['阿里巴巴网络技术有限公司']));
    await waitFor(() => expect(result.current.indexStatus).toBe('ready'));
    rerender({ query: '网络技术' });
    await waitFor(() => expect(titles(result.current.hits)).toEqual(['阿里巴巴网络技术有限公司']));
    rerender({ query: '138-0013-8000' });
    await waitFor(() => expect(titles(result.current.hits)).toEqual(['Li Wei']));
    const view = toSearchResultView(result.current.hits[0]!);
    expect(view).toMatchObject({ kind: 'contact', title: 'Li Wei', phone: '13800138000', subtitle: 'li.wei@alibaba.com · 阿里巴巴网络技术有限公司' });
  });

  it('shows a record written while the same query stays on screen', async () => {
    const { result } = renderHook(() => useLookup('huawei', keeper));
    await waitFor(() => expect(result.current.indexStatus).toBe('ready'));
    expect(result.current.hits).toEqual([]);
    await act(async () => {
      await createAccount(db, { name: 'Huawei Technologies', domains: ['huawei.com'] }, ctx);
    });
    await waitFor(() => expect(titles(result.current.hits)).toEqual(['Huawei Technologies']));
  });

  it("once the index is ready, shows a new query's results in the render that takes the keystroke", async () => {
    const { result, rerender } = renderHook(({ query }) => useLookup(query, keeper), { initialProps: { query: 'li' } });
    await waitFor(() => expect(result.current.indexStatus).toBe('ready'));
    await waitFor(() => expect(titles(result.current.hits)).toEqual(['Li Wei']));
    // No waiting: an answer that came a render later would leave the previous results here.
    rerender({ query: '网络' });
    expect(titles(result.current.hits)).toEqual(['阿里巴巴网络技术有限公司']);
    rerender({ query: '8000' });
    expect(titles(result.current.hits)).toEqual(['Li Wei']);
  });

  it('shows nothing for an empty query', () => {
    const { result } = renderHook(() => useLookup('  ', keeper));
    expect(result.current.hits).toEqual([]);
  });
});
