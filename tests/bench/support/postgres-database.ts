/**
 * The PostgreSQL server the *-postgres benchmarks run on: BENCH_DATABASE_URL (a role that
 * may create databases), else TEST_DATABASE_URL; neither set: the benchmark prints a
 * "skipped" line and does not fail. Every run works in databases of its own, made here
 * with a random name and dropped afterwards, also when the run fails.
 */
import crypto from 'node:crypto';
import pg from 'pg';
import { openPostgres, type PostgresConnection } from '../../../server/src/db/postgres-connection.js';
import { migrateToLatest } from '../../../server/src/db/migrate.js';
import { report } from './measure.js';

/** Not the tests' prefix (buurtkracht_t_): the tests' set-up drops what it takes for leftovers of theirs. */
const BENCH_DATABASE_PREFIX = 'buurtkracht_bench_';

/** The server's URL, or null after printing the skipped line for `bench`. */
export function benchPostgresUrl(bench: string): string | null {
  const url = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || null;
  if (!url) report({ bench, skipped: 'set BENCH_DATABASE_URL to a PostgreSQL role that may create databases' });
  return url;
}

/** One plain pg connection to `url` for `work`. */
export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export interface BenchDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** A new, empty database on the server of `adminUrl`. */
async function createDatabase(adminUrl: string): Promise<BenchDatabase> {
  const name = `${BENCH_DATABASE_PREFIX}${crypto.randomBytes(6).toString('hex')}`;
  await withClient(adminUrl, (client) => client.query(`create database ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    // "with (force)" ends connections a failed run left open (PostgreSQL 13 and later).
    drop: async () => void (await withClient(adminUrl, (client) => client.query(`drop database if exists ${name} with (force)`))),
  };
}

/** Runs `work` with new databases (`count` of them), dropping them all afterwards. */
export async function withDatabases<T>(adminUrl: string, count: number, work: (databases: BenchDatabase[]) => Promise<T>): Promise<T> {
  const databases: BenchDatabase[] = [];
  try {
    for (let i = 0; i < count; i++) databases.push(await createDatabase(adminUrl));
    return await work(databases);
  } finally {
    for (const database of databases) await database.drop().catch((error) => console.error(`could not drop ${database.name}:`, error));
  }
}

/** The app's connection (Kysely and pg's pool) to `url`, migrated to the latest schema. */
export async function openMigrated(url: string): Promise<PostgresConnection> {
  const connection = openPostgres(url, { writers: 2, readers: 0 });
  try {
    await migrateToLatest(connection.db);
  } catch (error) {
    await connection.db.destroy();
    throw error;
  }
  return connection;
}
