/**
 * dashboard: with 1,000,000 tally events over 50 streets and 10 action days, the p95
 * latency of the tegelwip dashboard query (total, per street, per day, top 20) through
 * the real server, against the same aggregates computed by direct SQL on the raw events.
 * Target: p95 ≤ 20 ms. The same on PostgreSQL: dashboard-postgres.bench.ts; the data
 * both build and the measuring: support/dashboard-data.ts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { openDatabase } from '../../server/src/db/connect.js';
import { migrateToLatest } from '../../server/src/db/migrate.js';
import { DIRECT_SQL, EVENT_COLUMNS, EVENTS, eventRows, insertFixture, ROLLUP_STATEMENTS, serverP95, timedP95, type DashboardFixture } from './support/dashboard-data.js';
import { report, round } from './support/measure.js';

/** Builds the database file: schema by the real migrations, bulk rows by raw statements. */
async function buildDatabase(file: string): Promise<DashboardFixture> {
  const { db } = openDatabase(file);
  let fixture: DashboardFixture;
  try {
    await migrateToLatest(db);
    fixture = await insertFixture(db);
  } finally {
    await db.destroy();
  }

  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = OFF');
  const insert = sqlite.prepare(`insert into tally_event (${EVENT_COLUMNS.join(', ')}) values (${EVENT_COLUMNS.map(() => '?').join(', ')})`);
  const next = eventRows(fixture);
  const batch = sqlite.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) insert.run(...next());
  });
  for (let from = 0; from < EVENTS; from += 50_000) batch(from, Math.min(EVENTS, from + 50_000));
  for (const statement of ROLLUP_STATEMENTS) sqlite.exec(statement);
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  sqlite.close();
  return fixture;
}

export async function run(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'buurtkracht-bench-'));
  const file = path.join(dir, 'dashboard.db');
  try {
    const fixture = await buildDatabase(file);
    const p95 = await serverP95({ DATABASE_PATH: file }, fixture);
    const sqlite = new SQLite(file, { readonly: true });
    const statements = DIRECT_SQL.map((text) => sqlite.prepare(text));
    const directP95 = await timedP95(2, 10, () => {
      statements[0]!.get(fixture.campaignId);
      for (const statement of statements.slice(1)) statement.all(fixture.campaignId);
    });
    sqlite.close();
    report({ bench: 'dashboard', p95_ms: round(p95, 2), direct_sql_p95_ms: round(directP95, 2), ratio: round(p95 / directP95, 4), events: EVENTS });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
