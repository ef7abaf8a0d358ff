/**
 * The page side of bench/browser/trace-writes.ts (a diagnostic, not part of the suite): what a
 * note save and a bulk write ask IndexedDB for, in which order, and what each costs.
 */
import './zod-jitless';
import Dexie, { type DBCore, type DBCoreTable, type Middleware } from 'dexie';
import { v7 as uuidv7 } from 'uuid';
import { logActivity } from '../../lib/db/activities';
import { SidenoteDb } from '../../lib/db/database';
import { toRow } from '../../lib/db/derived';
import type { StoredRecord } from '../../lib/sync/merge';
import { withSilence } from '../../lib/db/touch-summary';
import { DatasetGenerator, planDataset } from './generate';

interface TraceEvent {
  table: string;
  op: string;
  n: number;
  start: number;
  end: number;
}
let events: TraceEvent[] | null = null;
let t0 = 0;

const tracer: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'trace',
  level: 1,
  create(down) {
    return {
      ...down,
      table(name) {
        const table = down.table(name);
        const wrap =
          <K extends 'mutate' | 'getMany' | 'get' | 'query' | 'count' | 'openCursor'>(op: K, size: (req: never) => number) =>
          (req: never) => {
            const start = performance.now() - t0;
            const promise = (table[op] as (req: never) => Promise<unknown>)(req);
            if (!events) return promise;
            const list = events;
            return promise.then((result) => {
              list.push({ table: name, op: op === 'mutate' ? `${op}:${(req as { type: string }).type}` : op, n: size(req), start, end: performance.now() - t0 });
              return result;
            });
          };
        const traced: DBCoreTable = {
          ...table,
          mutate: wrap('mutate', (req: { values?: unknown[]; keys?: unknown[] }) => req.values?.length ?? req.keys?.length ?? 0) as DBCoreTable['mutate'],
          getMany: wrap('getMany', (req: { keys: unknown[] }) => req.keys.length) as DBCoreTable['getMany'],
          get: wrap('get', () => 1) as DBCoreTable['get'],
          query: wrap('query', () => 1) as DBCoreTable['query'],
          count: wrap('count', () => 1) as DBCoreTable['count'],
        };
        return traced;
      },
    };
  },
};

let db: SidenoteDb | null = null;
let bigAccountId = '';

async function setup(accounts: number): Promise<{ accounts: number; big: string }> {
  await Dexie.delete('trace');
  db = new SidenoteDb('trace');
  db.use(tracer);
  await db.open();
  const generator = new DatasetGenerator(planDataset({ accounts, contacts: accounts * 3, activities: accounts * 10, bigAccounts: 1, bigAccountActivities: 1000 }), 11);
  for (let start = 0; start < accounts; start += 200) {
    const rows = { accounts: [] as StoredRecord[], contacts: [] as StoredRecord[], deals: [] as StoredRecord[], activities: [] as StoredRecord[] };
    for (let i = start; i < Math.min(accounts, start + 200); i++) {
      const account = generator.account(i);
      const big = generator.isBig(i);
      if (big) {
        bigAccountId = account.record.id;
        account.record.stage = 'evaluating';
      }
      rows.accounts.push(toRow('account', account.record));
      for (let c = 0; c < 3; c++) rows.contacts.push(toRow('contact', generator.contact(i)));
      for (let d = 0; d < (big ? 10 : 1); d++) {
        const deal = generator.deal(i);
        if (big) deal.stage = 'proposal';
        rows.deals.push(toRow('deal', deal));
      }
      for (let a = 0; a < (big ? 1000 : 10); a++) rows.activities.push(toRow('activity', generator.activity(i)));
    }
    await db.transaction('rw', [db.accounts, db.contacts, db.deals, db.activities], async () => {
      await db!.accounts.bulkPut(rows.accounts as never[]);
      await db!.contacts.bulkPut(rows.contacts as never[]);
      await db!.deals.bulkPut(rows.deals as never[]);
      await db!.activities.bulkPut(rows.activities as never[]);
    });
  }
  return { accounts, big: bigAccountId };
}

type SaveKind = 'product' | 'productTask' | 'benchFloor' | 'rawFloor' | 'rawReadThenWrite';

let raw: Dexie | null = null;
async function rawDb(): Promise<Dexie> {
  if (!raw) {
    // Opened without declaring versions: Dexie reads the schema, and none of the product's middlewares run.
    raw = new Dexie('trace', { chromeTransactionDurability: 'strict' });
    raw.use(tracer);
    await raw.open();
  }
  return raw;
}

async function saveOnce(kind: SaveKind, i: number): Promise<{ ms: number; events: TraceEvent[] }> {
  const d = db!;
  const input = {
    type: kind === 'productTask' ? ('task' as const) : ('note' as const),
    accountId: bigAccountId,
    body: `Trace note ${i}: talked pricing with Sarah, sending a proposal on Friday.`,
    dueAt: kind === 'productTask' ? Date.now() + 86_400_000 : null,
    source: { url: 'https://www.example-prospect.com/pricing', title: 'Pricing', threadSubject: null, threadId: null, provider: null },
  };
  const row = toRow('activity', { ...(await d.activities.where('[accountId+occurredAt]').between([bigAccountId, 0], [bigAccountId, Infinity]).last())!, id: uuidv7(), occurredAt: Date.now() - 1000 });
  const entry = { id: uuidv7(), entity: 'activity', recordId: row.id, patch: { body: 'x' }, hlc: `00${Date.now()}:0000:abc`, createdAt: Date.now(), status: 'pending', attempts: 0, lastError: null, parkedReason: null };
  events = [];
  t0 = performance.now();
  if (kind === 'product' || kind === 'productTask') {
    await logActivity(d, input, { repId: 'rep-1' });
  } else if (kind === 'benchFloor') {
    await d.transaction('rw', d.activities, d.outbox, async () => {
      await Promise.all([d.activities.put(row as never), d.outbox.put(entry as never)]);
    });
  } else {
    const r = await rawDb();
    await r.transaction('rw', ['activities', 'outbox', 'meta'], async () => {
      if (kind === 'rawReadThenWrite') await r.table('meta').bulkGet(['clientId', 'hlc']);
      await Promise.all([r.table('activities').put(row), r.table('outbox').put(entry)]);
    });
  }
  const ms = performance.now() - t0;
  const list = events;
  events = null;
  return { ms, events: list };
}

async function traceSaves(kinds: SaveKind[], rounds: number) {
  const out: Record<string, { ms: number[]; events: TraceEvent[][] }> = {};
  for (const kind of kinds) out[kind] = { ms: [], events: [] };
  for (let i = 0; i < rounds; i++) {
    for (const kind of kinds) {
      const { ms, events: list } = await saveOnce(kind, i);
      if (i >= 3) {
        out[kind]!.ms.push(ms);
        out[kind]!.events.push(list);
      }
      await new Promise((resolve) => setTimeout(resolve, 15));
    }
  }
  return out;
}

/** Bulk write of `accounts` accounts and 3× contacts in 500-account transactions into a fresh database of the given shape. */
async function bulk(shape: { name: string; stores?: Record<string, string>; product?: boolean }, accounts: number) {
  const name = `trace-bulk-${shape.name}`;
  await Dexie.delete(name);
  let target: Dexie;
  if (shape.product) {
    target = new SidenoteDb(name);
    target.use(tracer);
  } else {
    target = new Dexie(name, { chromeTransactionDurability: 'strict' });
    target.version(1).stores(shape.stores!);
  }
  await target.open();
  const generator = new DatasetGenerator(planDataset({ accounts, contacts: accounts * 3, activities: 0, bigAccounts: 1, bigAccountActivities: 0 }), 99);
  let ms = 0;
  const traced: TraceEvent[][] = [];
  for (let start = 0; start < accounts; start += 500) {
    const accountRows: StoredRecord[] = [];
    const contactRows: StoredRecord[] = [];
    for (let i = start; i < Math.min(accounts, start + 500); i++) {
      const account = toRow('account', generator.account(i).record);
      // What the summary middleware adds to a new account, so the raw shapes hold the same index entries.
      accountRows.push(shape.product ? account : withSilence({ ...account, lastTouchAt: null }));
      for (let c = 0; c < 3; c++) contactRows.push(toRow('contact', generator.contact(i)));
    }
    events = [];
    t0 = performance.now();
    await target.transaction('rw', [target.table('accounts'), target.table('contacts')], async () => {
      await target.table('accounts').bulkPut(accountRows);
      await target.table('contacts').bulkPut(contactRows);
    });
    ms += performance.now() - t0;
    traced.push(events);
    events = null;
  }
  target.close();
  await Dexie.delete(name);
  return { ms, events: traced.slice(1, 3) };
}

(globalThis as unknown as { trace: unknown }).trace = { setup, traceSaves, bulk };
