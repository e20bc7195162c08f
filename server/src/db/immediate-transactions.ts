/**
 * Write transactions that take SQLite's write lock when they begin ("begin immediate").
 * Two connections write to the database: the main one, and the sync worker's. With the
 * default deferred "begin", a transaction that read first and then writes fails at once
 * with SQLITE_BUSY when the other connection committed in between (WAL cannot upgrade a
 * stale snapshot, and SQLite does not wait in that case). Taking the lock up front makes
 * the second writer wait (busy_timeout) instead, and then read fresh data.
 *
 * Some errors (SQLITE_FULL on a full disk, SQLITE_IOERR, SQLITE_NOMEM) make SQLite roll
 * the whole transaction back by itself. Kysely does not know that: its own rollback then
 * fails with "cannot rollback - no transaction is active", and a "rollback to savepoint"
 * in a catch block with "no such savepoint", and either error replaces the real cause in
 * the log. So once SQLite has ended a transaction that way, every further statement of
 * it fails with the error that ended it, and the final rollback is skipped: the real
 * cause surfaces, and no statement of the dead transaction runs outside one.
 */
import {
  CompiledQuery,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
  type SqliteDatabase,
  type SqliteDialectConfig,
} from 'kysely';

/** better-sqlite3's handle says whether a transaction is open; so does withStatementCache. */
export type TransactionAwareDatabase = SqliteDatabase & { readonly inTransaction: boolean };

class ImmediateSqliteDriver extends SqliteDriver {
  readonly #database: TransactionAwareDatabase;
  /** The error after which SQLite rolled back the open transaction by itself. */
  #endedBy: { error: unknown } | null = null;
  #guarded: DatabaseConnection | undefined;

  constructor(config: SqliteDialectConfig & { database: TransactionAwareDatabase }) {
    super(config);
    this.#database = config.database;
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await super.acquireConnection();
    this.#guarded ??= this.#guard(connection);
    return this.#guarded;
  }

  #guard(connection: DatabaseConnection): DatabaseConnection {
    return {
      executeQuery: async <R>(query: CompiledQuery): Promise<QueryResult<R>> => {
        if (this.#endedBy) throw this.#endedBy.error;
        const inTransaction = this.#database.inTransaction;
        try {
          return await connection.executeQuery<R>(query);
        } catch (error) {
          if (inTransaction && !this.#database.inTransaction) this.#endedBy = { error };
          throw error;
        }
      },
      streamQuery: <R>(query: CompiledQuery, chunkSize?: number) => {
        if (this.#endedBy) throw this.#endedBy.error;
        return connection.streamQuery<R>(query, chunkSize);
      },
    };
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    this.#endedBy = null;
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }

  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    this.#endedBy = null;
    if (!this.#database.inTransaction) return;
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }
}

export class ImmediateSqliteDialect extends SqliteDialect {
  readonly #driverConfig: SqliteDialectConfig & { database: TransactionAwareDatabase };

  constructor(config: SqliteDialectConfig & { database: TransactionAwareDatabase }) {
    super(config);
    this.#driverConfig = config;
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#driverConfig);
  }
}
