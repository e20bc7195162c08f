/**
 * Write transactions that take SQLite's write lock when they begin ("begin immediate").
 * Two connections write to the database: the main one, and the sync worker's. With the
 * default deferred "begin", a transaction that read first and then writes fails at once
 * with SQLITE_BUSY when the other connection committed in between (WAL cannot upgrade a
 * stale snapshot, and SQLite does not wait in that case). Taking the lock up front makes
 * the second writer wait (busy_timeout) instead, and then read fresh data.
 */
import { CompiledQuery, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver, type SqliteDialectConfig } from 'kysely';

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

export class ImmediateSqliteDialect extends SqliteDialect {
  readonly #driverConfig: SqliteDialectConfig;

  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#driverConfig = config;
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#driverConfig);
  }
}
