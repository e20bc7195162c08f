/**
 * SQL of a participant changing their own consent: contact details and the ranking
 * choice. Kept apart from participant.repo.ts so that module's statements stay its own.
 */
import type { DbOrTrx } from '../../db/database.js';

export interface ConsentColumns {
  contact: string | null;
  contact_consent_at: string | null;
  show_name_in_rankings: number;
}

/**
 * Writes the three consent columns of a participant whose data still exists and whose
 * device access was not ended; false when there is no such participant (any more).
 */
export async function updateConsent(db: DbOrTrx, participantId: string, columns: ConsentColumns): Promise<boolean> {
  const result = await db
    .updateTable('participant')
    .set(columns)
    .where('id', '=', participantId)
    .where('erased_at', 'is', null)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
