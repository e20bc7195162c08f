/**
 * The few places where a migration's SQL differs between SQLite (the embedded default) and
 * PostgreSQL (DATABASE_URL). Lives beside the migrations, not in the app: a migration must
 * keep meaning what it meant when it was written, whatever the app's code becomes. The
 * migrator loads only the files directly in migrations/, so this folder is not a migration.
 * For SQLite every helper gives exactly what the migrations said before PostgreSQL came,
 * so databases migrated earlier and new ones agree.
 */
import { PostgresAdapter, sql, type ColumnDataType, type Expression, type Kysely } from 'kysely';

export const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter;

/**
 * A fractional number (coordinates, accuracy). SQLite's "real" is 8 bytes; PostgreSQL's
 * is 4, too coarse for a latitude (a metre), so there it is "double precision".
 */
export const doubleType = (db: Kysely<any>): ColumnDataType => (isPostgres(db) ? 'double precision' : 'real');

/** An ever-increasing integer key: SQLite's autoincrement, PostgreSQL's identity column. */
export const increasingKey = (db: Kysely<any>) => (column: any) =>
  isPostgres(db) ? column.primaryKey().generatedByDefaultAsIdentity() : column.primaryKey().autoIncrement();

/**
 * SQLite's "without rowid" (a table stored in its key's order) has no PostgreSQL
 * counterpart, nor needs one: there every table is a heap with its key's index.
 */
export const withoutRowidOn = (db: Kysely<any>): Expression<unknown> => (isPostgres(db) ? sql`` : sql`without rowid`);
