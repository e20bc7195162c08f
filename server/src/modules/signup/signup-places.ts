/**
 * Places on a date: a sign-up is CONFIRMED while the date has room (confirmed below its
 * capacity, or no capacity), else it WAITS, in order of waiting_since. When a place frees
 * (a cancellation, a date taken out of a sign-up, a higher capacity) the first waiting
 * people move up and are told by e-mail when they gave an address for it. Callers run these inside one write transaction ("begin immediate",
 * db/immediate-transactions.ts): the count and the insert then see the same state, so
 * two sign-ups racing for the last place cannot both be confirmed.
 */
import { SIGNUPS_PER_DAY_MAX } from '@buurtkracht/protocol/input-limits';
import type { DbOrTrx } from '../../db/database.js';
import { badInput } from '../../domain-error.js';
import { findDay } from '../campaign/campaign.repo.js';
import { queueSignupPlaceFreedMail } from '../mail/mail-outbox.service.js';
import type { CampaignDayRow } from '../campaign/campaign.table.js';
import * as repo from './signup.repo.js';

export const DAY_FULL_MESSAGE = 'Voor deze datum kunnen we geen aanmeldingen meer aannemen.';

const hasRoom = (capacity: number | null, confirmed: number) => capacity === null || confirmed < capacity;

/** Adds the sign-up to these dates: confirmed where there is room, on the waiting list elsewhere. */
export async function takePlaces(trx: DbOrTrx, signupId: string, days: readonly Pick<CampaignDayRow, 'id' | 'capacity'>[], now: Date): Promise<void> {
  const counts = await repo.countsOfDays(trx, days.map((d) => d.id));
  const at = now.toISOString();
  for (const day of days) {
    const { confirmed, waiting } = counts.get(day.id)!;
    if (confirmed + waiting >= SIGNUPS_PER_DAY_MAX) throw badInput(DAY_FULL_MESSAGE, { fields: [{ path: ['input', 'dayIds'], message: DAY_FULL_MESSAGE }] });
    const status = hasRoom(day.capacity, confirmed) ? 'CONFIRMED' : 'WAITING';
    await repo.insertSignupDays(trx, [{ signup_id: signupId, day_id: day.id, status, waiting_since: status === 'WAITING' ? at : null, created_at: at }]);
  }
}

/**
 * Moves the first waiting people up while the date has room, and queues the mail that
 * tells them (when they gave an e-mail address with consent); answers who moved up.
 */
export async function fillFreedPlaces(trx: DbOrTrx, day: Pick<CampaignDayRow, 'id' | 'capacity'>, now = new Date()): Promise<string[]> {
  const { confirmed, waiting } = (await repo.countsOfDays(trx, [day.id])).get(day.id)!;
  if (waiting === 0) return [];
  const room = day.capacity === null ? waiting : Math.max(0, day.capacity - confirmed);
  if (room === 0) return [];
  const movingUp = await repo.signupDaysOfDay(trx, day.id, 'WAITING', room);
  for (const row of movingUp) await repo.confirmSignupDay(trx, row.signup_id, day.id);
  const ids = movingUp.map((row) => row.signup_id);
  for (const signup of await repo.findSignupsByIds(trx, ids)) await queueSignupPlaceFreedMail(trx, signup, day.id, now);
  return ids;
}

/** Takes the sign-up off every date it holds (cancelled or removed); each freed place goes to the first person waiting there. */
export async function releaseAllPlaces(trx: DbOrTrx, signupId: string, now = new Date()): Promise<number> {
  const held = await repo.daysOfSignups(trx, [signupId]);
  await repo.deleteSignupDays(trx, signupId, held.map((h) => h.day_id));
  for (const h of held) await fillFreedPlaces(trx, (await findDay(trx, h.day_id))!, now);
  return held.length;
}
