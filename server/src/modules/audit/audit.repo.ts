/** Every SQL statement of the audit module. The log is append-only: no update, no delete. */
import type { DbOrTrx } from '../../db/database.js';
import { keysetPage, type KeysetPage } from '../../db/keyset.js';
import type { AuditEventRow } from './audit.table.js';

export async function insertAuditEvent(db: DbOrTrx, row: AuditEventRow): Promise<void> {
  await db.insertInto('audit_event').values(row).execute();
}

/** Newest first: the page's key is (at, id) descending. */
export async function listAuditEvents(db: DbOrTrx, page: KeysetPage): Promise<AuditEventRow[]> {
  return db
    .selectFrom('audit_event')
    .selectAll()
    .$call(keysetPage(['at', 'id'], page, { newestFirst: true }))
    .execute();
}
