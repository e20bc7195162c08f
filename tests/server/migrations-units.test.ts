/**
 * What 2026_12_01_1400_generalise_tally_units changes on purpose, on every database
 * fixture (tests/fixtures/migrations/; migrations.test.ts checks that everything else
 * survives): each event's tile size becomes its unit, every tegelwip campaign counts the
 * tile sizes, and the rollups, with their new quantity, are exactly what rollupDeltasOf
 * (the rule append() writes new events by) makes of the events, for every dimension but
 * GARDEN: the backfill is the ledger's own sum. Undoing it is refused while the database
 * holds what the code from before cannot read: a clean-up action, an entry in a clean-up unit.
 */
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { SIZE_CODES } from '@buurtkracht/protocol/tile-sizes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as migration from '../../migrations/2026_12_01_1400_generalise_tally_units.js';
import { openDatabase } from '../../server/src/db/connect.js';
import { migrateToLatest } from '../../server/src/db/migrate.js';
import { rollupDeltasOf } from '../../server/src/modules/tally/tally-rollups.js';
import type { TallyEventRow, TallyRollupRow } from '../../server/src/modules/tally/tally.table.js';
import { readFacts } from '../support/make-migration-fixture.js';
import { fixtureNames, loadFixture, readFixture } from '../support/migration-fixtures.js';
import { loadDump } from '../support/sql-dump.js';
import { sqliteOnly } from '../support/test-database.js';

type Rollup = Pick<TallyRollupRow, 'campaign_id' | 'dimension' | 'key' | 'area_cm2' | 'event_count' | 'quantity'>;
const byKey = (a: Rollup, b: Rollup) => `${a.campaign_id} ${a.dimension} ${a.key}`.localeCompare(`${b.campaign_id} ${b.dimension} ${b.key}`);

/** A fixture's database file, migrated to the latest migration. */
async function migrated(dump: string) {
  const file = loadFixture(dump);
  const { db } = openDatabase(file.env.DATABASE_PATH!, { reader: false });
  try {
    await migrateToLatest(db);
  } finally {
    await db.destroy();
  }
  return file;
}

// Reads the SQLite file; on PostgreSQL, migrations-postgres.test.ts holds the same upgrade
// to what SQLite's ends with, this migration's rollups included.
describe.skipIf(sqliteOnly('reads the SQLite file')).each(fixtureNames())('generalising the tally units on %s', (fixture) => {
  const dump = readFixture(fixture);
  let file: Awaited<ReturnType<typeof migrated>>;

  beforeAll(async () => {
    file = await migrated(dump);
  });
  afterAll(() => file?.remove());

  it('keeps each event’s tile size as its unit, and gives every tegelwip campaign every tile size', () => {
    // The migration runs on the file; the data as it was before is only read back from the
    // dump for comparison, so a scratch copy in memory is enough.
    const was = new SQLite(':memory:');
    const sqlite = new SQLite(file.env.DATABASE_PATH!, { readonly: true });
    try {
      loadDump(was, dump);
      const sizesBefore = was.prepare('select id, size_code from tally_event order by id').all() as { id: string; size_code: string }[];
      expect(sizesBefore.length, 'the fixture holds tally events').toBeGreaterThan(0);
      expect(sqlite.prepare('select id, unit_code as size_code from tally_event order by id').all()).toEqual(sizesBefore);

      const tegelwip = was.prepare("select id from campaign where kind = 'TEGELWIPPEN' order by id").pluck().all() as string[];
      expect(tegelwip).toContain(readFacts(dump).tegelwipCampaignId);
      expect(sqlite.prepare('select campaign_id, unit_code, position, target from campaign_unit order by campaign_id, position').all()).toEqual(
        tegelwip.flatMap((campaign_id) => SIZE_CODES.map((unit_code, position) => ({ campaign_id, unit_code, position, target: null }))),
      );
      expect(sqlite.prepare('select count(*) from campaign_day_street').pluck().get()).toBe(0);
    } finally {
      sqlite.close();
      was.close();
    }
  });

  it('fills every rollup but GARDEN, with its quantity, as append() would have written it for the events', () => {
    const sqlite = new SQLite(file.env.DATABASE_PATH!, { readonly: true });
    try {
      const events = sqlite.prepare('select * from tally_event order by server_time, id').all() as TallyEventRow[];
      const perCampaign = new Map<string, TallyEventRow[]>();
      for (const e of events) perCampaign.set(e.campaign_id, [...(perCampaign.get(e.campaign_id) ?? []), e]);
      const expected: Rollup[] = [...perCampaign].flatMap(([campaignId, rows]) => rollupDeltasOf(campaignId, rows)).filter((r) => r.dimension !== 'GARDEN');
      const stored = sqlite.prepare("select campaign_id, dimension, key, area_cm2, event_count, quantity from tally_rollup where dimension <> 'GARDEN'").all() as Rollup[];
      expect(stored.sort(byKey)).toEqual(expected.sort(byKey));
      // The rows that were there got their quantity too, not only the new dimensions.
      const old = stored.filter((r) => ['TOTAL', 'STREET', 'DAY', 'PARTICIPANT'].includes(r.dimension));
      expect(new Set(old.map((r) => r.dimension))).toEqual(new Set(['TOTAL', 'STREET', 'DAY', 'PARTICIPANT']));
      expect(old.every((r) => r.quantity > 0)).toBe(true);
    } finally {
      sqlite.close();
    }
  });

  it('refuses to be undone while a clean-up action or an entry in a clean-up unit exists, and undoes otherwise', async () => {
    const copy = await migrated(dump);
    const { db } = openDatabase(copy.env.DATABASE_PATH!, { reader: false });
    try {
      const facts = readFacts(dump);
      const tables = async () => (await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name like 'campaign_%' order by name`.execute(db)).rows.map((r) => r.name);
      const before = await tables();
      expect(before).toContain('campaign_unit');

      await sql`update campaign set kind = 'OPRUIMEN' where id = ${facts.schouwCampaignId}`.execute(db);
      await expect(migration.down(db)).rejects.toThrow('the database holds 1 clean-up campaign(s) (kind OPRUIMEN) and 0 tally event(s) in clean-up units');
      await sql`update campaign set kind = 'SCHOUW' where id = ${facts.schouwCampaignId}`.execute(db);

      const [event] = (await sql<{ id: string; unit_code: string }>`select id, unit_code from tally_event order by id limit 1`.execute(db)).rows;
      await sql`update tally_event set unit_code = 'GROFVUIL' where id = ${event!.id}`.execute(db);
      await expect(migration.down(db)).rejects.toThrow('0 clean-up campaign(s) (kind OPRUIMEN) and 1 tally event(s) in clean-up units');
      // Refused before it changed anything.
      expect(await tables()).toEqual(before);
      await sql`update tally_event set unit_code = ${event!.unit_code} where id = ${event!.id}`.execute(db);

      await migration.down(db);
      expect(await tables()).not.toContain('campaign_unit');
      const [undone] = (await sql<{ size_code: string }>`select size_code from tally_event where id = ${event!.id}`.execute(db)).rows;
      expect(undone).toEqual({ size_code: event!.unit_code });
    } finally {
      await db.destroy();
      copy.remove();
    }
  });
});
