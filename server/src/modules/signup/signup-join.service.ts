/**
 * On the day, the sign-up's personal link joins the field app: the membership is made
 * from what the sign-up already knows (name, contact and consent), so nobody is asked
 * again, and the sign-up remembers it. One working membership per sign-up: a second
 * phone moves over with Overzetten, so that a forwarded link cannot make a second member.
 */
import type { AuthSettings } from '../../auth/auth-settings.js';
import type { Db } from '../../db/database.js';
import { DomainError, ErrorCode } from '../../domain-error.js';
import { findParticipant } from '../participant/participant.repo.js';
import { insertJoinedParticipant } from '../participant/participant.service.js';
import { withSignupByToken } from './signup.service.js';
import { signupNotFound } from './signup-view.js';
import { findCampaign } from '../campaign/campaign.repo.js';
import * as repo from './signup.repo.js';

export interface JoinWithSignupInput {
  token: string;
  followUpKey?: string | null;
  showNameInRankings: boolean;
}

export function joinWithSignup(db: Db, settings: AuthSettings, input: JoinWithSignupInput, clientIp: string, now = new Date()) {
  return withSignupByToken(settings, input.token, clientIp, (find) =>
    db.transaction().execute(async (trx) => {
      const signup = await find(trx);
      const campaign = await findCampaign(trx, signup.campaign_id);
      if (!campaign || campaign.status === 'CLOSED') throw signupNotFound();
      if (signup.cancelled_at) throw new DomainError(ErrorCode.CONFLICT, 'Je hebt je afgemeld, dus je kunt hiermee niet meedoen. Vraag het Buurtkracht-team om een uitnodiging.');
      const earlier = signup.participant_id ? await findParticipant(trx, signup.participant_id) : undefined;
      if (earlier && !earlier.revoked_at && !earlier.erased_at) {
        throw new DomainError(ErrorCode.CONFLICT, 'Je doet al mee op een ander toestel. Zet je gegevens over met Overzetten.');
      }
      const invite = await repo.findSignupInvite(trx, campaign.id);
      // Made when the sign-up first opened (signup-planning.service.ts), so a sign-up always finds it.
      if (!invite) throw signupNotFound();
      // The console lists it with the other invites: a coordinator who revokes it stops joining with sign-up links.
      if (invite.revoked_at) throw new DomainError(ErrorCode.CONFLICT, 'Meedoen met de link van je aanmelding is voor deze actie gestopt. Vraag het Buurtkracht-team om een uitnodiging.');
      const joined = await insertJoinedParticipant(
        trx,
        { campaignId: campaign.id, inviteId: invite.id, displayName: signup.display_name!, contact: signup.contact_consent_at ? signup.contact : null, showNameInRankings: input.showNameInRankings, followUpKey: input.followUpKey },
        now,
      );
      await repo.linkParticipant(trx, signup.id, joined.participant.id);
      return joined;
    }),
  );
}
