/**
 * Field participants: joining a campaign through an invite (no account: a display name,
 * optional contact details with consent, a ranking choice, and a device token), what
 * coordinators may see of them, revocation, and a participant's own data and its erasure.
 */
import { v7 as uuidv7 } from 'uuid';
import type { AuthSettings } from '../../auth/auth-settings.js';
import { hashSecret, pseudonymFor, randomToken } from '../../auth/tokens.js';
import { managesNeighbourhood, type Viewer } from '../../auth/viewer.js';
import type { Db, DbOrTrx } from '../../db/database.js';
import type { KeysetPage } from '../../db/keyset.js';
import { badInput, DomainError, ErrorCode, notFound } from '../../domain-error.js';
import { recordAudit } from '../audit/audit.service.js';
import { unlinkResponses } from '../questionnaire/questionnaire.repo.js';
import { findCampaign as findCampaignRow } from '../campaign/campaign.repo.js';
import { requireManagedCampaign, toCampaign, type Campaign } from '../campaign/campaign.service.js';
import { eraseSignups } from '../signup/signup.repo.js';
import { keyForDevice } from './follow-up.service.js';
import { linkParticipant } from './follow-up.repo.js';
import { findUsableInvite } from './participant-invite.service.js';
import * as repo from './participant.repo.js';
import type { ParticipantRow } from './participant.table.js';

export interface Participant {
  id: string;
  campaignId: string;
  /** Null once erased. */
  displayName: string | null;
  pseudonym: string;
  showNameInRankings: boolean;
  /** Only in objects handed to the participant themself or, audited, to a coordinator. */
  contact: string | null;
  contactConsentAt: string | null;
  joinedAt: string;
  revokedAt: string | null;
  erasedAt: string | null;
}

export const toParticipant = (row: ParticipantRow): Participant => ({
  id: row.id,
  campaignId: row.campaign_id,
  displayName: row.display_name,
  pseudonym: row.pseudonym,
  showNameInRankings: row.show_name_in_rankings === 1,
  contact: row.contact,
  contactConsentAt: row.contact_consent_at,
  joinedAt: row.joined_at,
  revokedAt: row.revoked_at,
  erasedAt: row.erased_at,
});

const invalidInvite = () =>
  new DomainError(ErrorCode.NOT_FOUND, 'Deze uitnodiging bestaat niet of is niet meer geldig. Vraag het Buurtkracht-team om een nieuwe.');

export interface InvitePreview {
  code: string;
  campaign: Campaign;
}

/** What the join screen shows before a person commits; counts failures per IP against guessing. */
export async function previewInvite(db: DbOrTrx, settings: AuthSettings, code: string, clientIp: string, now = new Date()): Promise<InvitePreview> {
  const key = `invite:${clientIp}`;
  // Counted before the look-up, so parallel guesses cannot all pass first; a usable code is forgiven.
  const verdict = await settings.loginLimiterPerIp.attempt(key);
  if (!verdict.allowed) {
    throw new DomainError(ErrorCode.RATE_LIMITED, 'Te veel onbekende codes geprobeerd. Wacht even en probeer het opnieuw.', {
      retryAfterSeconds: verdict.retryAfterSeconds,
    });
  }
  const invite = await findUsableInvite(db, code, now);
  const campaignRow = invite ? await findCampaignRow(db, invite.campaignId) : undefined;
  if (!invite || !campaignRow || campaignRow.status === 'CLOSED') throw invalidInvite();
  await settings.loginLimiterPerIp.forgive(key);
  return { code: invite.code, campaign: toCampaign(campaignRow) };
}

/** Contact details are kept only with consent: when joining and when changing it later (consent.service.ts). */
export const CONTACT_WITHOUT_CONSENT = 'Je hebt contactgegevens ingevuld. Geef toestemming dat we je mogen benaderen, of laat het veld leeg.';

export interface JoinInput {
  code: string;
  displayName: string;
  contact?: string | null;
  contactConsent: boolean;
  showNameInRankings: boolean;
  /** The device's follow-up key from an earlier join, if it has one. */
  followUpKey?: string | null;
  clientIp: string;
}

export async function joinCampaign(db: Db, settings: AuthSettings, input: JoinInput, now = new Date()) {
  const contact = input.contact?.trim() || null;
  if (contact && !input.contactConsent) {
    throw badInput(CONTACT_WITHOUT_CONSENT, { fields: [{ path: ['input', 'contact'], message: CONTACT_WITHOUT_CONSENT }] });
  }
  const { code } = await previewInvite(db, settings, input.code, input.clientIp, now);
  return db.transaction().execute(async (trx) => {
    const invite = await findUsableInvite(trx, code, now);
    if (!invite || !(await repo.claimInviteUse(trx, invite.id, now.toISOString()))) throw invalidInvite();
    return insertJoinedParticipant(trx, { campaignId: invite.campaignId, inviteId: invite.id, displayName: input.displayName, contact, showNameInRankings: input.showNameInRankings, followUpKey: input.followUpKey }, now);
  });
}

/**
 * Makes the membership of a device that joins (with an invite code, or with a sign-up's
 * link): a new device token, the device's follow-up key. Call inside the join's transaction.
 */
export async function insertJoinedParticipant(
  trx: DbOrTrx,
  input: { campaignId: string; inviteId: string; displayName: string; contact: string | null; showNameInRankings: boolean; followUpKey?: string | null },
  now: Date,
) {
  const token = randomToken(32);
  const id = uuidv7();
  const followUpKey = await keyForDevice(trx, input.followUpKey, now);
  const row: ParticipantRow = {
    id,
    campaign_id: input.campaignId,
    invite_id: input.inviteId,
    token_hash: hashSecret(token),
    display_name: input.displayName.trim(),
    contact: input.contact,
    contact_consent_at: input.contact ? now.toISOString() : null,
    pseudonym: pseudonymFor(id),
    show_name_in_rankings: input.showNameInRankings ? 1 : 0,
    joined_at: now.toISOString(),
    revoked_at: null,
    erased_at: null,
    follow_up_key_id: followUpKey.id,
  };
  await repo.insertParticipant(trx, row);
  const campaign = toCampaign((await findCampaignRow(trx, input.campaignId))!);
  // The token and a new key leave the server only in this answer; the device keeps them.
  return { token, followUpKey: followUpKey.key, participant: toParticipant(row), campaign };
}

/** The participant viewer for a bearer token, or an anonymous viewer that says why not. */
export async function viewerForParticipantToken(db: DbOrTrx, token: string): Promise<Viewer> {
  const row = await repo.findParticipantByTokenHash(db, hashSecret(token));
  if (!row || row.revoked_at || row.erased_at) return { kind: 'anonymous', credentialProblem: 'TOKEN_REVOKED' };
  return { kind: 'participant', participantId: row.id, campaignId: row.campaign_id };
}

/** A participant as the viewer may see them, or null when they may not. */
export async function findParticipant(db: DbOrTrx, viewer: Viewer, id: string): Promise<Participant | null> {
  const row = await repo.findParticipant(db, id);
  if (!row) return null;
  if (viewer.kind === 'participant' && viewer.participantId === id) return toParticipant(row);
  const campaign = await findCampaignRow(db, row.campaign_id);
  return campaign && managesNeighbourhood(viewer, campaign.neighbourhood_id) ? toParticipant(row) : null;
}

export async function listParticipants(db: DbOrTrx, viewer: Viewer, campaignId: string, page: KeysetPage): Promise<Participant[]> {
  await requireManagedCampaign(db, viewer, campaignId);
  return (await repo.listParticipants(db, campaignId, page)).map(toParticipant);
}

/**
 * Participants by id, for lists whose own access was checked already (a campaign's
 * devices, for its coordinators): only those of that campaign are answered.
 */
export async function participantsOfCampaignByIds(db: DbOrTrx, campaignId: string, ids: readonly string[]): Promise<Participant[]> {
  return (await repo.findParticipantsByIds(db, ids)).filter((row) => row.campaign_id === campaignId).map(toParticipant);
}

export async function countParticipants(db: DbOrTrx, viewer: Viewer, campaignId: string): Promise<number> {
  await requireManagedCampaign(db, viewer, campaignId);
  return repo.countParticipants(db, campaignId);
}

/**
 * Contact details are personal data: reading them is recorded in the audit log. `db` is
 * the write connection (the audit record), also when the read is part of a query.
 */
export async function readContact(db: Db, viewer: Viewer, participant: Participant, requestId: string): Promise<string | null> {
  if (viewer.kind === 'participant' && viewer.participantId === participant.id) return participant.contact;
  if (viewer.kind !== 'staff' || participant.contact === null) return null;
  await recordAudit(db, { actorAccountId: viewer.accountId, action: 'participant.contact_viewed', subjectType: 'participant', subjectId: participant.id, requestId });
  return participant.contact;
}

export async function revokeParticipant(db: Db, viewer: Viewer, participantId: string, requestId: string, now = new Date()): Promise<Participant> {
  return db.transaction().execute(async (trx) => {
    const row = await repo.findParticipant(trx, participantId);
    if (!row) throw notFound('Deze deelnemer');
    await requireManagedCampaign(trx, viewer, row.campaign_id).catch(() => {
      throw notFound('Deze deelnemer');
    });
    await repo.revokeParticipant(trx, row.id, now.toISOString());
    await recordAudit(trx, { actorAccountId: viewer.kind === 'staff' ? viewer.accountId : null, action: 'participant.revoked', subjectType: 'participant', subjectId: row.id, requestId }, now);
    return toParticipant((await repo.findParticipant(trx, row.id))!);
  });
}

/** The participant's own record; later features add their findings and tally entries. */
export async function myData(db: DbOrTrx, viewer: Viewer): Promise<{ participant: Participant; campaign: Campaign }> {
  if (viewer.kind !== 'participant') throw notFound();
  const row = await repo.findParticipant(db, viewer.participantId);
  const campaign = row && (await findCampaignRow(db, row.campaign_id));
  if (!row || !campaign) throw notFound();
  return { participant: toParticipant(row), campaign: toCampaign(campaign) };
}

/**
 * Erases the participant's personal data and ends this device's access, and erases the
 * sign-up they joined with as retention does (its name, contact and address; its personal
 * link stops working), and forgets which questionnaire answers were theirs. It also unlinks the row from the device's follow-up key: the
 * person asked to be forgotten, so their findings no longer show on that device either.
 */
export async function deleteMyData(db: Db, viewer: Viewer, requestId: string, now = new Date()): Promise<void> {
  if (viewer.kind !== 'participant') throw notFound();
  await db.transaction().execute(async (trx) => {
    await repo.eraseParticipants(trx, { id: viewer.participantId }, now.toISOString());
    // Joined with a sign-up link: that sign-up holds the same name and contact.
    await eraseSignups(trx, { participantId: viewer.participantId }, now.toISOString());
    // Questionnaire answers they agreed to link stay, anonymous.
    await unlinkResponses(trx, { participantId: viewer.participantId });
    await linkParticipant(trx, viewer.participantId, null);
    await recordAudit(trx, { actorAccountId: null, action: 'participant.erased_by_self', subjectType: 'participant', subjectId: viewer.participantId, requestId }, now);
  });
}
