/**
 * Which database a Kysely instance talks to. The repos are dialect-neutral Kysely; the
 * few places where SQLite and PostgreSQL differ (column types in migrations, how a write
 * transaction excludes other writers, pragmas, backups) ask here.
 */
import { PostgresAdapter, type Kysely } from 'kysely';

export type DialectName = 'sqlite' | 'postgres';

export function dialectOf(db: Kysely<any>): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}
