/**
 * A big schouw has tens of thousands of answers: the console's answer list and the answers
 * export must read them in order from an index, not sort them all for every page. Checked
 * on SQLite's query plan for the statements the repos build (a migrated database file).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Compilable } from 'kysely';
import { openDatabase, type SqliteConnection } from '../../server/src/db/connect.js';
import { migrateToLatest } from '../../server/src/db/migrate.js';
import { databaseFile } from '../support/test-app.js';
import { sqliteOnly } from '../support/test-database.js';

// PostgreSQL plans by its statistics (an empty table is read whole, whatever the index);
// the indexes are the same ones, made by the same migrations.
describe.skipIf(sqliteOnly('reads SQLite\'s query plans'))('query plans of the answer lists', () => {
  let file: ReturnType<typeof databaseFile>;
  let connection: SqliteConnection;

  beforeAll(async () => {
    file = databaseFile();
    connection = openDatabase(file.env.DATABASE_PATH!, { reader: false });
    await migrateToLatest(connection.db);
  });
  afterAll(async () => {
    await connection.db.destroy();
    file.remove();
  });

  /** The plan's lines for a query the repos would run (parameters as placeholders). */
  function planOf(query: Compilable): string[] {
    const { sql, parameters } = query.compile();
    return connection.sqlite.prepare(`explain query plan ${sql}`).all(...(parameters as unknown[])).map((row) => (row as { detail: string }).detail);
  }

  it('pages a campaign’s answers newest first from the index, without sorting them', () => {
    const db = connection.db;
    const page = db.selectFrom('observation').selectAll().where('campaign_id', '=', 'c').orderBy('server_time', 'desc').orderBy('id', 'desc').limit(51);
    const plan = planOf(page);
    expect(plan.join('\n')).toMatch(/observation_list_idx/);
    expect(plan.join('\n')).not.toMatch(/TEMP B-TREE/);
  });

  it('reads the answers export oldest first from the same index', () => {
    const db = connection.db;
    const rows = db
      .selectFrom('observation')
      .innerJoin('spot', 'spot.id', 'observation.spot_id')
      .leftJoin('street', 'street.id', 'observation.street_id')
      .select(['observation.id', 'spot.name', 'street.name as street_name'])
      .where('observation.campaign_id', '=', 'c')
      .where((eb) => eb.or([eb('observation.server_time', '>', 't'), eb.and([eb('observation.server_time', '=', 't'), eb('observation.id', '>', 'i')])]))
      .orderBy('observation.server_time')
      .orderBy('observation.id')
      .limit(500);
    const plan = planOf(rows).join('\n');
    expect(plan).toMatch(/observation_list_idx/);
    expect(plan).not.toMatch(/TEMP B-TREE/);
  });
});
