/**
 * Runs work in a transaction: a new one, or the caller's when it already holds one, so
 * services compose (the demo seed and the sync protocol call several in one transaction).
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database, DbOrTrx } from './database.js';

export function inTransaction<T>(db: DbOrTrx, work: (trx: Transaction<Database> | Kysely<Database>) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : (db as Kysely<Database>).transaction().execute(work);
}
