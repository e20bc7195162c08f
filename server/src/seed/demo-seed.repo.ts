/** The demo invites the seed made, for the start-up text: campaign and code, open campaigns only. */
import type { DbOrTrx } from '../db/database.js';

export async function openDemoInvites(db: DbOrTrx, label: string) {
  return db
    .selectFrom('participant_invite')
    .innerJoin('campaign', 'campaign.id', 'participant_invite.campaign_id')
    .select(['campaign.id as campaignId', 'campaign.name as campaignName', 'campaign.kind as campaignKind', 'campaign.signup_open as signupOpen', 'participant_invite.code'])
    .where('participant_invite.label', '=', label)
    .where('participant_invite.revoked_at', 'is', null)
    .where('campaign.status', '=', 'OPEN')
    .orderBy('campaign.kind', 'desc')
    .orderBy('participant_invite.created_at')
    .execute();
}
