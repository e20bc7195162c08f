/**
 * Opens PostgreSQL (pg's pool) and wraps it in Kysely: the scale path, for several app
 * instances on one shared database. Selected by DATABASE_URL (see config.ts).
 *
 * Write transactions exclude each other, as SQLite's "begin immediate" makes them do on
 * one machine: each one takes a transaction-level advisory lock right after "begin", held
 * until commit or rollback, on whichever instance it runs. Reads (outside a transaction)
 * run in parallel on the pool and see the last commit. This keeps every rule that reads
 * and then writes (capacity of a day, a finding's version, a device's next seq) exactly as
 * correct as on SQLite without a retry loop around every service; and it keeps the
 * change log's seq in commit order, which the pull cursor relies on (a seq handed out
 * by a transaction that commits later than a higher one would be skipped by a device
 * that already read past it). The cost, one writer at a time across instances, is the
 * one SQLite has too; what several instances add is everything around the writes.
 */
import { CompiledQuery, Kysely, PostgresDialect, PostgresDriver, type DatabaseConnection, type Driver, type TransactionSettings } from 'kysely';
import pg from 'pg';
import type { Database } from './database.js';

/** The advisory lock every write transaction holds; any constant no other code uses. */
export const WRITE_LOCK_KEY = 4_242_001;

/**
 * Counts and sums come back from PostgreSQL as bigint and numeric, which pg leaves as
 * strings to keep their precision; the figures here (counts, cm², seqs) stay far below
 * 2^53, and the services expect numbers as SQLite gives them.
 */
const NUMERIC_TYPES = new Set<number>([pg.types.builtins.INT8, pg.types.builtins.NUMERIC]);
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    NUMERIC_TYPES.has(oid) && format !== 'binary' ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

class WriteLockedPostgresDriver extends PostgresDriver {
  override async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    await super.beginTransaction(connection, settings);
    await connection.executeQuery(CompiledQuery.raw(`select pg_advisory_xact_lock(${WRITE_LOCK_KEY})`));
  }
}

class WriteLockedPostgresDialect extends PostgresDialect {
  readonly #pool: pg.Pool;

  constructor(pool: pg.Pool) {
    super({ pool });
    this.#pool = pool;
  }

  override createDriver(): Driver {
    return new WriteLockedPostgresDriver({ pool: this.#pool });
  }
}

export interface PostgresConnection {
  dialect: 'postgres';
  db: Kysely<Database>;
  /** The same pool: PostgreSQL lets reads run beside a write transaction on other connections. */
  readDb: Kysely<Database>;
  pool: pg.Pool;
}

/** `poolSize`: the main process needs a few for parallel requests; the sync worker one or two. */
export function openPostgres(url: string, options: { poolSize?: number } = {}): PostgresConnection {
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10, types, application_name: 'buurtkracht' });
  // An idle client that loses its server (a failover, a restart) must not crash the process;
  // the pool drops it and the next query opens a new one.
  pool.on('error', () => undefined);
  const db = new Kysely<Database>({ dialect: new WriteLockedPostgresDialect(pool) });
  return { dialect: 'postgres', db, readDb: db, pool };
}
