/**
 * SQL of a participant's consent: the contact details they leave for feedback and the
 * ranking choice, changed by themselves in the app (consent.service.ts), and withdrawing
 * consent to be contacted, also from the unsubscribe link in a mail
 * (mail-unsubscribe.service.ts). Kept apart from participant.repo.ts so that module's
 * statements stay its own.
 */
import type { DbOrTrx } from '../../db/database.js';

/**
 * Withdraws a participant's consent to be contacted about their findings. The contact
 * details were given only for that, so they go with it: this is the one place that rule
 * is written. Also for a participant whose device access ended (that ends the phone's
 * access, not the person's say over their details); an erased one has none left. True
 * when something changed.
 */
export async function withdrawContactConsent(db: DbOrTrx, participantId: string): Promise<boolean> {
  const result = await db
    .updateTable('participant')
    .set({ contact: null, contact_consent_at: null })
    .where('id', '=', participantId)
    .where('erased_at', 'is', null)
    .where((eb) => eb.or([eb('contact', 'is not', null), eb('contact_consent_at', 'is not', null)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Contact details and the moment they were agreed to; null: no consent to be contacted. */
export interface ContactConsent {
  contact: string;
  consentAt: string;
}

/**
 * Sets a participant's consent (withdrawn when `contact` is null) and ranking choice, for
 * a participant whose data still exists and whose device access was not ended; false when
 * there is no such participant (any more): run it in a transaction that then rolls back.
 */
export async function updateConsent(db: DbOrTrx, participantId: string, contact: ContactConsent | null, showNameInRankings: boolean): Promise<boolean> {
  if (contact === null) await withdrawContactConsent(db, participantId);
  const result = await db
    .updateTable('participant')
    .set({ show_name_in_rankings: showNameInRankings ? 1 : 0, ...(contact && { contact: contact.contact, contact_consent_at: contact.consentAt }) })
    .where('id', '=', participantId)
    .where('erased_at', 'is', null)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
