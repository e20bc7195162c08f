/**
 * A participant's own consent, changed after joining: the contact details they leave for
 * feedback (only with consent; withdrawing it erases them) and whether their name may
 * appear in rankings. The same rules as joining (participant.service.ts joinCampaign).
 */
import type { Viewer } from '../../auth/viewer.js';
import type { Db } from '../../db/database.js';
import { badInput, notFound } from '../../domain-error.js';
import { recordAudit } from '../audit/audit.service.js';
import { findParticipant } from './participant.repo.js';
import { CONTACT_WITHOUT_CONSENT, toParticipant, type Participant } from './participant.service.js';
import * as repo from './consent.repo.js';

export interface ConsentInput {
  /** Sent whole each time: an empty or missing contact means none is kept. */
  contact?: string | null;
  contactConsent: boolean;
  showNameInRankings: boolean;
}


/**
 * Sets the viewer's contact details, contact consent and ranking choice. Contact details
 * without consent are refused and nothing changes; without consent (or without contact
 * details) no contact and no consent time are kept. The consent time is the moment the
 * details now stored were agreed to: unchanged details keep theirs.
 */
export async function updateMyConsent(db: Db, viewer: Viewer, input: ConsentInput, requestId: string, now = new Date()): Promise<Participant> {
  if (viewer.kind !== 'participant') throw notFound('Deze deelnemer');
  const contact = input.contact?.trim() || null;
  if (contact && !input.contactConsent) {
    throw badInput(CONTACT_WITHOUT_CONSENT, { fields: [{ path: ['input', 'contact'], message: CONTACT_WITHOUT_CONSENT }] });
  }
  return db.transaction().execute(async (trx) => {
    const row = await findParticipant(trx, viewer.participantId);
    if (!row || row.erased_at || row.revoked_at) throw notFound('Deze deelnemer');
    const kept = contact !== null && contact === row.contact && row.contact_consent_at !== null;
    const consent = contact === null ? null : { contact, consentAt: (kept && row.contact_consent_at) || now.toISOString() };
    if (!(await repo.updateConsent(trx, row.id, consent, input.showNameInRankings))) throw notFound('Deze deelnemer');
    // What changed, never the details themselves: the audit log is no copy of personal data.
    await recordAudit(
      trx,
      {
        actorAccountId: null,
        action: 'participant.consent_changed_by_self',
        subjectType: 'participant',
        subjectId: row.id,
        detail: { contactConsent: contact !== null, contactChanged: contact !== row.contact, showNameInRankings: input.showNameInRankings },
        requestId,
      },
      now,
    );
    return toParticipant({ ...row, contact, contact_consent_at: consent?.consentAt ?? null, show_name_in_rankings: input.showNameInRankings ? 1 : 0 });
  });
}
