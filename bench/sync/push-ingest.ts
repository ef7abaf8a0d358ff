/**
 * Push ingest: mutations per second a server process applies over loopback HTTP, on PGlite (on disk)
 * and on PostgreSQL when DATABASE_URL is set. Targets: ≥ 2,000/s on PGlite, ≥ 5,000/s on
 * PostgreSQL, on 2 cores. Bodies are built before the clock starts: this measures the server
 * (HTTP, JSON, auth, Zod, merge, validation, one transaction per push), not the client.
 * Run: npx tsx bench/sync/push-ingest.ts
 */
import { v7 as uuidv7 } from 'uuid';
import { SYNC_PROTOCOL_HEADER, SYNC_PROTOCOL_VERSION, type Mutation } from '../../lib/schemas';
import { formatHlc } from '../../lib/sync/hlc';
import { accountFields } from '../../server/testing/fixtures';
import { QUICK, atLeast, benchDrivers, round, startBenchServer, writeResults, type Driver, type ResultRow } from './support';

const TARGET_PER_SECOND: Record<Driver, number> = { pglite: 2_000, postgres: 5_000 };
const MUTATIONS = QUICK ? 4_000 : 20_000;
const BATCH = 500;

function bodiesFor(clientId: string, records: string[], kind: 'create' | 'update'): string[] {
  let wallMs = Date.now() - 60 * 60_000 + (kind === 'update' ? 30 * 60_000 : 0);
  const bodies: string[] = [];
  for (let start = 0; start < records.length; start += BATCH) {
    const mutations: Mutation[] = records.slice(start, start + BATCH).map((recordId, i) => ({
      id: uuidv7(),
      entity: 'account',
      recordId,
      patch:
        kind === 'create'
          ? accountFields({ name: `Account ${start + i} Holdings`, domains: [`acct${start + i}.example`], industry: 'Logistics' })
          : { stage: 'proposal', [`facts.budget`]: { value: `${start + i}k`, state: 'known', by: null, at: null } },
      hlc: formatHlc({ wallMs: wallMs++, counter: 0, node: clientId }),
    }));
    bodies.push(JSON.stringify({ protocolVersion: SYNC_PROTOCOL_VERSION, clientId, mutations }));
  }
  return bodies;
}

async function pushAll(url: string, token: string, bodies: string[]): Promise<void> {
  for (const body of bodies) {
    const response = await fetch(`${url}/v1/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', [SYNC_PROTOCOL_HEADER]: String(SYNC_PROTOCOL_VERSION) },
      body,
    });
    if (response.status !== 200) throw new Error(`push failed: ${response.status} ${(await response.text()).slice(0, 300)}`);
    await response.arrayBuffer();
  }
}

async function measureDriver(driver: Driver): Promise<ResultRow[]> {
  const server = await startBenchServer(driver, { teams: 4 });
  try {
    const teams = server.teams.filter((_, index) => index % 2 === 0);
    const token = teams[0]!.token;
    // Warm up the JIT, the connection pool and the tables.
    const warm = Array.from({ length: 1_000 }, () => uuidv7());
    await pushAll(server.url, token, bodiesFor('benchwarm001', warm, 'create'));

    const records = Array.from({ length: MUTATIONS }, () => uuidv7());
    const creates = bodiesFor('benchclient01', records, 'create');
    let started = performance.now();
    await pushAll(server.url, token, creates);
    const createSeconds = (performance.now() - started) / 1000;

    const updates = bodiesFor('benchclient01', records, 'update');
    started = performance.now();
    await pushAll(server.url, token, updates);
    const updateSeconds = (performance.now() - started) / 1000;

    // Four teams at once: pushes of different teams do not wait for each other's lock.
    const perTeam = MUTATIONS / 4;
    const parallel = teams.map((team, i) => bodiesFor(`benchpar${i}0001`, Array.from({ length: perTeam }, () => uuidv7()), 'create'));
    started = performance.now();
    await Promise.all(teams.map((team, i) => pushAll(server.url, team.token, parallel[i]!)));
    const parallelSeconds = (performance.now() - started) / 1000;

    const target = TARGET_PER_SECOND[driver];
    const label = driver === 'pglite' ? 'PGlite' : 'PostgreSQL';
    return [
      atLeast({ id: `sync.push.${driver}.create`, name: `push ingest, ${label}: new accounts`, unit: 'mut/s', runs: MUTATIONS, value: round(MUTATIONS / createSeconds, 0), target, notes: `${MUTATIONS} creates in pushes of ${BATCH}, one team, loopback HTTP` }),
      atLeast({ id: `sync.push.${driver}.update`, name: `push ingest, ${label}: edits (merge with stored rows)`, unit: 'mut/s', runs: MUTATIONS, value: round(MUTATIONS / updateSeconds, 0), target, notes: `${MUTATIONS} two-field edits of existing accounts` }),
      atLeast({ id: `sync.push.${driver}.four-teams`, name: `push ingest, ${label}: four teams at once`, unit: 'mut/s', runs: MUTATIONS, value: round(MUTATIONS / parallelSeconds, 0), target, notes: `${perTeam} creates per team, pushed concurrently` }),
    ];
  } finally {
    await server.close();
  }
}

const rows: ResultRow[] = [];
for (const driver of benchDrivers()) rows.push(...(await measureDriver(driver)));
writeResults('sync-push-ingest', rows);
