/**
 * Prizes for the most active participants (issue 17, point 4): a coordinator chooses the
 * prize categories of a campaign (prize-categories.ts, stored in campaign_prize), and the
 * console proposes, per chosen category, the winner and the next two places from the data
 * (prize-places.ts: shared places stay shared). The big screen of the closing event shows
 * the same proposals.
 *
 * Names follow the standings' consent rule (rankingName): a display name only when its
 * owner agreed to be named in rankings and did not erase their data, otherwise the stable
 * pseudonym. No house number and no participant id leaves this module: a garden and a
 * household are counted, never shown. Only the campaign's coordinators (and admins) may
 * see or choose prizes; for everyone else the campaign does not exist.
 *
 * What each category measures is said in prize.schema.ts (CATEGORY_DESCRIPTIONS) and, in
 * Dutch, in the web's PRIZE_WORDS; the code below is the rule. A clean-up action
 * (opruimactie) has two: the participant who counted the most (the standings' figure,
 * rankingFigureOf), and the street with the most gardens helped (its TUIN_GEHOLPEN count,
 * when the action counts it). One rule is about personal
 * data rather than counting: a street competes for m² per household only when at least
 * MIN_HOUSEHOLDS_PER_STREET (3) of its households took part, because with one or two the
 * big screen would show what one identifiable household did.
 *
 * The household and garden figures need house numbers: after the campaign's personal data
 * was erased they are no longer known, and the proposal says so instead of being empty.
 */
import { mayGreenGarden } from '@buurtkracht/protocol/tile-origins';
import type { Viewer } from '../../auth/viewer.js';
import type { DbOrTrx } from '../../db/database.js';
import { inTransaction } from '../../db/transaction.js';
import { badInput } from '../../domain-error.js';
import { recordAudit } from '../audit/audit.service.js';
import { requireManagedCampaign, type Campaign } from '../campaign/campaign.service.js';
import { allStreets } from '../neighbourhood/neighbourhood.repo.js';
import { signupAddresses, tallyAddresses } from '../programme/programme.repo.js';
import { gardenKeyOf } from '../tally/garden-address.js';
import { householdKeysOf } from '../tally/households.js';
import { rankingFigureOf, rankingName } from '../tally/tally-aggregates.service.js';
import * as tallyRepo from '../tally/tally.repo.js';
import type { CampaignKind } from '../campaign/campaign.table.js';
import { categoriesFor, PRIZE_CATEGORIES, type PrizeCategory } from './prize-categories.js';
import { podiumOf, type PlacedCandidate, type PrizeCandidate } from './prize-places.js';
import * as repo from './prize.repo.js';

/**
 * The fewest households (tally/households.ts) that must have taken part in a street before
 * it competes for m² per household: fewer, and its figure is one household's result.
 */
export const MIN_HOUSEHOLDS_PER_STREET = 3;

/** Why a category's winners can no longer be worked out. */
export type PrizeUnknownReason = 'PERSONAL_DATA_ERASED';

export interface PrizeProposal {
  category: PrizeCategory;
  /** Places 1 to 3, best first; empty when nobody has a figure above zero yet. */
  winners: PlacedCandidate[];
  leftOut: number;
  /** Null when the proposal could be made. */
  unknown: PrizeUnknownReason | null;
}

export interface CampaignPrizes {
  campaign: Campaign;
  /** The categories a campaign of this kind can have. */
  available: PrizeCategory[];
  /** The chosen categories' proposals, in the fixed order of the categories. */
  prizes: PrizeProposal[];
}

/** A campaign's prizes and their proposed winners, for its coordinators. */
export async function campaignPrizes(db: DbOrTrx, viewer: Viewer, campaignId: string): Promise<CampaignPrizes> {
  const campaign = await requireManagedCampaign(db, viewer, campaignId);
  return prizesOf(db, campaign);
}

/** Makes these the campaign's prize categories (each must fit the campaign's kind). */
export async function setCampaignPrizes(db: DbOrTrx, viewer: Viewer, input: { campaignId: string; categories: readonly PrizeCategory[]; requestId?: string }, now = new Date()): Promise<CampaignPrizes> {
  return inTransaction(db, async (trx) => {
    const campaign = await requireManagedCampaign(trx, viewer, input.campaignId);
    const available = categoriesFor(campaign.kind);
    const wrong = input.categories.find((category) => !available.includes(category));
    if (wrong) {
      const message = `Deze prijs hoort bij ${KIND_PHRASES[PRIZE_CATEGORIES[wrong].kind]}, niet bij ${KIND_PHRASES[campaign.kind]}.`;
      throw badInput(message, { fields: [{ path: ['input', 'categories'], message }] });
    }
    const categories = available.filter((category) => input.categories.includes(category));
    await repo.replaceCategories(trx, campaign.id, categories, now.toISOString());
    await recordAudit(
      trx,
      { actorAccountId: viewer.kind === 'staff' ? viewer.accountId : null, action: 'campaign.prizes_set', subjectType: 'campaign', subjectId: campaign.id, detail: { categories: categories.join(',') }, requestId: input.requestId },
      now,
    );
    return prizesOf(trx, campaign);
  });
}

/** The kinds of campaign as a refusal names them ("hoort bij een schouw"). */
const KIND_PHRASES: Record<CampaignKind, string> = { SCHOUW: 'een schouw', TEGELWIPPEN: 'tegelwippen', OPRUIMEN: 'een opruimactie' };

async function prizesOf(db: DbOrTrx, campaign: Campaign): Promise<CampaignPrizes> {
  const available = categoriesFor(campaign.kind);
  const chosen = new Set(await repo.chosenCategories(db, campaign.id));
  const erased = (await repo.personalDataErasedAt(db, campaign.id)) !== null;
  const prizes: PrizeProposal[] = [];
  for (const category of available.filter((c) => chosen.has(c))) {
    if (erased && NEEDS_ADDRESSES.has(category)) {
      prizes.push({ category, winners: [], leftOut: 0, unknown: 'PERSONAL_DATA_ERASED' });
      continue;
    }
    prizes.push({ category, ...podiumOf(await CANDIDATES[category](db, campaign)), unknown: null });
  }
  return { campaign, available, prizes };
}

const NEEDS_ADDRESSES: ReadonlySet<PrizeCategory> = new Set(['MOST_AREA_PER_HOUSEHOLD_BY_STREET', 'MOST_GARDENS_BY_PARTICIPANT']);

/** Everyone in the running for a category, with their figure. */
const CANDIDATES: Record<PrizeCategory, (db: DbOrTrx, campaign: Campaign) => Promise<PrizeCandidate[]>> = {
  MOST_AREA_BY_PARTICIPANT: standings,

  async MOST_AREA_PER_HOUSEHOLD_BY_STREET(db, campaign) {
    const [rollups, streets, signedUp, counted] = await Promise.all([
      tallyRepo.rollups(db, campaign.id, ['STREET']),
      allStreets(db, campaign.neighbourhoodId),
      signupAddresses(db, [campaign.id]),
      tallyAddresses(db, [campaign.id]),
    ]);
    const households = new Map<string, number>();
    for (const streetId of householdKeysOf([...signedUp, ...counted]).values()) households.set(streetId, (households.get(streetId) ?? 0) + 1);
    const area = new Map(rollups.map((r) => [r.key, r.area_cm2]));
    return streets.flatMap((street) => {
      const n = households.get(street.id) ?? 0;
      return n >= MIN_HOUSEHOLDS_PER_STREET ? [{ name: street.name, isPseudonym: false, figure: Math.floor((area.get(street.id) ?? 0) / n) }] : [];
    });
  },

  async MOST_GARDENS_BY_PARTICIPANT(db, campaign) {
    const perParticipant = new Map<string, Map<string, number>>();
    for (const row of await repo.participantAddresses(db, campaign.id)) {
      const garden = mayGreenGarden(row.origin) ? gardenKeyOf(row.street_id, row.house_number) : null;
      if (!garden) continue;
      const gardens = perParticipant.get(row.participant_id) ?? new Map<string, number>();
      gardens.set(garden, (gardens.get(garden) ?? 0) + row.area_cm2);
      perParticipant.set(row.participant_id, gardens);
    }
    const counts = [...perParticipant].map(([id, gardens]) => ({ id, figure: [...gardens.values()].filter((area) => area > 0).length }));
    return named(db, counts);
  },

  async MOST_SPOTS_BY_WALKER(db, campaign) {
    return named(db, (await repo.spotsPerWalker(db, campaign.id)).map((r) => ({ id: r.participant_id, figure: r.spots })));
  },

  MOST_COUNTED_BY_PARTICIPANT: standings,

  async MOST_GARDENS_HELPED_BY_STREET(db, campaign) {
    const [rollups, streets] = await Promise.all([tallyRepo.rollups(db, campaign.id, ['STREET_UNIT']), allStreets(db, campaign.neighbourhoodId)]);
    const helped = new Map(rollups.filter((r) => r.key.endsWith('|TUIN_GEHOLPEN')).map((r) => [r.key.slice(0, -'|TUIN_GEHOLPEN'.length), r.quantity]));
    return streets.flatMap((street) => {
      const figure = helped.get(street.id) ?? 0;
      return figure > 0 ? [{ name: street.name, isPseudonym: false, figure }] : [];
    });
  },
};

/**
 * The participants by the standings' own figure and query (rankingFigureOf: area for
 * tegelwippen, everything counted for a clean-up), long enough for every participant of
 * one campaign, so the prize and the standings never disagree.
 */
async function standings(db: DbOrTrx, campaign: Campaign): Promise<PrizeCandidate[]> {
  const figure = rankingFigureOf(campaign.kind);
  const ranked = await tallyRepo.topParticipants(db, campaign.id, 100_000, figure);
  return ranked.map((r) => ({ ...rankingName(r), figure: figure === 'areaCm2' ? r.area_cm2 : r.quantity }));
}

/** Participants' figures with the names rankings may show. */
async function named(db: DbOrTrx, figures: { id: string; figure: number }[]): Promise<PrizeCandidate[]> {
  const competing = figures.filter((f) => f.figure > 0);
  const people = await repo.rankedPeople(db, competing.map((f) => f.id));
  return competing.flatMap(({ id, figure }) => {
    const person = people.get(id);
    return person ? [{ ...rankingName(person), figure }] : [];
  });
}
