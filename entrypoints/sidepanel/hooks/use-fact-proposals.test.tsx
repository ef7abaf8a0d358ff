// @vitest-environment jsdom
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAccount } from '@/lib/db/accounts';
import { logActivity } from '@/lib/db/activities';
import { getDb } from '@/lib/db/instance';
import type { ProposalChip } from '@/lib/facts/proposals';
import { playbookSchema, type Activity } from '@/lib/schemas';
import { useFactProposals } from './use-fact-proposals';
import { scaledTimeout } from '@/test/support/timeouts';

// A bound against a hang, not a measurement: the hooks read IndexedDB, and the CI machine is often loaded.
const HANG_BOUND_MS = scaledTimeout(15_000);

afterEach(async () => {
  cleanup();
  await Promise.all([getDb().accounts.clear(), getDb().contacts.clear(), getDb().activities.clear(), getDb().outbox.clear(), getDb().playbooks.clear()]);
});

const NOTE = '拍板的是王总，预算 85 万，下周三前发报价';

function setUp(accountId: string, body = NOTE) {
  const onDraftFields = vi.fn();
  const onSavedFacts = vi.fn();
  const hook = renderHook(
    ({ text }) =>
      useFactProposals({ body: text, accountId, dealId: null, contacts: [], locale: 'zh-CN', repId: 'rep-li', allowNextStep: true, onDraftFields, onSavedFacts, onError: (error) => { throw error; } }),
    { initialProps: { text: body } },
  );
  return { ...hook, onDraftFields, onSavedFacts };
}

const find = (chips: readonly ProposalChip[], kind: ProposalChip['kind']) => chips.find((chip) => chip.kind === kind)!;

describe('useFactProposals (the composer’s wiring)', () => {
  it('proposes after a pause in typing, fills the follow-up for an accepted next step, and saves accepted facts with the note', async () => {
    const db = getDb();
    const account = await createAccount(db, { name: '星河智能' }, { repId: 'rep-li' });
    const { result, onDraftFields } = setUp(account.id);
    await waitFor(() => expect(result.current.chips.map((chip) => chip.kind)).toEqual(['fact', 'fact', 'contact', 'nextStep']), { timeout: HANG_BOUND_MS });
    expect(result.current.mode).toBe('draft');

    act(() => result.current.decide(find(result.current.chips, 'nextStep'), { status: 'accepted' }));
    expect(onDraftFields).toHaveBeenCalledWith({ nextStep: '发报价', followUpOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    const budget = result.current.chips.find((chip) => chip.kind === 'fact' && chip.key === 'budget')!;
    act(() => result.current.decide(budget, { status: 'accepted' }));

    let activity: Activity | null = null;
    await act(async () => {
      ({ activity } = await logActivity(db, { type: 'note', accountId: account.id, body: NOTE, nextStep: '发报价', followUpAt: Date.now() + 86_400_000 }, { repId: 'rep-li' }, result.current.writesForSave(NOTE)));
    });
    const stored = await db.accounts.get(account.id);
    expect(stored?.facts.intentBudget).toMatchObject({ value: '¥850,000', state: 'known', by: 'rep-li', evidence: { activityId: activity!.id, quote: '预算 85 万' } });
    expect(stored?.facts.decisionMaker).toBeUndefined();
    expect((await db.activities.toArray()).filter((row) => row.type === 'task').map((task) => task.subject)).toEqual(['发报价']);
  });

  it('after a save, keeps offering what was not decided against the saved note, and writes an accepted one at once', async () => {
    const db = getDb();
    const account = await createAccount(db, { name: '星河智能' }, { repId: 'rep-li' });
    const { result, rerender, onSavedFacts } = setUp(account.id);
    await waitFor(() => expect(result.current.chips).toHaveLength(4), { timeout: HANG_BOUND_MS });
    act(() => result.current.decide(result.current.chips.find((chip) => chip.kind === 'fact' && chip.key === 'budget')!, { status: 'dismissed' }));
    const { activity } = await logActivity(db, { type: 'note', accountId: account.id, body: NOTE }, { repId: 'rep-li' }, result.current.writesForSave(NOTE));
    act(() => result.current.afterSave(activity, NOTE));
    rerender({ text: '' });
    expect(result.current.mode).toBe('saved');
    // The dismissed budget and the next step (it fills fields of a note being written) are not offered again.
    expect(result.current.chips.map((chip) => chip.label)).toEqual(['决策人 王总', '添加联系人 王总（决策人）']);

    act(() => result.current.decide(find(result.current.chips, 'contact'), { status: 'accepted' }));
    await waitFor(() => expect(onSavedFacts).toHaveBeenCalledWith(1));
    expect(await db.contacts.toArray()).toEqual([expect.objectContaining({ name: '王总', role: 'decision_maker', accountId: account.id })]);
    expect((await db.outbox.toArray()).filter((entry) => entry.entity === 'contact')).toHaveLength(1);

    // Typing the next note brings back the draft's own proposals.
    rerender({ text: '预算 90 万' });
    expect(result.current.mode).toBe('draft');
  });

  it("finds the team's competitors named in the synced playbook, and never the team's own product", async () => {
    const db = getDb();
    await db.playbooks.put(
      playbookSchema.parse({
        id: '0190a000-0000-7000-8000-000000000951',
        createdAt: 1,
        updatedAt: 1,
        deletedAt: null,
        updatedBy: 'server',
        clock: {},
        name: 'Team playbook',
        stages: [{ stage: 'lead', goal: { en: 'Qualify', 'zh-CN': '验证' }, exitCriteria: [], keyFacts: [{ key: 'competitors', label: { en: 'Competitors', 'zh-CN': '竞争对手' }, hint: null }], nextSteps: [], cadenceDays: 7 }],
        vocabulary: { competitors: ['薪人薪事'], products: ['云表HR'] },
      }),
    );
    const account = await createAccount(db, { name: '星河智能' }, { repId: 'rep-li' });
    const { result, rerender } = setUp(account.id, '薪人薪事报价比我们低');
    await waitFor(() => expect(result.current.chips.map((chip) => chip.label)).toEqual(['竞争对手 薪人薪事']), { timeout: HANG_BOUND_MS });
    rerender({ text: '客户在对比云表HR和北森' });
    await waitFor(() => expect(result.current.chips.map((chip) => chip.label)).toEqual(['竞争对手 北森']), { timeout: HANG_BOUND_MS });
  });
});
