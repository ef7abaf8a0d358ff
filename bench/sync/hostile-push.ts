/**
 * Hostile pushes against a server process over loopback: one push that sets thousands of fact
 * keys on one account (the merge used to copy the whole map once per key, inside the push
 * transaction), and pushes built to draw a large refusal. Each is answered (status, time until
 * the answer, answer size against request size), and the server must still answer /healthz
 * right after. No target is a pass/fail gate here: the rows record the numbers.
 * Run: npx tsx bench/sync/hostile-push.ts            (SIDENOTE_BENCH_QUICK=1 skips the 60,000-key push)
 */
import { v7 as uuidv7 } from 'uuid';
import { SYNC_PROTOCOL_HEADER, SYNC_PROTOCOL_VERSION, type Mutation } from '../../lib/schemas';
import { formatHlc } from '../../lib/sync/hlc';
import { applyPatch } from '../../lib/sync/merge';
import { accountFields } from '../../server/testing/fixtures';
import { QUICK, benchDrivers, round, startBenchServer, writeResults, type ResultRow } from './support';

/** A request that gets no answer in this long is reported as such; the server may still be busy with it. */
const ANSWER_TIMEOUT_MS = 180_000;
const NODE = 'benchhostile1';

let wallMs = Date.now() - 60 * 60_000;
const stamp = () => formatHlc({ wallMs: wallMs++, counter: 0, node: NODE });

function body(mutations: Mutation[]): string {
  return JSON.stringify({ protocolVersion: SYNC_PROTOCOL_VERSION, clientId: NODE, mutations });
}

function factKeysPush(accountId: string, keys: number): string {
  const patch: Record<string, unknown> = {};
  for (let i = 0; i < keys; i++) patch[`facts.k${i}`] = { value: 'x', confirmed: true };
  return body([{ id: uuidv7(), entity: 'account', recordId: accountId, patch, hlc: stamp() }]);
}

/** 500 mutations, each naming many fields no account has: every one is refused with its reasons. */
function manyBadFieldsPush(targetBytes: number): string {
  const perMutation = Math.floor(targetBytes / 500);
  const mutations: Mutation[] = [];
  for (let m = 0; m < 500; m++) {
    const patch: Record<string, unknown> = {};
    for (let i = 0, size = 0; size < perMutation - 200; i++) {
      patch[`f${i}`] = 1;
      size += `"f${i}":1,`.length;
    }
    mutations.push({ id: uuidv7(), entity: 'account', recordId: uuidv7(), patch, hlc: stamp() });
  }
  return body(mutations);
}

interface Answer {
  status: number | 'no answer';
  ms: number;
  bytes: number;
}

async function send(url: string, token: string, payload: string): Promise<Answer> {
  const started = performance.now();
  try {
    const response = await fetch(`${url}/v1/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', [SYNC_PROTOCOL_HEADER]: String(SYNC_PROTOCOL_VERSION) },
      body: payload,
      signal: AbortSignal.timeout(ANSWER_TIMEOUT_MS),
    });
    const text = await response.arrayBuffer();
    return { status: response.status, ms: performance.now() - started, bytes: text.byteLength };
  } catch {
    return { status: 'no answer', ms: performance.now() - started, bytes: 0 };
  }
}

async function healthMs(url: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(ANSWER_TIMEOUT_MS) }).catch(() => null);
  if (!response?.ok) return Number.NaN;
  await response.arrayBuffer();
  return performance.now() - started;
}

/**
 * The merge alone, on keys the schema would refuse past 200: it must grow linearly with the
 * patch (it used to copy the whole map once per key, so 8,000 keys cost 64× what 1,000 did).
 */
function measureMerge(keys: number): number {
  const patch: Record<string, unknown> = {};
  for (let i = 0; i < keys; i++) patch[`facts.k${i}`] = { value: 'x', confirmed: true };
  const base = applyPatch(null, uuidv7(), accountFields(), formatHlc({ wallMs: 1, counter: 0, node: NODE }), { mapFields: ['facts'] }).record;
  const started = performance.now();
  applyPatch(base, base.id, patch, formatHlc({ wallMs: 2, counter: 0, node: NODE }), { mapFields: ['facts'] });
  return performance.now() - started;
}

const rows: ResultRow[] = [];
for (const keys of [1_000, 8_000, ...(QUICK ? [] : [60_000])]) {
  const ms = measureMerge(keys);
  console.log(`merge of ${keys} map keys: ${round(ms)} ms`);
  rows.push({ id: `sync.hostile.merge-${keys}`, name: `merging one patch of ${keys.toLocaleString('en')} map keys (applyPatch alone)`, unit: 'ms', runs: 1, value: round(ms, 1), notes: 'linear in the patch: the map is copied once, not once per key' });
}
for (const driver of benchDrivers()) {
  const server = await startBenchServer(driver);
  const label = driver === 'pglite' ? 'PGlite' : 'PostgreSQL';
  try {
    const token = server.teams[0]!.token;
    const accountId = uuidv7();
    const created = await send(server.url, token, body([{ id: uuidv7(), entity: 'account', recordId: accountId, patch: accountFields({ name: 'Bench target' }), hlc: stamp() }]));
    if (created.status !== 200) throw new Error(`could not create the target account: ${created.status}`);

    const cases: Array<{ id: string; name: string; payload: string }> = [
      { id: 'facts-200', name: 'one push setting 200 fact keys (the most a record may hold)', payload: factKeysPush(accountId, 200) },
      { id: 'facts-3000', name: 'one push setting 3,000 fact keys', payload: factKeysPush(accountId, 3_000) },
      { id: 'facts-8000', name: 'one push setting 8,000 fact keys', payload: factKeysPush(accountId, 8_000) },
      { id: 'bad-fields-1mib', name: '1 MiB push: 500 mutations full of unknown fields', payload: manyBadFieldsPush(1024 * 1024) },
      ...(QUICK ? [] : [{ id: 'facts-60000', name: 'one 2.3 MiB push setting 60,000 fact keys', payload: factKeysPush(accountId, 60_000) }]),
    ];
    for (const item of cases) {
      const requestBytes = Buffer.byteLength(item.payload);
      const answer = await send(server.url, token, item.payload);
      const health = await healthMs(server.url);
      const notes = `HTTP ${answer.status}; request ${round(requestBytes / 1024)} KiB, answer ${round(answer.bytes / 1024)} KiB (${round(answer.bytes / requestBytes, 3)}× the request); /healthz right after: ${Number.isNaN(health) ? 'no answer' : `${round(health)} ms`}`;
      console.log(`${label} ${item.id}: ${round(answer.ms)} ms, ${notes}`);
      rows.push({ id: `sync.hostile.${driver}.${item.id}`, name: `${item.name}, ${label}: time to the answer`, unit: 'ms', runs: 1, value: round(answer.ms, 0), notes });
    }
  } finally {
    await server.close();
  }
}
writeResults('sync-hostile', rows);
