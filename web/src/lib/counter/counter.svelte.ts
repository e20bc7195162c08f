/**
 * The counter's state, for every counting activity (tegelwippen, opruimactie): the chosen
 * action day, street and house number, where the tiles come from (garden or public space,
 * or not said; tile units only), the running totals (confirmed by the server plus what is
 * still on the device), and the actions: add some of a unit, add a measured area, undo
 * the last entry (as a correction event, which the server gives the entry's origin). The
 * place with its origin, the days someone confirmed counting on (a day that is not today),
 * and the sign-ups whose garden someone counted away from are remembered in localStorage.
 */
import type { TileOrigin } from '@buurtkracht/protocol/tile-origins';
import { isTileUnit, unitAreaCm2Of, type UnitCode } from '@buurtkracht/protocol/tally-units';
import { nkTilesOf } from '@buurtkracht/protocol/tile-sizes';
import { v7 as uuidv7 } from 'uuid';
import { t } from '$lib/i18n/i18n.svelte';
import { fieldApp } from '$lib/offline/field-app.svelte';
import type { JoinedCampaign } from '$lib/offline/field-store';
import { deviceTallyTotals, lastUndoableEntry, NO_TALLY_TOTALS, unitOfRecord, type DeviceTallyTotals } from '$lib/offline/tally-totals';
import { defaultDayId, type ActionDay } from './action-day';
import { plannedStreetIds } from './street-order';
import { entryAmount } from './unit-words';

const PLACE_KEY = 'buurtkracht.counter.place';
const CONFIRMED_DAYS_KEY = 'buurtkracht.counter.confirmedDays';
const LEFT_SIGNUP_PLACES_KEY = 'buurtkracht.counter.leftSignupPlaces';

/** The membership counted in: when made with a sign-up, its garden (field-store.ts). */
export type CountingMembership = Pick<JoinedCampaign, 'joinedAt' | 'signupPlace'>;

const sameHouseNumber = (a: string, b: string) => a.replace(/\s+/g, '').toLowerCase() === b.replace(/\s+/g, '').toLowerCase();

/** An area as a number of NK tiles (30×30), in words. */
export function describeNk(areaCm2: number): string {
  const nk = nkTilesOf(areaCm2);
  return nk === 1 ? t('count.nkOne', { nk: 1 }) : t('count.nk', { nk });
}

export class TallyCounter {
  dayId = $state('');
  streetId = $state('');
  houseNumber = $state('');
  totals = $state<DeviceTallyTotals>(NO_TALLY_TOTALS);
  undoable = $state<{ id: string; unitCode: string; remaining: number } | null>(null);
  /** The last thing that happened, for the live region. */
  announcement = $state('');

  /** "dayId@YYYY-MM-DD": counting on that day was confirmed on that date. */
  #confirmedDays: string[];
  /** Where the tiles come from, for the street it was chosen on (#originStreetId); null: not said. */
  #origin = $state<TileOrigin | null>(null);
  #originStreetId = '';
  #signupPlace: CountingMembership['signupPlace'];
  /** "campaignId@joinedAt" of the memberships whose sign-up garden someone chose another place than. */
  #leftSignupPlaces: string[];
  #membershipKey: string;
  /** The street offered because it is the day's one planned street, until the person starts counting there. */
  #suggestedStreetId = '';

  constructor(readonly campaignId: string, membership: CountingMembership | null = null) {
    this.#signupPlace = membership?.signupPlace;
    this.#membershipKey = `${campaignId}@${membership?.joinedAt ?? ''}`;
    this.#leftSignupPlaces = JSON.parse(globalThis.localStorage?.getItem(LEFT_SIGNUP_PLACES_KEY) ?? '[]') as string[];
    const saved = JSON.parse(globalThis.localStorage?.getItem(PLACE_KEY) ?? 'null') as { dayId: string; streetId: string; origin?: TileOrigin | null } | null;
    if (saved) {
      this.dayId = saved.dayId;
      this.streetId = saved.streetId;
      this.#origin = saved.origin ?? null;
      this.#originStreetId = saved.streetId;
    }
    this.#confirmedDays = JSON.parse(globalThis.localStorage?.getItem(CONFIRMED_DAYS_KEY) ?? '[]') as string[];
  }

  /** Where the tiles come from, as the next entries will say; null when not said. */
  get origin(): TileOrigin | null {
    return this.#origin && this.#originStreetId === this.streetId ? this.#origin : null;
  }

  /** Chooses where the tiles come from; the chosen one again leaves it unsaid. Kept for this street. */
  chooseOrigin(origin: TileOrigin): void {
    this.#origin = this.origin === origin ? null : origin;
    this.#originStreetId = this.streetId;
    this.rememberPlace();
  }

  /**
   * Starts on today's action day when there is one (unless another day was chosen and
   * confirmed today), and at the sign-up's garden until the person chose another place,
   * else on the remembered street if it still exists. A street is never guessed (counting
   * on the wrong street is worse than one tap to choose it), unless there is only one.
   * The day's one planned street is offered when no street is chosen yet, or when the
   * remembered street was for another day and is not planned for this one; then the form
   * still asks to confirm it. Returns whether counting can start without asking.
   */
  choosePlace(days: readonly ActionDay[], streetIds: readonly string[], today: string): boolean {
    const rememberedDayId = this.dayId;
    const saved = days.find((d) => d.id === this.dayId);
    this.dayId = saved && this.dayConfirmed(saved, today) ? saved.id : defaultDayId(days, today, this.dayId || null);
    const garden = this.#signupPlace;
    if (garden && streetIds.includes(garden.streetId) && !this.#leftSignupPlaces.includes(this.#membershipKey)) {
      this.streetId = garden.streetId;
      this.houseNumber = garden.houseNumber ?? '';
      return true;
    }
    if (!streetIds.includes(this.streetId)) this.streetId = streetIds.length === 1 ? streetIds[0]! : '';
    const planned = plannedStreetIds(
      days.find((d) => d.id === this.dayId),
      streetIds,
    );
    const anotherDay = rememberedDayId !== this.dayId && !planned.includes(this.streetId);
    if (planned.length === 1 && planned[0] !== this.streetId && (this.streetId === '' || anotherDay)) {
      this.streetId = this.#suggestedStreetId = planned[0]!;
      return false;
    }
    return this.streetId !== '';
  }

  /**
   * After another day was chosen in the form: that day's one planned street is offered
   * when no street was chosen yet, or in place of the previous day's offer.
   */
  dayChosen(days: readonly ActionDay[], streetIds: readonly string[]): void {
    const planned = plannedStreetIds(
      days.find((d) => d.id === this.dayId),
      streetIds,
    );
    const offered = this.streetId !== '' && this.streetId === this.#suggestedStreetId;
    if (this.streetId !== '' && !offered) return;
    if (planned.length === 1) this.streetId = this.#suggestedStreetId = planned[0]!;
    else if (offered && streetIds.length > 1) this.streetId = this.#suggestedStreetId = '';
  }

  rememberPlace(): void {
    this.#suggestedStreetId = '';
    localStorage.setItem(PLACE_KEY, JSON.stringify({ dayId: this.dayId, streetId: this.streetId, origin: this.origin }));
    const garden = this.#signupPlace;
    if (!garden) return;
    // Another street or house number is the person's own choice, remembered as any place is;
    // choosing the garden again makes the counter start there again.
    const atGarden = this.streetId === garden.streetId && sameHouseNumber(this.houseNumber, garden.houseNumber ?? '');
    const others = this.#leftSignupPlaces.filter((k) => k !== this.#membershipKey);
    this.#leftSignupPlaces = atGarden ? others : [...others, this.#membershipKey].slice(-20);
    localStorage.setItem(LEFT_SIGNUP_PLACES_KEY, JSON.stringify(this.#leftSignupPlaces));
  }

  /** Counting on a day that is not today is asked once (per day it happens on). */
  dayConfirmed(day: ActionDay, today: string): boolean {
    return day.date === today || this.#confirmedDays.includes(`${day.id}@${today}`);
  }

  confirmDay(day: ActionDay, today: string): void {
    this.#confirmedDays = [...this.#confirmedDays.filter((k) => k !== `${day.id}@${today}`), `${day.id}@${today}`].slice(-20);
    localStorage.setItem(CONFIRMED_DAYS_KEY, JSON.stringify(this.#confirmedDays));
  }

  async refresh(): Promise<void> {
    this.totals = await deviceTallyTotals(fieldApp.db, this.campaignId, this.streetId || null);
    const last = await lastUndoableEntry(fieldApp.db, this.campaignId);
    this.undoable = last ? { id: last.record.id, unitCode: unitOfRecord(last.record) ?? '', remaining: last.remaining } : null;
  }

  /**
   * Adds `count` of a unit, in the current command format (recordTallyEvent format 4:
   * `unitCode`). Only tiles say where they come from; the server refuses an origin on
   * anything else.
   */
  async add(unitCode: UnitCode, count: number): Promise<void> {
    if (!this.dayId || !this.streetId) return;
    const id = uuidv7();
    const origin = isTileUnit(unitCode) ? { origin: this.origin } : {};
    const place = { campaignId: this.campaignId, actionDayId: this.dayId, streetId: this.streetId, houseNumber: this.houseNumber.trim() || null };
    await fieldApp.write({
      name: 'recordTallyEvent',
      args: { id, ...place, unitCode, count, ...origin },
      record: { id, type: 'tally', campaignId: this.campaignId, data: { unitCode, count, areaCm2: unitAreaCm2Of(unitCode, count), streetId: this.streetId, dayId: this.dayId, ...origin } },
    });
    // The page refreshes the totals when fieldApp.version moves; no second read here.
    this.announcement = entryAmount(unitCode, count);
  }

  async addArea(lengthCm: number, widthCm: number): Promise<void> {
    await this.add('AREA', lengthCm * widthCm);
  }

  /** Takes back what is left of the newest entry, with a correction that names it. */
  async undoLast(): Promise<string | null> {
    const last = await lastUndoableEntry(fieldApp.db, this.campaignId);
    if (!last) return null;
    const { record, remaining } = last;
    const unitCode = unitOfRecord(record);
    const id = uuidv7();
    await fieldApp.write({
      name: 'correctTallyEvent',
      args: { id, correctsEventId: record.id, count: remaining },
      record: {
        id,
        type: 'tally',
        campaignId: this.campaignId,
        data: { unitCode, count: -remaining, areaCm2: unitCode ? -unitAreaCm2Of(unitCode, remaining) : 0, streetId: record.data.streetId, correctsEventId: record.id },
      },
    });
    const what = entryAmount(unitCode, remaining);
    this.announcement = what;
    return what;
  }
}
