/**
 * Server storage before and after compaction, for a team history of 200k applied mutations
 * (1M with SIDENOTE_COMPACTION_MUTATIONS=1000000 or `npm run bench -- --compaction-1m`;
 * 100k with SIDENOTE_BENCH_QUICK=1) over a fifth as many records, a fifth of them deleted, written
 * evenly over the last 365 days. With the default 180-day retention about half the mutation
 * ids and tombstones are past the horizon. Prints the size of each table and the database
 * right after compaction (dead rows still on disk), after VACUUM (space reusable, files not
 * shrunk: what a running server's autovacuum gives) and after VACUUM FULL (files rewritten).
 * The history is generated in SQL (the push path is measured by push-ingest.ts). On a shared,
 * busy 2-core machine 1M took about 6 minutes on PGlite and 2 on PostgreSQL (results in
 * server/README.md); storage grows linearly with the history, so 200k in the default run
 * (a fifth of the time) says the same per mutation (the rows' notes give MiB per 100k, to
 * compare sizes) and keeps `npm run bench` short. Run: npx tsx bench/sync/compaction.ts
 * (SIDENOTE_COMPACTION_MUTATIONS=<n> for another size; a multiple of 5).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows, type ServerDatabase } from '../../server/db/connect';
import { DAY_MS, DEFAULT_RETENTION_DAYS, compact } from '../../server/sync/compact';
import { seedTeam } from '../../server/testing/fixtures';
import { POSTGRES_URL, QUICK, benchDrivers, round, writeResults, type Driver, type ResultRow } from './support';

const MUTATIONS = Number(process.env.SIDENOTE_COMPACTION_MUTATIONS ?? (QUICK ? 100_000 : 200_000));
const RECORDS = MUTATIONS / 5;
const HISTORY_DAYS = 365;

async function open(driver: Driver): Promise<{ database: ServerDatabase; cleanup: () => Promise<void> }> {
  if (driver === 'pglite') {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'sidenote-bench-compaction-'));
    return { database: await openDatabase({ dataDir }), cleanup: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  const { default: pg } = await import('pg');
  const name = `sidenote_bench_compaction_${process.pid}`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`create database ${pg.escapeIdentifier(name)}`);
  await admin.end();
  const url = new URL(POSTGRES_URL!);
  url.pathname = `/${name}`;
  return {
    database: await openDatabase({ databaseUrl: url.toString(), poolSize: 2 }),
    cleanup: async () => {
      const drop = new pg.Client({ connectionString: POSTGRES_URL });
      await drop.connect();
      await drop.query(`drop database if exists ${pg.escapeIdentifier(name)} with (force)`);
      await drop.end();
    },
  };
}

interface Sizes {
  records: number;
  appliedMutations: number;
  purgedRecords: number;
  database: number;
}

async function sizes(database: ServerDatabase): Promise<Sizes> {
  const [row] = await queryRows<Record<string, string | number>>(
    database.db,
    sql`select pg_total_relation_size('records') as records, pg_total_relation_size('applied_mutations') as applied,
               pg_total_relation_size('purged_records') as purged, pg_database_size(current_database()) as database`,
  );
  return { records: Number(row!.records), appliedMutations: Number(row!.applied), purgedRecords: Number(row!.purged), database: Number(row!.database) };
}

const mib = (bytes: number) => round(bytes / 2 ** 20, 1);
/** Storage per 100k mutations: the same at 200k and 1M if it grows linearly. */
const perHundredK = (bytes: number) => round(bytes / 2 ** 20 / (MUTATIONS / 100_000), 2);

const rows: ResultRow[] = [];
for (const driver of benchDrivers()) {
  const { database, cleanup } = await open(driver);
  try {
    const { team, reps } = await seedTeam(database.db, ['Bench Rep'], 'Compaction bench');
    const nowMs = Date.now();
    const spanMs = HISTORY_DAYS * DAY_MS;
    let started = performance.now();
    // Records: every fifth deleted; each last changed at a point spread over the year.
    await database.db.execute(sql`
      insert into records (id, team_id, entity, seq, data, author_id, private_to, was_shared, writers, deleted, changed_at)
      select id, ${team.id}, 'account', g, (
          '{"id":"' || id || '","name":"Account ' || g || ' Holdings","domains":["account' || g || '.example"],"industry":"Logistics",' ||
          '"sizeTier":null,"ownerId":null,"stage":"qualified","renewalDate":null,"health":null,"facts":{},' ||
          '"deletedAt":' || (case when g % 5 = 0 then '1700000000000' else 'null' end) || ',"authorId":null,"updatedBy":"' || ${reps[0]!.id} || '",' ||
          '"clock":{"name":"0001700000000000:0000:benchnode01","stage":"0001700000000000:0000:benchnode01","deletedAt":"0001700000000000:0000:benchnode01"}}')::json,
        null, null, true, '{"benchnode01":"${sql.raw(reps[0]!.id)}"}'::jsonb, g % 5 = 0, ${nowMs - spanMs} + (g::bigint * ${Math.floor(spanMs / RECORDS)})
      from (select g, gen_random_uuid() as id from generate_series(1, ${RECORDS}) g) s`);
    await database.db.execute(sql`update teams set seq = ${RECORDS} where id = ${team.id}`);
    // Applied mutation ids: five per record, applied evenly over the year.
    await database.db.execute(sql`
      insert into applied_mutations (team_id, mutation_id, rep_id, record_id, lost_fields, lost_to, applied_at)
      select ${team.id}, gen_random_uuid(), ${reps[0]!.id}, gen_random_uuid(), '[]'::jsonb, null, ${nowMs - spanMs} + (g::bigint * ${Math.floor(spanMs / MUTATIONS)})
      from generate_series(1, ${MUTATIONS}) g`);
    await database.maintain();
    const seedSeconds = (performance.now() - started) / 1000;
    const before = await sizes(database);

    started = performance.now();
    const report = await compact(database, { retentionDays: DEFAULT_RETENTION_DAYS, nowMs });
    const compactSeconds = (performance.now() - started) / 1000;
    const afterCompact = await sizes(database);
    await database.db.execute(sql.raw('vacuum analyze'));
    const afterVacuum = await sizes(database);
    await database.db.execute(sql.raw('vacuum full'));
    const afterFull = await sizes(database);

    const label = driver === 'pglite' ? 'PGlite' : 'PostgreSQL';
    console.log(`\n${label}: ${MUTATIONS.toLocaleString('en')} mutations, ${RECORDS.toLocaleString('en')} records seeded in ${round(seedSeconds, 1)} s`);
    console.log(`compaction (${DEFAULT_RETENTION_DAYS} days): ${report.mutationIdsDeleted.toLocaleString('en')} mutation ids and ${report.tombstonesPurged.toLocaleString('en')} tombstones removed in ${round(compactSeconds, 1)} s`);
    console.table(
      [
        ['before', before],
        ['after compaction', afterCompact],
        ['after VACUUM', afterVacuum],
        ['after VACUUM FULL', afterFull],
      ].map(([when, size]) => {
        const s = size as Sizes;
        return { when, 'records MiB': mib(s.records), 'applied_mutations MiB': mib(s.appliedMutations), 'purged_records MiB': mib(s.purgedRecords), 'database MiB': mib(s.database) };
      }),
    );
    const id = `sync.compaction.${driver}`;
    const scale = MUTATIONS >= 1_000_000 ? `${MUTATIONS / 1_000_000}M` : `${MUTATIONS / 1000}k`;
    rows.push(
      { id: `${id}.before`, name: `server storage, ${scale} mutations, before compaction, ${label}`, unit: 'MiB', value: mib(before.database), notes: `${perHundredK(before.database)} MiB per 100k mutations` },
      { id: `${id}.after-vacuum-full`, name: `server storage after compaction + VACUUM FULL, ${label}`, unit: 'MiB', value: mib(afterFull.database), notes: `${perHundredK(afterFull.database)} MiB per 100k mutations` },
      {
        id: `${id}.tables`,
        name: `records + applied ids before → after (VACUUM FULL), ${label}`,
        unit: 'MiB',
        value: mib(afterFull.records + afterFull.appliedMutations + afterFull.purgedRecords),
        notes: `before ${mib(before.records + before.appliedMutations)} MiB; compaction ${round(compactSeconds, 1)} s for ${report.mutationIdsDeleted} ids + ${report.tombstonesPurged} tombstones`,
      },
    );
  } finally {
    await database.close();
    await cleanup();
  }
}
writeResults('sync-compaction', rows);
