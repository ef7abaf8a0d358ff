// @vitest-environment jsdom
import { act, cleanup, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocaleProvider } from '@/components/i18n';
import { getDb } from '@/lib/db/instance';
import { useUiStore } from '../store';
import { useRecordWrite } from './use-record-write';

const wrapper = (locale: 'en' | 'zh-CN') =>
  function Wrapper({ children }: { children: ReactNode }) {
    return <LocaleProvider locale={locale}>{children}</LocaleProvider>;
  };

beforeEach(() => useUiStore.setState({ toasts: [] }));
afterEach(async () => {
  cleanup();
  await getDb().delete();
  await getDb().open();
});

describe('useRecordWrite', () => {
  it('saves through the write path, says so with an undo that puts it back, and never asks each caller to sync', async () => {
    const { result } = renderHook(() => useRecordWrite(), { wrapper: wrapper('en') });
    let accountId = '';
    await act(async () => {
      const saved = await result.current((writes, db) => writes.createAccount(db, { name: 'Acme Robotics' }, { repId: null }), {
        done: (account) => `${account.name} created.`,
        undo: (writes, db, account) => writes.deleteRecord(db, 'account', account.id, { repId: null }),
      });
      if (saved.ok) accountId = saved.value.id;
    });
    expect((await getDb().accounts.get(accountId))?.deletedAt).toBeNull();
    // The write and its outbox entry: the outbox listener, not this hook, asks for a sync.
    expect(await getDb().outbox.where('recordId').equals(accountId).count()).toBe(1);
    const toast = useUiStore.getState().toasts[0]!;
    expect(toast.message).toBe('Acme Robotics created.');
    await act(async () => {
      toast.action!.run();
      await new Promise((resolve) => setTimeout(resolve, 50));
    });
    expect((await getDb().accounts.get(accountId))?.deletedAt).not.toBeNull();
  });

  it('hands a refusal, in the UI language, to the form that caused it, and shows no notice', async () => {
    const { result } = renderHook(() => useRecordWrite(), { wrapper: wrapper('zh-CN') });
    const errors: string[] = [];
    let outcome: { ok: boolean } = { ok: true };
    await act(async () => {
      outcome = await result.current((writes, db) => writes.updateDeal(db, 'no-such-deal', { name: 'x' }, { repId: null }), { onError: (message) => errors.push(message) });
    });
    expect(outcome.ok).toBe(false);
    expect(errors).toEqual(['id：取值无效']);
    expect(useUiStore.getState().toasts).toEqual([]);
  });

  it('shows a refusal as an error notice when no form is waiting for it', async () => {
    const { result } = renderHook(() => useRecordWrite(), { wrapper: wrapper('en') });
    await act(async () => {
      await result.current(async () => {
        throw new Error('No deal with id d-1 is stored in this browser.');
      });
    });
    expect(useUiStore.getState().toasts.map((toast) => [toast.tone, toast.message])).toEqual([['error', 'Not saved: No deal with id d-1 is stored in this browser.']]);
  });
});
