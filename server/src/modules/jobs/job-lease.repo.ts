/**
 * Every SQL statement of job leases (job_lease). Each is one statement, atomic on its own
 * in SQLite and PostgreSQL alike, so two instances asking at the same moment cannot both
 * win; times are compared as ISO-8601 UTC strings, which sort as the times they name.
 */
import type { DbOrTrx } from '../../db/database.js';

const until = (now: Date, ttlMs: number) => new Date(now.getTime() + ttlMs).toISOString();

/**
 * Takes the lease when nobody holds it, its holder's time ran out, or `holder` holds it
 * already (then it is renewed): for `ttlMs` from `now`. True when `holder` holds it now.
 * One upsert whose update only applies under those conditions; `returning` gives a row
 * only when the insert or the update happened (SQLite ≥ 3.35 and PostgreSQL alike).
 */
export async function tryAcquire(db: DbOrTrx, name: string, holder: string, now: Date, ttlMs: number): Promise<boolean> {
  const expiresAt = until(now, ttlMs);
  const row = await db
    .insertInto('job_lease')
    .values({ name, holder, expires_at: expiresAt })
    .onConflict((oc) =>
      oc
        .column('name')
        .doUpdateSet({ holder, expires_at: expiresAt })
        .where((eb) => eb.or([eb('job_lease.expires_at', '<', now.toISOString()), eb('job_lease.holder', '=', holder)])),
    )
    .returning('holder')
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Extends the lease of its holder to `ttlMs` from `now`; false when another instance holds
 * it (it took over after this holder's time ran out) or nobody does.
 */
export async function renew(db: DbOrTrx, name: string, holder: string, now: Date, ttlMs: number): Promise<boolean> {
  const result = await db.updateTable('job_lease').set({ expires_at: until(now, ttlMs) }).where('name', '=', name).where('holder', '=', holder).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Gives the lease up, if `holder` still holds it, so the next instance that asks takes it at once. */
export async function release(db: DbOrTrx, name: string, holder: string): Promise<void> {
  await db.deleteFrom('job_lease').where('name', '=', name).where('holder', '=', holder).execute();
}
