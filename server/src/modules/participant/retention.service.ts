/**
 * Retention: a campaign's personal data (participant names and contact details, device
 * access, house numbers in the tally ledger, sign-ups' names, contact details, house
 * numbers and needs, and with them their personal links; which questionnaire answers a
 * participant linked to themselves) is erased a configurable
 * number of days after it closes. Aggregates stay, since they hang on the pseudonymous
 * participant rows and on counts that the erasure does not touch. The rows keep their
 * follow-up key link (follow-up.service.ts): it names no one, and lets the device that
 * recorded the findings keep seeing their status and public messages after its tokens
 * stopped working.
 */
import type { Db } from '../../db/database.js';
import type { Logger } from '../../logger.js';
import { recordAudit } from '../audit/audit.service.js';
import { campaignsClosedBefore, markPersonalDataErased } from '../campaign/campaign.repo.js';
import { runLeasedInterval } from '../jobs/leased-interval.js';
import { eraseHouseNumbers } from '../tally/tally.repo.js';
import { unlinkResponses } from '../questionnaire/questionnaire.repo.js';
import { eraseSignups } from '../signup/signup.repo.js';
import { eraseParticipants } from './participant.repo.js';

export async function erasePersonalDataOfClosedCampaigns(db: Db, retentionDays: number, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - retentionDays * 86_400_000).toISOString();
  const due = await campaignsClosedBefore(db, cutoff);
  let erased = 0;
  for (const campaign of due) {
    erased += await db.transaction().execute(async (trx) => {
      const count = await eraseParticipants(trx, { campaignId: campaign.id }, now.toISOString());
      await eraseHouseNumbers(trx, campaign.id);
      const signups = await eraseSignups(trx, { campaignId: campaign.id }, now.toISOString());
      await unlinkResponses(trx, { campaignId: campaign.id });
      await markPersonalDataErased(trx, campaign.id, now.toISOString());
      await recordAudit(trx, { actorAccountId: null, action: 'campaign.personal_data_erased', subjectType: 'campaign', subjectId: campaign.id, detail: { participants: count, signups } }, now);
      return count;
    });
  }
  return erased;
}

export const RETENTION_JOB = 'retention';

/**
 * Runs the erasure now and then every hour, on one app instance at a time (the holder of
 * the job's lease, modules/jobs); returns a function that stops it, waits for a running
 * erasure and hands the job to another instance.
 */
export function scheduleRetention(db: Db, retentionDays: number, logger: Logger, intervalMs = 3_600_000): () => Promise<void> {
  return runLeasedInterval(db, { name: RETENTION_JOB, intervalMs, logger }, () =>
    erasePersonalDataOfClosedCampaigns(db, retentionDays)
      .then((count) => count > 0 && logger.info({ participants: count }, 'personal data of closed campaigns erased'))
      .catch((error: unknown) => logger.error({ err: error }, 'retention run failed')),
  );
}
