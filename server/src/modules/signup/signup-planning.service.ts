/**
 * The coordinator's side of sign-ups: opening and closing the form, a date's capacity,
 * promoting someone from the waiting list, and the date's planning. Only for coordinators
 * who manage the campaign's neighbourhood; to anyone else a date does not exist. Each
 * change opens its transaction here with inTransaction, which joins the caller's when it
 * holds one (the demo seed opens the form inside its own).
 */
import { v7 as uuidv7 } from 'uuid';
import { inviteCode } from '../../auth/tokens.js';
import type { Viewer } from '../../auth/viewer.js';
import type { Db, DbOrTrx } from '../../db/database.js';
import { inTransaction } from '../../db/transaction.js';
import { DomainError, ErrorCode, notFound } from '../../domain-error.js';
import { recordAudit } from '../audit/audit.service.js';
import { findDay } from '../campaign/campaign.repo.js';
import type { CampaignDayRow } from '../campaign/campaign.table.js';
import { loadCampaign, requireManagedCampaign, toCampaignDay, type Campaign, type CampaignDay } from '../campaign/campaign.service.js';
import { insertInvite } from '../participant/participant.repo.js';
import { buildDayPlanning, type DayPlanning } from './day-planning.js';
import { queueSignupPlaceFreedMail } from '../mail/mail-outbox.service.js';
import { fillFreedPlaces } from './signup-places.js';
import * as planningRepo from './signup-planning.repo.js';
import * as repo from './signup.repo.js';

export type { DayPlanning };

const closed = () => new DomainError(ErrorCode.CONFLICT, 'Een gesloten actie kan niet meer veranderen.');
const actorOf = (viewer: Viewer) => (viewer.kind === 'staff' ? viewer.accountId : null);

/** The day and its campaign when the viewer manages it; NOT_FOUND otherwise, whether it exists or not. */
async function requireManagedDay(db: DbOrTrx, viewer: Viewer, dayId: string): Promise<{ day: CampaignDayRow; campaign: Campaign }> {
  const day = await findDay(db, dayId);
  if (!day) throw notFound('Deze dag');
  const campaign = await requireManagedCampaign(db, viewer, day.campaign_id).catch(() => {
    throw notFound('Deze dag');
  });
  return { day, campaign };
}

/**
 * Opens or closes the public form. Opening the first time also makes the campaign's
 * sign-up invite (signup.repo.ts findSignupInvite), which memberships made from a sign-up
 * link hang on.
 */
export async function setSignupOpen(db: DbOrTrx, viewer: Viewer, input: { campaignId: string; open: boolean; requestId: string }, now = new Date()): Promise<Campaign> {
  return inTransaction(db, async (trx) => {
    const campaign = await requireManagedCampaign(trx, viewer, input.campaignId);
    if (viewer.kind !== 'staff') throw notFound('Deze actie');
    if (input.open && campaign.status === 'CLOSED') throw closed();
    if (input.open && !(await repo.findSignupInvite(trx, campaign.id))) {
      await insertInvite(trx, {
        id: uuidv7(),
        campaign_id: campaign.id,
        code: inviteCode(),
        label: 'Meedoen met de link van een aanmelding (geen code)',
        created_by: viewer.accountId,
        created_at: now.toISOString(),
        expires_at: null,
        max_uses: 0,
        use_count: 0,
        revoked_at: null,
      });
    }
    await planningRepo.setSignupOpen(trx, campaign.id, input.open);
    await recordAudit(trx, { actorAccountId: viewer.accountId, action: input.open ? 'campaign.signup_opened' : 'campaign.signup_closed', subjectType: 'campaign', subjectId: campaign.id, requestId: input.requestId }, now);
    return (await loadCampaign(trx, campaign.id))!;
  });
}

/** Sets how many people a date takes; raising it moves the first waiting people up, lowering it keeps who is confirmed. */
export async function setDayCapacity(db: DbOrTrx, viewer: Viewer, input: { dayId: string; capacity: number | null; requestId: string }, now = new Date()): Promise<CampaignDay> {
  return inTransaction(db, async (trx) => {
    const { day, campaign } = await requireManagedDay(trx, viewer, input.dayId);
    if (campaign.status === 'CLOSED') throw closed();
    await planningRepo.setDayCapacity(trx, day.id, input.capacity);
    const movedUp = await fillFreedPlaces(trx, { id: day.id, capacity: input.capacity }, now);
    await recordAudit(
      trx,
      { actorAccountId: actorOf(viewer), action: 'campaign_day.capacity_changed', subjectType: 'campaign_day', subjectId: day.id, detail: { from: day.capacity, to: input.capacity, movedUp: movedUp.length }, requestId: input.requestId },
      now,
    );
    return toCampaignDay({ ...day, capacity: input.capacity });
  });
}

/** Confirms someone from the waiting list, also beyond the capacity (the coordinator knows there is room). */
export async function promoteSignup(db: DbOrTrx, viewer: Viewer, input: { signupId: string; dayId: string; requestId: string }, now = new Date()): Promise<DayPlanning> {
  return inTransaction(db, async (trx) => {
    const { day } = await requireManagedDay(trx, viewer, input.dayId);
    const held = (await repo.daysOfSignups(trx, [input.signupId])).find((d) => d.day_id === day.id);
    if (!held) throw notFound('Deze aanmelding');
    if (held.status === 'WAITING') {
      await repo.confirmSignupDay(trx, input.signupId, day.id);
      // Told as anyone who moves up is: they waited for this place.
      await queueSignupPlaceFreedMail(trx, (await repo.findSignup(trx, input.signupId))!, day.id, now);
      await recordAudit(trx, { actorAccountId: actorOf(viewer), action: 'signup.promoted', subjectType: 'signup', subjectId: input.signupId, detail: { dayId: day.id }, requestId: input.requestId }, now);
    }
    return buildDayPlanning(trx, day);
  });
}

/** The date's planning, or null when the viewer does not manage it (or it does not exist). */
export async function dayPlanning(db: DbOrTrx, viewer: Viewer, dayId: string): Promise<DayPlanning | null> {
  const managed = await requireManagedDay(db, viewer, dayId).catch(() => null);
  return managed && buildDayPlanning(db, managed.day);
}

/** Personal data of a date's sign-ups that a coordinator reads: contact details (planning) or addresses (pickup list). */
export type PersonalRead = 'contacts' | 'addresses';

/**
 * Sign-ups' contact details and addresses are personal data, as participants' are:
 * reading them is recorded in the audit log, once per date and request (the GraphQL edge
 * sees to once). `db` is the write connection.
 */
export async function recordPersonalDataViewed(db: Db, viewer: Viewer, what: PersonalRead, dayId: string, requestId: string): Promise<void> {
  const action = what === 'contacts' ? 'signup.contacts_viewed' : 'signup.addresses_viewed';
  await recordAudit(db, { actorAccountId: actorOf(viewer), action, subjectType: 'campaign_day', subjectId: dayId, requestId });
}
