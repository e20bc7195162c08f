/** Every SQL statement of the audit module. The log is append-only: no update, no delete. */
import type { DbOrTrx } from '../../db/database.js';
import { keysetCondition, keysetDirection, type KeysetPage } from '../../db/keyset.js';
import type { AuditEventRow } from './audit.table.js';

export async function insertAuditEvent(db: DbOrTrx, row: AuditEventRow): Promise<void> {
  await db.insertInto('audit_event').values(row).execute();
}

/** Newest first: the page's key is (at, id) descending. */
export async function listAuditEvents(db: DbOrTrx, page: KeysetPage): Promise<AuditEventRow[]> {
  const reversed = { ...page, after: page.before, before: page.after, inverted: !page.inverted };
  return db
    .selectFrom('audit_event')
    .selectAll()
    .where((eb) => keysetCondition(eb, ['at', 'id'], reversed))
    .orderBy('at', keysetDirection(reversed))
    .orderBy('id', keysetDirection(reversed))
    .limit(page.limit)
    .execute();
}
