/**
 * Opens PostgreSQL (pg's pool) and wraps it in Kysely: the scale path, for several app
 * instances on one shared database. Selected by DATABASE_URL (see config.ts).
 *
 * Write transactions exclude each other, as SQLite's "begin immediate" makes them do on
 * one machine: each one takes a transaction-level advisory lock right after "begin", held
 * until commit or rollback, on whichever instance it runs. Reads (outside a transaction)
 * run in parallel on a pool of their own and see the last commit. This keeps every rule that reads
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
    // Read committed whatever the server's default: under repeatable read the snapshot would
    // be taken by the lock statement, before the wait, and miss the commit waited for.
    await super.beginTransaction(connection, { ...settings, isolationLevel: settings.isolationLevel ?? 'read committed' });
    try {
      await connection.executeQuery(CompiledQuery.raw(`select pg_advisory_xact_lock(${WRITE_LOCK_KEY})`));
    } catch (error) {
      // Kysely rolls back only once begin has returned: a lock that failed (a timeout, a
      // cancel) would send the connection back to the pool inside an aborted transaction.
      await connection.executeQuery(CompiledQuery.raw('rollback')).catch(() => undefined);
      throw error;
    }
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
  /** Writes: a small pool, since write transactions take turns anyway (see above). */
  db: Kysely<Database>;
  /**
   * Reads (GraphQL queries, metrics): a pool of their own, so that writers waiting for the
   * lock can never take every connection and leave a dashboard without one.
   */
  readDb: Kysely<Database>;
  pool: pg.Pool;
  readPool: pg.Pool;
}

/** A request that cannot get a connection within this time fails rather than hang. */
const CONNECTION_TIMEOUT_MS = 5_000;
/**
 * A session that stays idle inside a transaction this long (an instance that froze or lost
 * its network mid-batch) is ended by the server, which frees the write lock for the others;
 * keepalive notices a dead peer well before Linux's default two hours.
 */
const IDLE_IN_TRANSACTION_MS = 60_000;

function newPool(url: string, max: number, name: string): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    types,
    application_name: name,
    connectionTimeoutMillis: CONNECTION_TIMEOUT_MS,
    idle_in_transaction_session_timeout: IDLE_IN_TRANSACTION_MS,
    keepAlive: true,
  });
  // An idle client that loses its server (a failover, a restart) must not crash the process;
  // the pool drops it and the next query opens a new one (and reports its own error).
  pool.on('error', () => undefined);
  return pool;
}

/**
 * `writers`/`readers`: connections per pool. An instance opens at most writers + readers,
 * plus the sync worker's own (openConnection gives it 2 writers and no readers): 5 + 10 + 2
 * by default, so a server with max_connections = 100 carries five instances.
 */
export function openPostgres(url: string, options: { writers?: number; readers?: number } = {}): PostgresConnection {
  const pool = newPool(url, options.writers ?? 5, 'buurtkracht');
  const db = new Kysely<Database>({ dialect: new WriteLockedPostgresDialect(pool) });
  if (options.readers === 0) return { dialect: 'postgres', db, readDb: db, pool, readPool: pool };
  const readPool = newPool(url, options.readers ?? 10, 'buurtkracht-reads');
  const readDb = new Kysely<Database>({ dialect: new WriteLockedPostgresDialect(readPool) });
  return { dialect: 'postgres', db, readDb, pool, readPool };
}
