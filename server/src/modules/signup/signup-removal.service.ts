/**
 * A coordinator removes a sign-up: a bot that got past the honeypot, someone who asked by
 * phone to be taken off, or the people of a date that is called off (the date can only go
 * once nobody holds it, campaign.service.ts removeCampaignDay). The sign-up is cancelled
 * on every date, each freed place goes to the first person waiting, and its personal data
 * is erased as retention erases it, so its personal links stop working. All in one
 * transaction, audited.
 */
import type { Viewer } from '../../auth/viewer.js';
import type { DbOrTrx } from '../../db/database.js';
import { inTransaction } from '../../db/transaction.js';
import { notFound } from '../../domain-error.js';
import { recordAudit } from '../audit/audit.service.js';
import { requireManagedCampaign } from '../campaign/campaign.service.js';
import { releaseAllPlaces } from './signup-places.js';
import * as repo from './signup.repo.js';

const signupNotFound = () => notFound('Deze aanmelding');

/** True once removed; removing a removed sign-up again changes nothing. NOT_FOUND unless the viewer manages its campaign. */
export async function removeSignup(db: DbOrTrx, viewer: Viewer, input: { signupId: string; requestId: string }, now = new Date()): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const signup = await repo.findSignup(trx, input.signupId);
    if (!signup) throw signupNotFound();
    await requireManagedCampaign(trx, viewer, signup.campaign_id).catch(() => {
      throw signupNotFound();
    });
    const at = now.toISOString();
    const days = await releaseAllPlaces(trx, signup.id, now);
    if (!signup.cancelled_at) await repo.markCancelled(trx, signup.id, at);
    await repo.eraseSignups(trx, { signupId: signup.id }, at);
    await recordAudit(
      trx,
      { actorAccountId: viewer.kind === 'staff' ? viewer.accountId : null, action: 'signup.removed', subjectType: 'signup', subjectId: signup.id, detail: { days }, requestId: input.requestId },
      now,
    );
    return true;
  });
}
