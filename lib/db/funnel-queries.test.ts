import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDb } from '../../test/support/db';
import { computePipelineStats } from '../funnel/pipeline';
import { findSuccessCases, industryKeyOf } from '../funnel/success-cases';
import { suggestNextSteps } from '../funnel/suggest';
import { DAY_MS, HOUR_MS } from '../funnel/time';
import { createAccount } from './accounts';
import { logActivity } from './activities';
import { createContact } from './contacts';
import type { Deal } from '../schemas';
import type { SidenoteDb } from './database';
import { createDeal } from './deals';
import {
  clearRepliedNoReplyTasks,
  createDealInStage,
  completeTask,
  createTaskFromSuggestion,
  decideSuggestion,
  loadPipelineInput,
  loadReminderTask,
  loadReminderTasks,
  loadStageChanges,
  loadSuccessCasePool,
  loadSuggestionInput,
  moveToStage,
  stageChangesOf,
} from './funnel-queries';

const NOW = Date.UTC(2025, 5, 2, 9, 0, 0);
let db: SidenoteDb;
afterEach(async () => {
  await db?.delete();
});

describe('funnel queries over Dexie', () => {
  it('moves a deal from qualified to won: deal, account and both stage changes in one go, then the handoff is due', async () => {
    db = createTestDb();
    const ctx = { repId: 'rep-1', now: NOW - 10 * DAY_MS };
    const account = await createAccount(db, { name: 'Acme Retail', industry: 'retail', sizeTier: 'growth', stage: 'qualified' }, ctx);
    const deal = await createDeal(db, { accountId: account.id, name: 'Store rollout', stage: 'qualified', amount: 300_000 }, ctx);

    const plan = await moveToStage(db, { type: 'deal', id: deal.id }, 'won', { repId: 'rep-1', now: NOW });
    expect(plan.accountMove).toEqual({ from: 'qualified', to: 'onboarding' });
    expect(await db.deals.get(deal.id)).toMatchObject({ stage: 'won', closedAt: NOW });
    expect((await db.accounts.get(account.id))?.stage).toBe('onboarding');
    const dealPath = await loadStageChanges(db, { type: 'deal', id: deal.id });
    expect(dealPath.map((change) => [change.stageChange?.from, change.stageChange?.to, change.authorId, change.occurredAt])).toEqual([['qualified', 'won', 'rep-1', NOW]]);
    expect((await loadStageChanges(db, { type: 'account', id: account.id })).map((change) => change.stageChange?.to)).toEqual(['onboarding']);
    expect(await db.outbox.count()).toBe(2 + 4);

    const input = await loadSuggestionInput(db, { type: 'account', id: account.id });
    // The card takes the stage path from its one guidance read: the same changes as their own read.
    expect(stageChangesOf(input!.activities, { type: 'account', id: account.id })).toEqual(await loadStageChanges(db, { type: 'account', id: account.id }));
    expect(stageChangesOf(input!.activities, { type: 'deal', id: deal.id })).toEqual(dealPath);
    const handoff = suggestNextSteps(input!, NOW + 71 * HOUR_MS).find((suggestion) => suggestion.rule === 'handoff');
    expect(handoff?.subject).toEqual({ type: 'deal', id: deal.id });
    expect(handoff?.urgency).toBe('due');
  });

  it('writes nothing when a stage move is refused', async () => {
    db = createTestDb();
    const ctx = { repId: null, now: NOW };
    const account = await createAccount(db, { name: 'Acme' }, ctx);
    const deal = await createDeal(db, { accountId: account.id, name: 'Deal', stage: 'negotiation' }, ctx);
    const before = await db.outbox.count();
    await expect(moveToStage(db, { type: 'deal', id: deal.id }, 'adoption', ctx)).rejects.toThrow(/Move the account/);
    expect(await db.outbox.count()).toBe(before);
  });

  it('dismisses, snoozes and creates a task from a suggestion, and the list honours each', async () => {
    db = createTestDb();
    const ctx = { repId: 'rep-1', now: NOW - 30 * DAY_MS };
    const account = await createAccount(db, { name: 'Acme', stage: 'lead', industry: 'retail' }, ctx);
    await createContact(db, { accountId: account.id, name: 'Li Na', role: 'contact_person' }, ctx);
    const list = async () => suggestNextSteps((await loadSuggestionInput(db, { type: 'account', id: account.id }))!, NOW);
    const initial = await list();
    const decisionMaker = initial.find((suggestion) => suggestion.key.endsWith(':decisionMaker'))!;
    const budget = initial.find((suggestion) => suggestion.key.endsWith(':intentBudget'))!;
    const stale = initial.find((suggestion) => suggestion.rule === 'stale')!;
    expect([decisionMaker, budget, stale].every(Boolean)).toBe(true);

    await decideSuggestion(db, decisionMaker, { status: 'dismissed' }, { repId: 'rep-1', now: NOW });
    await decideSuggestion(db, budget, { status: 'snoozed', until: NOW + DAY_MS }, { repId: 'rep-1', now: NOW });
    const task = await createTaskFromSuggestion(db, stale, { accountId: account.id, locale: 'en' }, { repId: 'rep-1', now: NOW });
    expect(task).toMatchObject({ type: 'task', suggestionKey: stale.key, reminder: 'due', authorId: 'rep-1' });

    const keys = (await list()).map((suggestion) => suggestion.key);
    expect(keys).not.toContain(decisionMaker.key);
    expect(keys).not.toContain(budget.key);
    expect(keys).not.toContain(stale.key);
    const tomorrow = suggestNextSteps((await loadSuggestionInput(db, { type: 'account', id: account.id }))!, NOW + DAY_MS + 1).map((s) => s.key);
    expect(tomorrow).toContain(budget.key);

    // A second decision on the same suggestion reuses the record instead of adding one.
    await decideSuggestion(db, decisionMaker, { status: 'active' }, { repId: 'rep-1', now: NOW + 1 });
    expect(await db.suggestionStates.count()).toBe(2);
    expect((await list()).map((s) => s.key)).toContain(decisionMaker.key);

    expect(await loadReminderTasks(db)).toHaveLength(1);
    await completeTask(db, task.id, { repId: 'rep-1', now: NOW + 2 });
    expect(await loadReminderTasks(db)).toHaveLength(0);
  });

  it('finds success cases of the same industry and tier among the synced records', async () => {
    db = createTestDb();
    const early = { repId: 'rep-2', now: NOW - 90 * DAY_MS };
    const peer = await createAccount(db, { name: 'Peer Retail', industry: 'retail', sizeTier: 'growth', stage: 'proposal' }, early);
    const peerDeal = await createDeal(db, { accountId: peer.id, name: 'Peer rollout', stage: 'proposal' }, early);
    await logActivity(db, { type: 'meeting', accountId: peer.id, dealId: peerDeal.id, body: 'Scenario demo with the COO', occurredAt: NOW - 80 * DAY_MS }, early);
    await moveToStage(db, { type: 'deal', id: peerDeal.id }, 'negotiation', { repId: 'rep-2', now: NOW - 70 * DAY_MS });
    await moveToStage(db, { type: 'deal', id: peerDeal.id }, 'won', { repId: 'rep-2', now: NOW - 60 * DAY_MS });
    const banking = await createAccount(db, { name: 'Bank', industry: 'banking', sizeTier: 'growth' }, early);
    await createDeal(db, { accountId: banking.id, name: 'Bank deal', stage: 'won' }, early);

    const me = await createAccount(db, { name: 'Me Retail', industry: 'retail', sizeTier: 'growth', stage: 'proposal' }, { repId: 'rep-1', now: NOW });
    const pool = await loadSuccessCasePool(db, me);
    expect(pool.deals.map((deal) => deal.id)).toEqual([peerDeal.id]);
    const [found] = findSuccessCases({ account: me, stage: 'negotiation', pool }, NOW);
    expect(found).toMatchObject({ dealId: peerDeal.id, match: 'industryAndTier', stageWindow: { days: 10 } });
    expect(found!.path.map((step) => step.stage)).toEqual(['proposal', 'negotiation', 'won', 'onboarding']);
  });

  it('loads the pipeline: deals with their stage changes and touches', async () => {
    db = createTestDb();
    const ctx = { repId: 'rep-1', now: NOW - 20 * DAY_MS };
    const account = await createAccount(db, { name: 'Acme', stage: 'lead' }, ctx);
    const deal = await createDeal(db, { accountId: account.id, name: 'Deal', stage: 'lead', amount: 1000, currency: 'CNY' }, ctx);
    await moveToStage(db, { type: 'deal', id: deal.id }, 'qualified', { repId: 'rep-1', now: NOW - 15 * DAY_MS });
    await logActivity(db, { type: 'call', accountId: account.id, body: 'Check-in', callOutcome: 'connected', occurredAt: NOW - 9 * DAY_MS }, ctx);
    const stats = computePipelineStats(await loadPipelineInput(db), NOW);
    expect(stats.stages[1]).toMatchObject({ stage: 'qualified', count: 1, amounts: [{ currency: 'CNY', amount: 1000 }], staleCount: 1 });
    expect(stats.stale[0]).toMatchObject({ dealId: deal.id, daysSinceTouch: 9, cadenceDays: 7 });
    expect(stats.conversions[0]).toMatchObject({ reached: 1, advanced: 1 });
  });

  it('clears a no-reply reminder once a newer message is captured on the thread', async () => {
    db = createTestDb();
    const ctx = { repId: 'rep-1', now: NOW };
    const account = await createAccount(db, { name: 'Acme' }, ctx);
    const source = { url: 'https://mail.google.com/mail/u/0/#inbox/t1', title: 'Pilot', threadSubject: 'Pilot pricing', threadId: 't1', provider: 'gmail' as const };
    const { activity: waiting } = await logActivity(
      db,
      { type: 'task', accountId: account.id, body: '', subject: 'Waiting for a reply', dueAt: NOW + 3 * DAY_MS, reminder: 'no_reply', source, occurredAt: NOW },
      ctx,
    );
    expect(await clearRepliedNoReplyTasks(db, { repId: 'rep-1', now: NOW + HOUR_MS })).toEqual([]);
    await logActivity(db, { type: 'email', accountId: account.id, body: 'Their reply', source, occurredAt: NOW + 2 * HOUR_MS }, ctx);
    const context = await loadReminderTask(db, waiting.id, { repId: 'rep-1', now: NOW + 3 * HOUR_MS });
    expect(context?.task.completedAt).toBe(NOW + 3 * HOUR_MS);
    expect(context?.accountName).toBe('Acme');
    expect(await loadReminderTasks(db)).toEqual([]);
  });
});

describe('creating a deal past lead', () => {
  it('records the stage and moves the account with it, in one go', async () => {
    const db = createTestDb();
    const ctx = { repId: 'rep-1', now: Date.UTC(2026, 2, 2, 9) };
    const account = await createAccount(db, { name: 'Acme' }, ctx);
    const deal = await createDealInStage(db, { accountId: account.id, name: 'Pilot', stage: 'proposal' }, ctx);
    expect(deal.stage).toBe('proposal');
    expect((await db.accounts.get(account.id))?.stage).toBe('proposal');
    const changes = (await db.activities.toArray()).filter((a) => a.type === 'stage_change').map((a) => `${a.stageChange?.subject}:${a.stageChange?.from}->${a.stageChange?.to}`);
    expect(changes.sort()).toEqual(['account:lead->proposal', 'deal:lead->proposal']);
    await db.delete();
  });
});

describe('success-case pool at scale', () => {
  it('reads only the newest won deals of the industry, same tier first, whatever the industry size', async () => {
    db = createTestDb();
    const base = Date.UTC(2026, 0, 1);
    const viewing = await createAccount(db, { name: 'In view', industry: 'Robotics', sizeTier: 'growth' }, { repId: null, now: base });
    const wins: Array<{ id: string; tier: string; at: number }> = [];
    for (let i = 0; i < 14; i++) {
      const tier = i % 2 === 0 ? 'growth' : 'strategic';
      const peer = await createAccount(db, { name: `Peer ${i}`, industry: 'Robotics', sizeTier: tier as 'growth' }, { repId: null, now: base });
      const deal = await createDeal(db, { accountId: peer.id, name: `Deal ${i}`, stage: 'negotiation' }, { repId: null, now: base });
      const at = base + (i + 1) * DAY_MS;
      await moveToStage(db, { type: 'deal', id: deal.id }, 'won', { repId: null, now: at });
      wins.push({ id: deal.id, tier, at });
    }
    const other = await createAccount(db, { name: 'Elsewhere', industry: 'Retail', sizeTier: 'growth' }, { repId: null, now: base });
    const otherDeal = await createDeal(db, { accountId: other.id, name: 'Retail win', stage: 'negotiation' }, { repId: null, now: base });
    await moveToStage(db, { type: 'deal', id: otherDeal.id }, 'won', { repId: null, now: base + 30 * DAY_MS });

    const pool = await loadSuccessCasePool(db, viewing);
    expect(pool.deals.length).toBe(8);
    expect(pool.deals.map((deal) => deal.id)).not.toContain(otherDeal.id);
    const newestGrowth = wins.filter((w) => w.tier === 'growth').sort((a, b) => b.at - a.at).slice(0, 4).map((w) => w.id);
    for (const id of newestGrowth) expect(pool.deals.map((deal) => deal.id)).toContain(id);
    expect(pool.accounts.map((a) => a.id)).not.toContain(viewing.id);
  });
});

describe('success cases the sidebar really finds (schema v6 industry key)', () => {
  const at = { repId: null, now: NOW - 90 * DAY_MS };
  async function wonPeer(name: string, industry: string | null, sizeTier: 'growth' | 'strategic' | 'smb' | null, wonAt: number) {
    const peer = await createAccount(db, { name, industry, sizeTier, stage: 'negotiation' }, at);
    const deal = await createDeal(db, { accountId: peer.id, name: `${name} deal`, stage: 'negotiation' }, at);
    await moveToStage(db, { type: 'deal', id: deal.id }, 'won', { repId: null, now: wonAt });
    return deal;
  }

  it.each([
    ['same case and spacing', 'Retail', 'Retail', 'growth', 'industryAndTier'],
    ['other case', 'RETAIL', 'retail', 'growth', 'industryAndTier'],
    ['extra and full-width spaces', '  Re tail\u3000', 'retail', 'growth', 'industryAndTier'],
    ['a peer with no size tier: industry alone', 'retail', 'Retail', null, 'industry'],
  ] as const)('finds a peer written "%s"', async (_name, peerIndustry, myIndustry, peerTier, match) => {
    db = createTestDb();
    const deal = await wonPeer('Peer', peerIndustry, peerTier, NOW - 30 * DAY_MS);
    const me = await createAccount(db, { name: 'Me', industry: myIndustry, sizeTier: 'growth', stage: 'proposal' }, { repId: null, now: NOW });
    const pool = await loadSuccessCasePool(db, me);
    expect(pool.deals.map((found) => found.id)).toEqual([deal.id]);
    const [found] = findSuccessCases({ account: me, stage: 'proposal', pool }, NOW);
    expect(found).toMatchObject({ dealId: deal.id, match });
  });

  it('an account with no size tier finds its industry\'s wins', async () => {
    db = createTestDb();
    const deal = await wonPeer('Peer', 'Logistics', 'strategic', NOW - 30 * DAY_MS);
    const me = await createAccount(db, { name: 'Me', industry: 'logistics', sizeTier: null, stage: 'proposal' }, { repId: null, now: NOW });
    expect((await loadSuccessCasePool(db, me)).deals.map((found) => found.id)).toEqual([deal.id]);
  });

  it('with no peers, says so and names the closest industry that has wins', async () => {
    db = createTestDb();
    await wonPeer('Bank A', 'Retail Banking', 'growth', NOW - 30 * DAY_MS);
    await wonPeer('Bank B', 'retail banking', 'growth', NOW - 20 * DAY_MS);
    await wonPeer('Farm', 'Agriculture', 'growth', NOW - 20 * DAY_MS);
    // Alike, but no wins: not suggested.
    await createAccount(db, { name: 'Shop', industry: 'Retailing', sizeTier: 'growth' }, at);
    const me = await createAccount(db, { name: 'Me', industry: 'Retail', sizeTier: 'growth', stage: 'proposal' }, { repId: null, now: NOW });
    const pool = await loadSuccessCasePool(db, me);
    expect(pool.deals).toEqual([]);
    expect(pool.closestIndustry).toEqual({ industry: 'Retail Banking', wonDeals: 2 });
  });

  it('with nothing alike, names none', async () => {
    db = createTestDb();
    await wonPeer('Farm', 'Agriculture', 'growth', NOW - 20 * DAY_MS);
    const me = await createAccount(db, { name: 'Me', industry: '半导体', sizeTier: 'growth' }, { repId: null, now: NOW });
    expect((await loadSuccessCasePool(db, me)).closestIndustry).toBeNull();
  });

  it('keeps the key in step with edits and deletes, and never syncs it', async () => {
    db = createTestDb();
    const account = await createAccount(db, { name: 'Acme', industry: 'Retail', sizeTier: 'growth' }, at);
    expect((await db.accounts.get(account.id))?.industryKey).toBe('retail');
    const { updateAccount } = await import('./accounts');
    await updateAccount(db, account.id, { industry: 'Food Service' }, at);
    expect((await db.accounts.get(account.id))?.industryKey).toBe('foodservice');
    const entries = await db.outbox.toArray();
    expect(entries.some((entry) => 'industryKey' in entry.patch)).toBe(false);
  });
});

describe('health measurements over Dexie', () => {
  it('keeps the history, syncs both fields and the suggestions read the trend', async () => {
    db = createTestDb();
    const ctx = { repId: 'rep-1', now: NOW - 100 * DAY_MS };
    const account = await createAccount(db, { name: 'Acme Retail', stage: 'adoption' }, ctx);
    const { recordHealth } = await import('./funnel-queries');
    await recordHealth(db, account.id, { usage: 72, meetings: 60, issues: 60, nps: 60, measuredOn: '2025-03-01' }, ctx);
    await recordHealth(db, account.id, { usage: 41, meetings: 60, issues: 60, nps: 60, measuredOn: '2025-05-30' }, { repId: 'rep-1', now: NOW });
    const stored = await db.accounts.get(account.id);
    expect(stored?.health?.usage).toBe(41);
    expect(stored?.healthHistory?.map((entry) => entry.usage)).toEqual([72]);
    const pushed = (await db.outbox.toArray()).filter((entry) => entry.recordId === account.id && 'healthHistory' in entry.patch);
    expect(pushed.length).toBeGreaterThan(0);
    const input = await loadSuggestionInput(db, { type: 'account', id: account.id });
    const risk = suggestNextSteps(input!, NOW).find((suggestion) => suggestion.rule === 'healthAtRisk');
    expect(risk?.detail).toMatchObject({ trend: { mover: { input: 'usage', from: 72, to: 41 } } });
  });
});

/**
 * The success-case walk as it was written first, a cursor stepped row by row with `until`:
 * the batched walk must pick the very same deals in the same order.
 */
async function cursorPickedWonDeals(db: SidenoteDb, account: { id: string; industry: string | null; sizeTier: string | null }): Promise<string[]> {
  const key = industryKeyOf(account.industry);
  const peers = new Set((await db.accounts.where('industryKey').equals(key).primaryKeys()).filter((id) => id !== account.id));
  const sameTier = new Set(account.sizeTier ? await db.accounts.where('[industryKey+sizeTier]').equals([key, account.sizeTier]).primaryKeys() : []);
  const picked: Deal[] = [];
  let tierMatches = 0;
  const take = (deal: Deal) => {
    if (deal.deletedAt !== null || !peers.has(deal.accountId) || picked.some((p) => p.id === deal.id)) return;
    const tier = sameTier.has(deal.accountId);
    if (!tier && picked.length - tierMatches >= 4 && tierMatches < 4) return;
    picked.push(deal);
    if (tier) tierMatches++;
  };
  await db.deals.where('[stage+closedAt]').between(['won', Dexie.minKey], ['won', Dexie.maxKey]).reverse().until(() => picked.length >= 8).each(take);
  if (picked.length < 8) {
    await db.deals.where('stage').equals('won').filter((deal) => deal.closedAt === null).until(() => picked.length >= 8).each(take);
  }
  return picked.map((deal) => deal.id);
}

describe('success-case pool read in batches', () => {
  it('picks the same deals, in the same order, as the row-by-row walk over many industries, ties, undated and deleted wins', async () => {
    db = createTestDb();
    const base = Date.UTC(2026, 0, 1);
    const ctx = { repId: null, now: base };
    const industries = ['Robotics', 'robotics ', 'Retail', 'Logistics'];
    const tiers = ['growth', 'strategic', 'smb', null] as const;
    const accounts = [];
    for (let i = 0; i < 24; i++) {
      accounts.push(await createAccount(db, { name: `Account ${i}`, industry: industries[i % industries.length]!, sizeTier: tiers[(i * 7) % tiers.length] }, ctx));
    }
    const template = await createDeal(db, { accountId: accounts[0]!.id, name: 'Template', stage: 'negotiation' }, ctx);
    const deals: Deal[] = [];
    let seed = 7;
    const next = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    for (let i = 0; i < 260; i++) {
      const won = next(4) !== 0;
      deals.push({
        ...template,
        id: `deal-${String(next(100000)).padStart(6, '0')}-${i}`,
        accountId: accounts[next(accounts.length)]!.id,
        stage: won ? 'won' : 'negotiation',
        // Ties on the close date, and some wins without one (imported).
        closedAt: won && next(5) !== 0 ? base + next(12) * DAY_MS : null,
        deletedAt: next(15) === 0 ? base : null,
      });
    }
    await db.deals.bulkPut(deals);
    const sizes: number[] = [];
    for (const viewing of [...accounts.slice(0, 8), { id: 'not-stored', industry: 'Robotics', sizeTier: 'growth' as const }, { id: 'x', industry: 'Retail', sizeTier: null }]) {
      const pool = await loadSuccessCasePool(db, viewing);
      expect(pool.deals.map((deal) => deal.id)).toEqual(await cursorPickedWonDeals(db, viewing));
      sizes.push(pool.deals.length);
    }
    // Full pools and short ones (the undated pass) were both compared.
    expect(sizes).toContain(8);
    expect(sizes.some((size) => size > 0 && size < 8)).toBe(true);
  });
});
