import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS_FOLDER } from './connect';

/** Migrations applied to a database that already holds data, as an upgraded server meets it. */
describe('migration 0002 (retention)', () => {
  it('marks existing tombstones and starts their retention at the upgrade', async () => {
    // The schema as of 0001, with a live record and a deleted one in it.
    const before = mkdtempSync(join(tmpdir(), 'sidenote-migrations-'));
    mkdirSync(join(before, 'meta'));
    const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta/_journal.json'), 'utf8')) as { entries: Array<{ tag: string }> };
    journal.entries = journal.entries.filter((entry) => entry.tag < '0002');
    writeFileSync(join(before, 'meta/_journal.json'), JSON.stringify(journal));
    for (const entry of journal.entries) copyFileSync(join(MIGRATIONS_FOLDER, `${entry.tag}.sql`), join(before, `${entry.tag}.sql`));
    const client = new PGlite();
    try {
      const db = drizzle({ client });
      await migrate(db, { migrationsFolder: before });
      await client.exec(`
        insert into teams (id, name, seq, created_at) values ('t1', 'Acme', 2, 1);
        insert into records (id, team_id, entity, seq, data, was_shared) values
          ('0190a6c0-0000-7000-8000-000000000001', 't1', 'account', 1, '{"name":"Live","deletedAt":null,"clock":{}}', true),
          ('0190a6c0-0000-7000-8000-000000000002', 't1', 'account', 2, '{"name":"Gone","deletedAt":1700000000000,"clock":{}}', true);`);
      const upgradedAt = Date.now();
      await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
      const rows = (await client.query<{ name: string; deleted: boolean; changed_at: string }>(`select data->>'name' as name, deleted, changed_at from records order by seq`)).rows;
      expect(rows.map((row) => [row.name, row.deleted])).toEqual([
        ['Live', false],
        ['Gone', true],
      ]);
      for (const row of rows) expect(Number(row.changed_at)).toBeGreaterThanOrEqual(upgradedAt - 60_000);
      const team = (await client.query<{ purged_seq: string; purge_generation: string }>(`select purged_seq, purge_generation from teams`)).rows[0]!;
      expect([Number(team.purged_seq), Number(team.purge_generation)]).toEqual([0, 0]);
    } finally {
      await client.close();
      rmSync(before, { recursive: true, force: true });
    }
  });
});
