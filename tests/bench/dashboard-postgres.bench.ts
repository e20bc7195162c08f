/**
 * dashboard-postgres: dashboard (support/dashboard-data.ts) on PostgreSQL: the same
 * 1,000,000 tally events, the p95 of the dashboard query through the real server, against
 * the same four aggregates by direct SQL on PostgreSQL, on a fresh database of the server
 * that BENCH_DATABASE_URL (else TEST_DATABASE_URL) names; skipped when neither is set.
 *
 * Loaded with pg: prepared 1,000-row inserts, 50,000 rows per transaction, the rollups by
 * the same SQL as on SQLite, then "analyze" (as autovacuum would before long). This
 * ledger's totals (≈ 1.6 million m² in all) need the 64-bit rollup columns that
 * migrations/2026_12_01_1510_widen_counts_on_postgres.ts gives PostgreSQL.
 */
import { DIRECT_SQL, EVENT_COLUMNS, EVENTS, eventRows, insertFixture, ROLLUP_STATEMENTS, serverP95, timedP95, type DashboardFixture } from './support/dashboard-data.js';
import { report, reportedLine, round } from './support/measure.js';
import { benchPostgresUrl, openMigrated, withClient, withDatabases } from './support/postgres-database.js';

const BENCH = 'dashboard-postgres';
const ROWS_PER_STATEMENT = 1_000;
const ROWS_PER_TRANSACTION = 50_000;

const insertSql = (rows: number) =>
  `insert into tally_event (${EVENT_COLUMNS.join(', ')}) values ${Array.from({ length: rows }, (_, r) => `(${EVENT_COLUMNS.map((_, c) => `$${r * EVENT_COLUMNS.length + c + 1}`).join(', ')})`).join(', ')}`;

/** `?` placeholders as PostgreSQL's `$1`, `$2`, … */
const numbered = (text: string) => {
  let n = 0;
  return text.replace(/\?/g, () => `$${++n}`);
};

/** Schema by the real migrations, the fixture by Kysely, the ledger by pg. */
async function buildDatabase(url: string): Promise<DashboardFixture> {
  const { db, pool } = await openMigrated(url);
  const client = await pool.connect();
  try {
    const fixture = await insertFixture(db);
    const next = eventRows(fixture);
    for (let from = 0; from < EVENTS; from += ROWS_PER_TRANSACTION) {
      const to = Math.min(EVENTS, from + ROWS_PER_TRANSACTION);
      await client.query('begin');
      for (let at = from; at < to; at += ROWS_PER_STATEMENT) {
        const count = Math.min(ROWS_PER_STATEMENT, to - at);
        await client.query({ name: `bench-events-${count}`, text: insertSql(count), values: Array.from({ length: count }, next).flat() });
      }
      await client.query('commit');
    }
    for (const statement of ROLLUP_STATEMENTS) await client.query(statement);
    await client.query('analyze');
    return fixture;
  } finally {
    client.release();
    await db.destroy();
  }
}

export async function run(): Promise<void> {
  const adminUrl = benchPostgresUrl(BENCH);
  if (!adminUrl) return;
  await withDatabases(adminUrl, 1, async ([database]) => {
    const started = performance.now();
    const fixture = await buildDatabase(database!.url);
    const buildSeconds = (performance.now() - started) / 1000;
    const p95 = await serverP95({ DATABASE_URL: database!.url }, fixture);
    const statements = DIRECT_SQL.map(numbered);
    const directP95 = await withClient(database!.url, (client) =>
      timedP95(2, 10, async () => {
        for (const text of statements) await client.query(text, [fixture.campaignId]);
      }),
    );
    const sqlite = reportedLine('dashboard');
    report({
      bench: BENCH,
      p95_ms: round(p95, 2),
      direct_sql_p95_ms: round(directP95, 2),
      ratio: round(p95 / directP95, 4),
      events: EVENTS,
      build_s: round(buildSeconds, 1),
      // Its p95 over SQLite's, when dashboard ran earlier in this run.
      ...(sqlite ? { sqlite_p95_ms: sqlite.p95_ms, vs_sqlite: round(p95 / Number(sqlite.p95_ms), 2) } : {}),
    });
  });
}
