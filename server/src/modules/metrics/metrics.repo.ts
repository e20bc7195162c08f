/**
 * The SQL of metrics and readiness: read-only counts of other features' tables, and a
 * write that changes nothing. Kept here rather than in those features because nothing
 * but operations asks these questions.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { dialectOf } from '../../db/dialect.js';

/** Mails waiting for (another) delivery attempt; uses mail_outbox_due_idx (state first). */
export async function pendingMailCount(db: Db): Promise<number> {
  const row = await db.selectFrom('mail_outbox').select((eb) => eb.fn.countAll<number>().as('n')).where('state', '=', 'PENDING').executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The size on disk of the PostgreSQL database the app uses (its server's own figure). */
export async function postgresDatabaseSize(db: Db): Promise<number> {
  const { rows } = await sql<{ bytes: number }>`select pg_database_size(current_database()) as bytes`.execute(db);
  return Number(rows[0]!.bytes);
}

class ProbeRollback extends Error {}

/**
 * Resolves when the connection can write, throws otherwise. Taking the write lock is not
 * enough: SQLite begins an immediate transaction even on a read-only connection, so the
 * probe runs a real write statement. It matches no row (the migration table, which every
 * database has and nothing reads at run time), and the transaction is rolled back anyway:
 * no WAL frame, no change-log entry, nothing grows however often it runs.
 *
 * On PostgreSQL the same statement, outside a transaction, answers without waiting for the
 * write lock that every instance shares (a long batch elsewhere must not make this instance
 * unready), and a read-only server (a standby, a failover in progress) refuses it.
 */
export async function probeWrite(db: Db): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    await sql`delete from kysely_migration where 1 = 0`.execute(db);
    return;
  }
  try {
    await db.transaction().execute(async (trx) => {
      await sql`delete from kysely_migration where 1 = 0`.execute(trx);
      throw new ProbeRollback();
    });
  } catch (error) {
    if (!(error instanceof ProbeRollback)) throw error;
  }
}
