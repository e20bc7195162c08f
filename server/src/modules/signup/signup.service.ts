/**
 * The public sign-up: the form of an open campaign, signing up for one or more dates,
 * and the personal link (only its hash is stored) to view, change or cancel. Abuse
 * rules: sign-ups per IP are limited, failed link lookups count per IP as unknown invite
 * codes do, a filled honeypot is answered as if it worked but stores nothing, and an
 * unknown campaign, a closed sign-up and an unknown link get one and the same answer.
 * Someone who gives an e-mail address with consent gets the link by e-mail too.
 */
import { v7 as uuidv7 } from 'uuid';
import type { AuthSettings } from '../../auth/auth-settings.js';
import { ipLimitKey } from '../../auth/ip-network.js';
import { hashSecret, randomToken } from '../../auth/tokens.js';
import type { Db, DbOrTrx } from '../../db/database.js';
import { DomainError, ErrorCode } from '../../domain-error.js';
import { findDay } from '../campaign/campaign.repo.js';
import { queueSignupConfirmationMail } from '../mail/mail-outbox.service.js';
import { toolsOfCampaigns } from './campaign-tools.repo.js';
import { allStreets } from '../neighbourhood/neighbourhood.repo.js';
import { checkSignup, type SignupFields } from './signup-rules.js';
import { fillFreedPlaces, releaseAllPlaces, takePlaces } from './signup-places.js';
import { futureDays, loadMySignup, loadSignupForm, openSignupCampaign, signupNotFound, type MySignup, type SignupForm } from './signup-view.js';
import * as repo from './signup.repo.js';
import type { SignupRow } from './signup.table.js';

export type { MySignup, SignupForm };

export interface SignupReceipt {
  /** The personal link's secret: it leaves the server in this answer only. */
  token: string;
  signup: MySignup;
}

export function signupForm(db: DbOrTrx, campaignId: string, now = new Date()): Promise<SignupForm> {
  return loadSignupForm(db, campaignId, now);
}

const tooMany = (retryAfterSeconds: number, message: string) => new DomainError(ErrorCode.RATE_LIMITED, message, { retryAfterSeconds });

/**
 * Runs a lookup by personal link against the caller's IP limit for unknown codes. It
 * counts from the start, so parallel tries cannot all pass before one is counted, and is
 * forgiven when the link was known.
 */
export async function withSignupByToken<T>(settings: AuthSettings, token: string, clientIp: string, run: (find: (db: DbOrTrx) => Promise<SignupRow>) => Promise<T>): Promise<T> {
  const key = `signup-link:${clientIp}`;
  const verdict = await settings.loginLimiterPerIp.attempt(key);
  if (!verdict.allowed) throw tooMany(verdict.retryAfterSeconds, 'Te veel onbekende links geprobeerd. Wacht even en probeer het opnieuw.');
  let known = false;
  try {
    return await run(async (db) => {
      const row = await repo.findSignupByTokenHash(db, hashSecret(token));
      if (!row || row.erased_at) throw signupNotFound();
      known = true;
      return row;
    });
  } finally {
    if (known) await settings.loginLimiterPerIp.forgive(key);
  }
}

export interface SignUpInput extends SignupFields {
  campaignId: string;
  /** Honeypot: people leave it empty. */
  website?: string | null;
}

/**
 * Counts against the caller's IP (an IPv6 caller's /64, ip-network.ts) before anything
 * else, so parallel sign-ups cannot all pass first; a sign-up the rules refused (BAD_USER_INPUT: nothing stored) is forgiven,
 * so someone who corrects a typo a few times is not locked out.
 */
export async function signUp(db: Db, settings: AuthSettings, input: SignUpInput, clientIp: string, now = new Date()): Promise<SignupReceipt> {
  const key = `signup:${ipLimitKey(clientIp)}`;
  const verdict = await settings.signupLimiterPerIp.attempt(key);
  if (!verdict.allowed) throw tooMany(verdict.retryAfterSeconds, 'Er zijn vanaf dit adres veel aanmeldingen gedaan. Wacht even en probeer het opnieuw.');
  if (input.website?.trim()) return pretendSignUp(db, input, now);
  try {
    return await storeSignup(db, input, now);
  } catch (error) {
    if (error instanceof DomainError && error.code === ErrorCode.BAD_USER_INPUT) await settings.signupLimiterPerIp.forgive(key);
    throw error;
  }
}

async function storeSignup(db: Db, input: SignUpInput, now: Date): Promise<SignupReceipt> {
  const token = randomToken(32);
  const signup = await db.transaction().execute(async (trx) => {
    const campaign = await openSignupCampaign(trx, input.campaignId);
    if (!campaign) throw signupNotFound();
    const days = await futureDays(trx, campaign.id, now);
    const [streets, tools] = await Promise.all([allStreets(trx, campaign.neighbourhood_id), toolsOfCampaigns(trx, [campaign.id])]);
    const checked = checkSignup(input, { kind: campaign.kind, dayIds: new Set(days.map((d) => d.id)), streetIds: new Set(streets.map((s) => s.id)), toolIds: new Set(tools.map((t) => t.id)) }, now);
    const at = now.toISOString();
    const row: SignupRow = { id: uuidv7(), campaign_id: campaign.id, token_hash: hashSecret(token), ...checked.details, participant_id: null, created_at: at, cancelled_at: null, erased_at: null };
    await repo.insertSignup(trx, row);
    await takePlaces(trx, row.id, days.filter((d) => checked.dayIds.includes(d.id)), now);
    await repo.replaceSignupTools(trx, row.id, checked.tools.map((t) => ({ signup_id: row.id, tool_id: t.toolId, quantity: t.quantity })));
    await queueSignupConfirmationMail(trx, row, now);
    return loadMySignup(trx, row);
  });
  return { token, signup };
}

/**
 * A bot filled the honeypot: it gets an answer shaped like a real one (so it learns
 * nothing), from the public form alone, and nothing is stored.
 */
async function pretendSignUp(db: DbOrTrx, input: SignUpInput, now: Date): Promise<SignupReceipt> {
  const form = await loadSignupForm(db, input.campaignId, now);
  const street = form.streets.find((s) => s.id === input.streetId) ?? null;
  return {
    token: randomToken(32),
    signup: {
      id: uuidv7(),
      campaignId: form.campaignId,
      campaignName: form.campaignName,
      kind: form.kind,
      days: form.days.filter((d) => input.dayIds.includes(d.id)).map((day) => ({ day, status: day.full ? 'WAITING' : 'CONFIRMED', waitingPosition: day.full ? 1 : null })),
      displayName: input.displayName.trim(),
      contact: input.contact?.trim() || null,
      contactConsent: input.contactConsent,
      walkerKind: input.walkerKind ?? null,
      organisation: input.organisation?.trim() || null,
      needs: input.needs?.trim() || null,
      street,
      houseNumber: input.houseNumber?.trim() || null,
      estimateM2: input.estimateM2 ?? null,
      estimateTiles: input.estimateTiles ?? null,
      tools: (input.tools ?? []).flatMap((t) => form.tools.filter((tool) => tool.id === t.toolId).map((tool) => ({ tool, quantity: t.quantity }))),
      wantsHelp: input.wantsHelp ?? false,
      wantsPickup: input.wantsPickup ?? false,
      cancelledAt: null,
      joined: false,
    },
  };
}

export function mySignup(db: DbOrTrx, settings: AuthSettings, token: string, clientIp: string): Promise<MySignup> {
  return withSignupByToken(settings, token, clientIp, async (find) => loadMySignup(db, await find(db)));
}

const conflict = (message: string) => new DomainError(ErrorCode.CONFLICT, message);

/** Changes a sign-up through its link: dates taken out free their places, which the waiting list fills. */
export function updateMySignup(db: Db, settings: AuthSettings, token: string, input: SignupFields, clientIp: string, now = new Date()): Promise<MySignup> {
  return withSignupByToken(settings, token, clientIp, (find) =>
    db.transaction().execute(async (trx) => {
      const row = await find(trx);
      if (row.cancelled_at) throw conflict('Je hebt je al afgemeld. Meld je opnieuw aan als je toch mee wilt doen.');
      const campaign = await openSignupCampaign(trx, row.campaign_id);
      if (!campaign) throw conflict('De aanmelding is gesloten: je kunt niets meer veranderen. Afmelden kan nog wel.');
      const held = await repo.daysOfSignups(trx, [row.id]);
      const future = await futureDays(trx, campaign.id, now);
      const [streets, tools] = await Promise.all([allStreets(trx, campaign.neighbourhood_id), toolsOfCampaigns(trx, [campaign.id])]);
      const allowedDays = new Set([...future.map((d) => d.id), ...held.map((h) => h.day_id)]);
      const checked = checkSignup(input, { kind: campaign.kind, dayIds: allowedDays, streetIds: new Set(streets.map((s) => s.id)), toolIds: new Set(tools.map((t) => t.id)) }, now);
      const removed = held.filter((h) => !checked.dayIds.includes(h.day_id)).map((h) => h.day_id);
      const added = future.filter((d) => checked.dayIds.includes(d.id) && !held.some((h) => h.day_id === d.id));
      // Consent was given at a moment: it keeps that moment while the contact stays the same.
      const sameContact = checked.details.contact !== null && checked.details.contact === row.contact && row.contact_consent_at !== null;
      await repo.updateSignupDetails(trx, row.id, sameContact ? { ...checked.details, contact_consent_at: row.contact_consent_at } : checked.details);
      await repo.deleteSignupDays(trx, row.id, removed);
      for (const dayId of removed) await fillFreedPlaces(trx, (await findDay(trx, dayId))!, now);
      await takePlaces(trx, row.id, added, now);
      await repo.replaceSignupTools(trx, row.id, checked.tools.map((t) => ({ signup_id: row.id, tool_id: t.toolId, quantity: t.quantity })));
      return loadMySignup(trx, (await repo.findSignup(trx, row.id))!);
    }),
  );
}

/** Cancels through the link: every place the sign-up held goes to the first person waiting. Cancelling twice changes nothing. */
export function cancelMySignup(db: Db, settings: AuthSettings, token: string, clientIp: string, now = new Date()): Promise<MySignup> {
  return withSignupByToken(settings, token, clientIp, (find) =>
    db.transaction().execute(async (trx) => {
      const row = await find(trx);
      if (!row.cancelled_at) {
        await releaseAllPlaces(trx, row.id, now);
        await repo.markCancelled(trx, row.id, now.toISOString());
      }
      return loadMySignup(trx, (await repo.findSignup(trx, row.id))!);
    }),
  );
}
