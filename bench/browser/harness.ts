/**
 * Runs inside a page of the built extension (the real side panel, or another extension
 * page while seeding), so it uses the extension's own IndexedDB origin and database
 * ('sidenote') through the same lib/db code the sidebar runs. Bundled to an IIFE by
 * bench/browser/run.ts and injected with page.evaluate; everything is on
 * `window.sidenoteBench`.
 */
import './zod-jitless';
import Dexie from 'dexie';
import { v7 as uuidv7 } from 'uuid';
import { logActivity } from '../../lib/db/activities';
import { SidenoteDb } from '../../lib/db/database';
import { toRow } from '../../lib/db/derived';
import { readLookupDocs } from '../../lib/db/lookup';
import { lookupIndexDbName, LookupIndexKeeper } from '../../lib/db/lookup-index-store';
import { phoneKey } from '../../lib/lookup/phone';
import type { LookupDoc } from '../../lib/lookup/search-index';
import { createReferenceLookup } from '../../test/support/lookup-reference';
import { loadSuggestionInput, readSuccessCasePool } from '../../lib/db/funnel-queries';
import { listAccountContacts, listAccountDeals, listTimeline, TIMELINE_PAGE_SIZE } from '../../lib/db/queries';
import type { StoredRecord } from '../../lib/sync/merge';
import { countTodayLeftOut, loadTodayFirstPage, loadTodayInput, TODAY_FIRST_PAGE } from '../../lib/db/today';
import { loadTodayInputReference } from '../../test/support/today-reference';
import { buildToday, flattenToday } from '../../lib/today/build';
import { leftOutCounts, TODAY_LEFT_OUT, withNextPage, type TodayLimits } from '../../lib/today/left-out';
import { DATASET_NOW_MS, DatasetGenerator, planDataset, type DatasetSize } from './generate';

let db: SidenoteDb | null = null;
function database(): SidenoteDb {
  db ??= new SidenoteDb();
  return db;
}

/** Spreads `total` over `slots` as evenly as integers allow; slot i gets share(i). */
function share(total: number, slots: number, i: number): number {
  return Math.floor(((i + 1) * total) / slots) - Math.floor((i * total) / slots);
}

interface SeedState {
  generator: DatasetGenerator;
  size: DatasetSize;
  nextAccount: number;
  counts: { accounts: number; contacts: number; deals: number; activities: number };
  storeMs: number;
  generateMs: number;
  startedAt: number;
  bigAccounts: Array<{ id: string; name: string; domain: string; activities: number }>;
}
let seedState: SeedState | null = null;

const BIG_CONTACTS = 30;
const BIG_DEALS = 10;
const DEALS_PER_ACCOUNT = 0.5;

interface Chunk {
  accounts: StoredRecord[];
  contacts: StoredRecord[];
  deals: StoredRecord[];
  activities: StoredRecord[];
}

function generateChunk(state: SeedState, accountCount: number): Chunk {
  const { generator, size } = state;
  const chunk: Chunk = { accounts: [], contacts: [], deals: [], activities: [] };
  const normalAccounts = size.accounts - size.bigAccounts;
  const normalContacts = size.contacts - size.bigAccounts * BIG_CONTACTS;
  const normalActivities = size.activities - size.bigAccounts * size.bigAccountActivities;
  const end = Math.min(size.accounts, state.nextAccount + accountCount);
  for (let i = state.nextAccount; i < end; i++) {
    const account = generator.account(i);
    chunk.accounts.push(toRow('account', account.record));
    const big = generator.isBig(i);
    // Normal accounts are numbered among themselves so the totals come out exact.
    const normalIndex = i - state.bigAccounts.length;
    const contacts = big ? BIG_CONTACTS : share(normalContacts, normalAccounts, normalIndex);
    for (let c = 0; c < contacts; c++) chunk.contacts.push(toRow('contact', generator.contact(i)));
    const deals = big ? BIG_DEALS : share(Math.round(normalAccounts * DEALS_PER_ACCOUNT), normalAccounts, normalIndex);
    for (let d = 0; d < deals; d++) chunk.deals.push(toRow('deal', generator.deal(i)));
    const activities = big ? size.bigAccountActivities : share(normalActivities, normalAccounts, normalIndex);
    for (let a = 0; a < activities; a++) chunk.activities.push(toRow('activity', generator.activity(i)));
    if (big) state.bigAccounts.push({ id: account.record.id, name: account.name, domain: account.domain, activities });
  }
  state.nextAccount = end;
  return chunk;
}

async function storeChunk(chunk: Chunk): Promise<void> {
  const d = database();
  // Already-synced rows, as a first sync or an import stores them: bulkPut, no outbox.
  await d.transaction('rw', [d.accounts, d.contacts, d.deals, d.activities], async () => {
    await d.accounts.bulkPut(chunk.accounts as never[]);
    await d.contacts.bulkPut(chunk.contacts as never[]);
    await d.deals.bulkPut(chunk.deals as never[]);
    await d.activities.bulkPut(chunk.activities as never[]);
  });
}

async function startSeed(size: DatasetSize): Promise<{ existing: Record<string, number> }> {
  const d = database();
  await d.open();
  const existing = {
    accounts: await d.accounts.count(),
    contacts: await d.contacts.count(),
    activities: await d.activities.count(),
  };
  seedState = {
    generator: new DatasetGenerator(planDataset(size)),
    size,
    nextAccount: 0,
    counts: { accounts: 0, contacts: 0, deals: 0, activities: 0 },
    storeMs: 0,
    generateMs: 0,
    startedAt: performance.now(),
    bigAccounts: [],
  };
  return { existing };
}

/**
 * Seeds for about `budgetMs`, then returns progress (one long evaluate would hit the
 * protocol timeout and say nothing meanwhile). Generation of the next chunk overlaps the
 * previous chunk's commit, which IndexedDB does off the main thread.
 */
async function seedStep(budgetMs: number, accountsPerChunk = 500) {
  const state = seedState;
  if (!state) throw new Error('startSeed first');
  const stepStart = performance.now();
  let pending: Promise<void> | null = null;
  let pendingStart = 0;
  while (state.nextAccount < state.size.accounts && performance.now() - stepStart < budgetMs) {
    const g0 = performance.now();
    const chunk = generateChunk(state, accountsPerChunk);
    state.generateMs += performance.now() - g0;
    if (pending) {
      await pending;
      state.storeMs += performance.now() - pendingStart;
    }
    state.counts.accounts += chunk.accounts.length;
    state.counts.contacts += chunk.contacts.length;
    state.counts.deals += chunk.deals.length;
    state.counts.activities += chunk.activities.length;
    pendingStart = performance.now();
    pending = storeChunk(chunk);
  }
  if (pending) {
    await pending;
    state.storeMs += performance.now() - pendingStart;
  }
  return {
    done: state.nextAccount >= state.size.accounts,
    counts: { ...state.counts },
    elapsedMs: performance.now() - state.startedAt,
    generateMs: state.generateMs,
    storeWaitMs: state.storeMs,
    bigAccounts: state.bigAccounts,
  };
}

async function counts() {
  const d = database();
  await d.open();
  return {
    accounts: await d.accounts.count(),
    contacts: await d.contacts.count(),
    deals: await d.deals.count(),
    activities: await d.activities.count(),
    outbox: await d.outbox.count(),
  };
}

/**
 * Note save to durable commit: logActivity (record + outbox, strict durability), one after
 * another; each save is followed by its floor, the same two rows (a copy of the stored activity
 * and of its outbox entry, new ids) put in one transaction on the same database through a second,
 * plain Dexie connection, so both see the same indexes, durability and machine noise, and the
 * floor pays none of the product's middlewares (through the product's connection the copy was a
 * touch too, and the floor paid the account summary it is the floor of).
 */
async function measureSaves(accountIds: string[], n: number, options: { warmup?: number; pauseMs?: number } = {}) {
  const d = database();
  // Dynamic mode: opens the stored schema as it is, with no middleware of the product's.
  const raw = new Dexie(d.name, { chromeTransactionDurability: 'strict' });
  await raw.open();
  const generator = new DatasetGenerator(planDataset({ accounts: 1, contacts: 0, activities: 0, bigAccounts: 0, bigAccountActivities: 0 }), 7);
  const samples: number[] = [];
  const floor: number[] = [];
  const warmup = options.warmup ?? 5;
  const pause = () => (options.pauseMs ? new Promise((resolve) => setTimeout(resolve, options.pauseMs)) : Promise.resolve());
  for (let i = 0; i < warmup + n; i++) {
    const accountId = accountIds[i % accountIds.length]!;
    const chinese = i % 2 === 1;
    const input = {
      type: (i % 5 === 4 ? 'call' : 'note') as 'call' | 'note',
      accountId,
      body: generator.noteBody(chinese),
      callOutcome: i % 5 === 4 ? ('connected' as const) : null,
      durationSeconds: i % 5 === 4 ? 300 : null,
      source: { url: 'https://www.example-prospect.com/pricing', title: 'Pricing', threadSubject: null, threadId: null, provider: null },
    };
    const start = performance.now();
    const { activity } = await logActivity(d, input, { repId: 'rep-1' });
    const elapsed = performance.now() - start;
    if (i >= warmup) samples.push(elapsed);
    await pause();
    const entry = (await d.outbox.where('recordId').equals(activity.id).first())!;
    const row = { ...activity, id: uuidv7() };
    const copy = { ...entry, id: uuidv7(), recordId: row.id };
    const floorStart = performance.now();
    await raw.transaction('rw', ['activities', 'outbox'], async () => {
      await Promise.all([raw.table('activities').put(row), raw.table('outbox').put(copy)]);
    });
    const floorElapsed = performance.now() - floorStart;
    if (i >= warmup) floor.push(floorElapsed);
    await pause();
  }
  raw.close();
  return { samples, floor };
}

/** After the next paint: rAF runs just before it, a message just after. */
function nextPaint(): Promise<void> {
  return new Promise((resolve) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve();
      channel.port2.postMessage(null);
    }),
  );
}

/**
 * The account card's floor: the card's four reads, then what the product's first frame
 * shows (the account's name, its contacts' and deals' names, the first `items` timeline
 * entries with type, time and text) as plain DOM on top of the panel, to the painted frame.
 */
async function measureCardFloor(accountIds: string[], items: number, rounds: number): Promise<number[]> {
  const d = database();
  const samples: number[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const accountId of accountIds) {
      const start = performance.now();
      const [account, contacts, deals, page] = await Promise.all([
        d.accounts.get(accountId),
        listAccountContacts(d, accountId),
        listAccountDeals(d, accountId),
        listTimeline(d, accountId, { limit: TIMELINE_PAGE_SIZE + 1, viewerId: 'rep-1' }),
      ]);
      const root = document.createElement('section');
      root.style.cssText = 'position:fixed;inset:0;overflow:auto;background:#fff;z-index:2147483647;font:14px system-ui';
      const title = document.createElement('h2');
      title.textContent = account?.name ?? '';
      const people = document.createElement('ul');
      for (const contact of contacts) people.append(Object.assign(document.createElement('li'), { textContent: contact.name }));
      const dealList = document.createElement('ul');
      for (const deal of deals) dealList.append(Object.assign(document.createElement('li'), { textContent: deal.name }));
      const list = document.createElement('ol');
      for (const activity of page.slice(0, items)) {
        const li = document.createElement('li');
        const meta = document.createElement('div');
        meta.textContent = `${activity.type} · ${new Date(activity.occurredAt).toLocaleString()}`;
        const body = document.createElement('p');
        body.style.whiteSpace = 'pre-wrap';
        body.textContent = activity.body;
        li.append(meta, body);
        list.append(li);
      }
      root.append(title, people, dealList, list);
      document.body.append(root);
      await nextPaint();
      samples.push(performance.now() - start);
      root.remove();
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  return samples;
}

/** Every prefix of each query, as typed. */
function keystrokes(queries: string[]): string[] {
  return queries.flatMap((query) => {
    const chars = Array.from(query);
    return chars.map((_, i) => chars.slice(0, i + 1).join('')).filter((prefix) => prefix.trim());
  });
}

let keeper: LookupIndexKeeper | null = null;
const noPause = () => Promise.resolve();

/** Builds the lookup index from the stored records and stores it (what a panel does the first time). */
async function buildLookupIndex() {
  const d = database();
  await d.open();
  keeper?.close();
  keeper = new LookupIndexKeeper(d, { pause: noPause });
  await keeper.start();
  if (keeper.timings.loadMs !== null) await keeper.rebuild();
  return { ...keeper.timings, memory: keeper.index!.memory() };
}

/** Loads the stored lookup index as a panel opening does. */
async function loadLookupIndex() {
  const d = database();
  await d.open();
  keeper?.close();
  keeper = new LookupIndexKeeper(d, { pause: noPause });
  const t0 = performance.now();
  await keeper.start();
  return { ...keeper.timings, readyMs: performance.now() - t0, status: keeper.status, memory: keeper.index?.memory() ?? null };
}

function dropLookupIndex(): void {
  keeper?.close();
  keeper = null;
}

/** Lookup at the data layer: the panel's search for every prefix of each query, as typed. */
async function measureLookup(queries: string[], rounds: number) {
  if (!keeper) await loadLookupIndex();
  const samples: Array<{ query: string; ms: number; results: number; round: number }> = [];
  for (let round = 0; round < rounds; round++) {
    for (const prefix of keystrokes(queries)) {
      const start = performance.now();
      const hits = await keeper!.search(prefix);
      samples.push({ query: prefix, ms: performance.now() - start, results: hits.length, round });
    }
  }
  return samples;
}

/** The titles the search list should show for a query (what the UI renders from the same lookup). */
async function expectedTitles(query: string): Promise<string[]> {
  if (!keeper) await loadLookupIndex();
  return (await keeper!.search(query)).map((hit) => hit.name);
}

let referenceDocs: Record<'account' | 'contact' | 'deal', LookupDoc[]> | null = null;

/**
 * The in-memory floor: the same tokens and ranking as plain sorted JavaScript arrays (the
 * IndexedDB index's (token, id) list, held in memory), built from the stored records. Also
 * counts the keystrokes on which the index's hits of the old kinds (accounts, contacts) are
 * exactly the floor's.
 */
async function measureFloor(queries: string[], rounds: number) {
  referenceDocs ??= await readLookupDocs(database());
  const t0 = performance.now();
  const reference = createReferenceLookup([...referenceDocs.account, ...referenceDocs.contact]);
  const buildMs = performance.now() - t0;
  const samples: number[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const prefix of keystrokes(queries)) {
      const start = performance.now();
      reference(prefix);
      samples.push(performance.now() - start);
    }
  }
  if (!keeper) await loadLookupIndex();
  let agree = 0;
  const disagreements: string[] = [];
  const all = keystrokes(queries);
  for (const prefix of all) {
    const want = reference(prefix).map((hit) => `${hit.kind}:${hit.id}`);
    const hits = await keeper!.search(prefix);
    const old = hits.filter((hit) => hit.kind !== 'deal').map((hit) => `${hit.kind}:${hit.id}`);
    // Deals are new: they may take places at the end, so the old kinds must be the floor's first ones, in order.
    const same = old.every((key, i) => key === want[i]) && (hits.length === 20 || old.length === want.length);
    if (same) agree++;
    else disagreements.push(prefix);
  }
  (globalThis as { sidenoteFloor?: unknown }).sidenoteFloor = reference;
  return { buildMs, samples, agree, total: all.length, disagreements };
}

function dropFloor(): void {
  delete (globalThis as { sidenoteFloor?: unknown }).sidenoteFloor;
  referenceDocs = null;
}

/** The v2 schema (before the lookup index): accounts and contacts indexed by every search token. */
/**
 * A bulk write as a first sync or an import makes it: `accounts` accounts and three contacts
 * each, bulkPut in 500-account transactions (strict durability), into a fresh database of the
 * current schema (derived fields, every index the schema keeps, the change log) or the floor:
 * the same records as they are, into tables keyed by id only. The difference is what the
 * indexes and derived fields cost a write (lib/db/README.md lists who reads each index).
 */
async function measureBulkWrite(shape: 'current' | 'floor', accounts: number) {
  const name = `sidenote-bulk-${shape}`;
  await Dexie.delete(name);
  const target: Dexie = shape === 'current' ? new SidenoteDb(name) : new Dexie(name, { chromeTransactionDurability: 'strict' });
  if (shape === 'floor') target.version(1).stores({ accounts: 'id', contacts: 'id' });
  await target.open();
  const generator = new DatasetGenerator(planDataset({ accounts, contacts: accounts * 3, activities: 0, bigAccounts: 1, bigAccountActivities: 0 }), 99);
  let ms = 0;
  for (let start = 0; start < accounts; start += 500) {
    const accountRows: StoredRecord[] = [];
    const contactRows: StoredRecord[] = [];
    for (let i = start; i < Math.min(accounts, start + 500); i++) {
      const account = generator.account(i).record;
      const contacts = [generator.contact(i), generator.contact(i), generator.contact(i)];
      accountRows.push(shape === 'current' ? toRow('account', account) : account);
      for (const contact of contacts) contactRows.push(shape === 'current' ? toRow('contact', contact) : contact);
    }
    const t0 = performance.now();
    await target.transaction('rw', [target.table('accounts'), target.table('contacts')], async () => {
      await target.table('accounts').bulkPut(accountRows);
      await target.table('contacts').bulkPut(contactRows);
    });
    ms += performance.now() - t0;
  }
  target.close();
  await Dexie.delete(name);
  return { ms, rows: accounts * 4 };
}

/** The account card's data: the account, its contacts, deals and the first timeline page. */
async function measureAccountData(accountIds: string[], rounds: number) {
  const d = database();
  const card: number[] = [];
  const timeline: number[] = [];
  let items = 0;
  for (let round = 0; round < rounds; round++) {
    for (const accountId of accountIds) {
      const start = performance.now();
      const [, , , page] = await Promise.all([
        d.accounts.get(accountId),
        listAccountContacts(d, accountId),
        listAccountDeals(d, accountId),
        listTimeline(d, accountId, { limit: TIMELINE_PAGE_SIZE + 1, viewerId: 'rep-1' }),
      ]);
      card.push(performance.now() - start);
      items = page.length;
      const t0 = performance.now();
      await listTimeline(d, accountId, { limit: TIMELINE_PAGE_SIZE + 1, viewerId: 'rep-1' });
      timeline.push(performance.now() - t0);
    }
  }
  return { card, timeline, items };
}

/** The reads the card's funnel guidance makes (suggestion input, success-case pool), as it runs them. */
async function measureGuidanceData(accountIds: string[], rounds: number) {
  const d = database();
  const suggestion: number[] = [];
  const pool: number[] = [];
  let poolSize = { accounts: 0, deals: 0, activities: 0 };
  for (let round = 0; round < rounds; round++) {
    for (const accountId of accountIds) {
      const account = await d.accounts.get(accountId);
      const t0 = performance.now();
      await loadSuggestionInput(d, { type: 'account', id: accountId });
      suggestion.push(performance.now() - t0);
      const t1 = performance.now();
      // The read itself, not the answer the sidebar keeps across card opens.
      const loaded = await readSuccessCasePool(d, account!);
      pool.push(performance.now() - t1);
      if (loaded.activities.length > poolSize.activities) poolSize = { accounts: loaded.accounts.length, deals: loaded.deals.length, activities: loaded.activities.length };
    }
  }
  return { suggestion, pool, largestPool: poolSize };
}

/**
 * Today for one rep of the seeded data (lib/db/today.ts + lib/today), as the panel reads and
 * builds it, ms per run:
 * - the first page: `loadTodayFirstPage` + `buildToday`, what the list waits for; then the
 *   counts step (`countTodayLeftOut`) that fills in its "N more" lines, timed on its own;
 * - one "show more" of the kind the first page leaves out most of, the same two steps;
 * - the read before the split (test/support/today-reference.ts: the first page's limits, every
 *   promise of the lookback with its account's row, the counts in the same transaction) +
 *   `buildToday`: what opening Today waited for before.
 * The three alternate round by round, in a rotating order, so the machine's load and the
 * panel's own background work fall on each alike and their ratios hold across runs.
 */
async function measureTodayReads(repId: string, rounds: number) {
  const d = database();
  const options = { repId, timeZone: 'Asia/Shanghai' };
  const counts = leftOutCounts(await loadTodayInput(d, DATASET_NOW_MS, options));
  const kind = TODAY_LEFT_OUT.reduce((best, key) => (counts[key] > counts[best] ? key : best));
  const run = () => ({ times: [] as number[], readTimes: [] as number[], countTimes: [] as number[], items: 0, accounts: 0, leftOut: 0 });
  const runs = [run(), run(), run()];
  const twoSteps = async (which: number, limits: TodayLimits) => {
    const entry = runs[which]!;
    const t0 = performance.now();
    const page = await loadTodayFirstPage(d, DATASET_NOW_MS, { ...options, limits });
    entry.readTimes.push(performance.now() - t0);
    entry.items = flattenToday(buildToday(page.input, DATASET_NOW_MS)).length;
    const t1 = performance.now();
    entry.times.push(t1 - t0);
    entry.accounts = page.input.accounts.length;
    const leftOut = await countTodayLeftOut(d, page.tally);
    entry.countTimes.push(performance.now() - t1);
    entry.leftOut = TODAY_LEFT_OUT.reduce((sum, key) => sum + leftOut[key], 0);
  };
  const steps = [
    () => twoSteps(0, TODAY_FIRST_PAGE),
    () => twoSteps(1, withNextPage(TODAY_FIRST_PAGE, kind)),
    async () => {
      const entry = runs[2]!;
      const t0 = performance.now();
      const input = await loadTodayInputReference(d, DATASET_NOW_MS, options);
      entry.readTimes.push(performance.now() - t0);
      entry.items = flattenToday(buildToday(input, DATASET_NOW_MS)).length;
      entry.times.push(performance.now() - t0);
      entry.accounts = input.accounts.length;
      entry.leftOut = TODAY_LEFT_OUT.reduce((sum, key) => sum + (input[key] ?? 0), 0);
    },
  ];
  for (let round = 0; round < rounds; round++) {
    for (let step = 0; step < steps.length; step++) await steps[(round + step) % steps.length]!();
  }
  return { firstPage: runs[0]!, showMore: { ...runs[1]!, kind, leftOut: counts[kind] }, before: runs[2]! };
}

/** Mean interval between animation frames in this page, to tell frame waits from work. */
async function frameInterval(frames = 30): Promise<number> {
  const times: number[] = [];
  await new Promise<void>((resolve) => {
    const step = (t: number) => {
      times.push(t);
      if (times.length > frames) resolve();
      else requestAnimationFrame(step);
    };
    requestAnimationFrame(step);
  });
  return (times[times.length - 1]! - times[0]!) / (times.length - 1);
}

/**
 * A watch over the panel's DOM: it starts at the first input event after arming (the
 * keystroke or click puppeteer sends through the real input pipeline) and ends at the
 * next frame after the DOM first satisfies the condition.
 */
interface Watch {
  start: number | null;
  /** When the DOM first showed the result (before the frame that paints it). */
  domAt: number | null;
  end: number | null;
  startEvent: string | null;
  done: Promise<void>;
}
let watch: Watch | null = null;

function armWatch(condition: () => boolean, timeoutMs: number): void {
  let resolveDone!: () => void;
  const current: Watch = { start: null, domAt: null, end: null, startEvent: null, done: new Promise<void>((resolve) => (resolveDone = resolve)) };
  watch = current;
  const startEvents = ['keydown', 'beforeinput', 'input', 'pointerdown', 'mousedown', 'click'];
  const onStart = (event: Event) => {
    if (current.start === null) {
      current.start = event.timeStamp;
      current.startEvent = event.type;
    }
  };
  for (const type of startEvents) document.addEventListener(type, onStart, { capture: true });
  let matched = false;
  const finish = () => {
    observer.disconnect();
    for (const type of startEvents) document.removeEventListener(type, onStart, { capture: true });
    clearTimeout(timer);
    resolveDone();
  };
  const check = () => {
    if (matched || current.start === null || !condition()) return;
    matched = true;
    current.domAt = performance.now();
    // The frame that shows it: rAF runs just before paint, the message just after.
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        current.end = performance.now();
        finish();
      };
      channel.port2.postMessage(null);
    });
  };
  const observer = new MutationObserver(check);
  observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  const timer = setTimeout(finish, timeoutMs);
}

async function waitWatch(): Promise<{ ms: number | null; domMs: number | null; startEvent: string | null }> {
  const current = watch;
  if (!current) throw new Error('armWatch first');
  await current.done;
  const ok = current.start !== null && current.end !== null && current.domAt !== null;
  return { ms: ok ? current.end! - current.start! : null, domMs: ok ? current.domAt! - current.start! : null, startEvent: current.startEvent };
}

function searchTitles(): string[] {
  return Array.from(document.querySelectorAll('#sn-search-results [role="option"] .sn-result__name'), (el) => el.textContent ?? '');
}

/** Arms a watch that ends when the search list shows exactly these titles (or "nothing matches" for none). */
function armLookupWatch(query: string, titles: string[], timeoutMs = 5000): void {
  armWatch(() => {
    const shown = searchTitles();
    if (titles.length === 0) return shown.length === 0 && (document.querySelector('.sn-hint')?.textContent ?? '').includes(query);
    return shown.length === titles.length && shown.every((title, i) => title === titles[i]);
  }, timeoutMs);
}

/**
 * The keystroke's floor in the same page: a bare input over the panel whose input handler
 * writes the titles the product's list shows for that prefix as plain rows, timed by the
 * same watch (key event to the frame after the rows are in). What is left above it is the
 * product's own work: its search, React, its layout.
 */
let keystrokeFloorTitles: string[] = [];
function mountKeystrokeFloor(): void {
  const box = document.createElement('div');
  box.id = 'sn-bench-floor';
  box.style.cssText = 'position:fixed;inset:0;background:#fff;z-index:2147483647;font:14px system-ui';
  const input = Object.assign(document.createElement('input'), { id: 'sn-bench-floor-input' });
  const list = Object.assign(document.createElement('div'), { id: 'sn-bench-floor-list' });
  input.addEventListener('input', () => {
    const rows = keystrokeFloorTitles.length ? keystrokeFloorTitles : [`No match for ${input.value}`];
    list.replaceChildren(...rows.map((title) => Object.assign(document.createElement('div'), { textContent: title })));
  });
  box.append(input, list);
  document.body.append(box);
}

function clearKeystrokeFloor(): void {
  (document.getElementById('sn-bench-floor-input') as HTMLInputElement).value = '';
  document.getElementById('sn-bench-floor-list')!.replaceChildren();
}

function unmountKeystrokeFloor(): void {
  document.getElementById('sn-bench-floor')?.remove();
}

/** Arms a watch that ends when the floor's list shows these titles (or its no-match row). */
function armKeystrokeFloorWatch(prefix: string, titles: string[], timeoutMs = 5000): void {
  keystrokeFloorTitles = titles;
  const expected = titles.length ? titles : [`No match for ${prefix}`];
  armWatch(() => {
    const shown = Array.from(document.getElementById('sn-bench-floor-list')?.children ?? [], (el) => el.textContent ?? '');
    return shown.length === expected.length && shown.every((title, i) => title === expected[i]);
  }, timeoutMs);
}

/** Arms a watch that ends when the search list first answers this query, whatever it shows. */
function armAnyLookupWatch(query: string, timeoutMs = 10_000): void {
  armWatch(() => {
    const hint = document.querySelector('#sn-search-results')?.closest('section')?.querySelector('.sn-hint')?.textContent ?? '';
    return searchTitles().length > 0 || hint.includes(query);
  }, timeoutMs);
}

/** When the panel's lookup index became ready (performance mark), and how: loaded or built. */
function lookupReadyMark(): { startTime: number; detail: unknown } | null {
  const mark = performance.getEntriesByName('sidenote:lookup-ready')[0] as PerformanceMark | undefined;
  return mark ? { startTime: mark.startTime, detail: mark.detail } : null;
}

/** Arms a watch that ends when the card for this account shows its name and `items` timeline entries. */
function armAccountWatch(accountName: string, items: number, timeoutMs = 10_000): void {
  armWatch(() => {
    const timeline = document.querySelector('[data-testid="timeline"]');
    if (!timeline || timeline.querySelectorAll('[data-testid="timeline-item"]').length < items) return false;
    return document.getElementById('sn-account-name')?.textContent?.trim() === accountName;
  }, timeoutMs);
}

function timelineItemCount(): number {
  return document.querySelectorAll('[data-testid="timeline"] [data-testid="timeline-item"]').length;
}

/** Deletes what the save benchmark wrote, so a kept profile stays the generated data set. */
async function removeBenchWrites(): Promise<number> {
  const d = database();
  return d.transaction('rw', [d.activities, d.outbox], async () => {
    const entries = await d.outbox.toArray();
    const ids = entries.filter((entry) => entry.entity === 'activity').map((entry) => entry.recordId);
    await d.activities.bulkDelete(ids);
    await d.outbox.clear();
    return ids.length;
  });
}

const api = {
  startSeed,
  seedStep,
  counts,
  measureSaves,
  measureLookup,
  expectedTitles,
  measureAccountData,
  measureCardFloor,
  measureGuidanceData,
  measureTodayReads,
  frameInterval,
  armLookupWatch,
  armKeystrokeFloorWatch,
  clearKeystrokeFloor,
  mountKeystrokeFloor,
  unmountKeystrokeFloor,
  armAnyLookupWatch,
  lookupReadyMark,
  armAccountWatch,
  waitWatch,
  searchTitles,
  timelineItemCount,
  removeBenchWrites,
  buildLookupIndex,
  loadLookupIndex,
  dropLookupIndex,
  measureFloor,
  dropFloor,
  measureBulkWrite,
  phoneKey,
  close: () => {
    keeper?.close();
    db?.close();
  },
  deleteLookupIndex: () => Dexie.delete(lookupIndexDbName(database())),
};
export type BenchApi = typeof api;
(globalThis as unknown as { sidenoteBench: BenchApi }).sidenoteBench = api;
