/**
 * What the ledger adds up to: the campaign total against its target, split by where the
 * tiles came from, the gardens greened, per street (also
 * per household where known, and each street's place), per action day, and a ranking of
 * participants that shows a name only with its owner's consent. Everything is read from
 * the rollups. The console's dashboard and the volunteers' standings on the counter
 * screen are the same `tallyDashboard`.
 */
import { nkTilesOf } from '@buurtkracht/protocol/tile-sizes';
import { isParticipantOf, managesNeighbourhood, type Viewer } from '../../auth/viewer.js';
import type { DbOrTrx } from '../../db/database.js';
import { notFound } from '../../domain-error.js';
import { daysOfCampaigns, loadCampaign, type Campaign, type CampaignDay } from '../campaign/campaign.service.js';
import { allStreets } from '../neighbourhood/neighbourhood.repo.js';
import * as repo from './tally.repo.js';

export interface AreaTotal {
  areaCm2: number;
  nkTiles: number;
  entries: number;
}

export interface StreetTotal extends AreaTotal {
  /** Place by area among the neighbourhood's streets (see placesByArea). */
  place: number;
  streetId: string;
  streetName: string;
  householdCount: number | null;
  /** Null when the number of households is unknown. */
  areaCm2PerHousehold: number | null;
}

export interface DayTotal extends AreaTotal {
  day: CampaignDay;
}

export interface RankedParticipant extends AreaTotal {
  rank: number;
  /** The display name with consent, otherwise the stable pseudonym. */
  name: string;
  isPseudonym: boolean;
  /** Only for the participant themself and coordinators; null for everyone else. */
  participantId: string | null;
}

/** The total split by where the tiles came from; together they are the total. */
export interface OriginTotals {
  garden: AreaTotal;
  publicSpace: AreaTotal;
  notSaid: AreaTotal;
}

export interface TallyProgress {
  campaign: Campaign;
  total: AreaTotal;
  byOrigin: OriginTotals;
  /** Addresses where tiles not from the public space were counted (net above zero). */
  gardensGreened: number;
  targetAreaCm2: number;
  streets: StreetTotal[];
  days: DayTotal[];
}

export interface TallyDashboard extends TallyProgress {
  topParticipants: RankedParticipant[];
}

const areaTotal = (areaCm2 = 0, entries = 0): AreaTotal => ({ areaCm2, nkTiles: nkTilesOf(areaCm2), entries });

/**
 * The one ranking rule of streets and participants: places by area, most first, for
 * areas already in that order. Equal areas share a place and the next one skips
 * (1, 2, 2, 4): two streets with as many m² are equally far, whatever their names.
 */
export function placesByArea(areasMostFirst: readonly number[]): number[] {
  const places: number[] = [];
  areasMostFirst.forEach((area, i) => places.push(i > 0 && area === areasMostFirst[i - 1] ? places[i - 1]! : i + 1));
  return places;
}

/** Totals without participants; callers check who may see them. */
export async function progressOf(db: DbOrTrx, campaign: Campaign): Promise<TallyProgress> {
  const [rows, streets, days, gardensGreened] = await Promise.all([
    repo.rollups(db, campaign.id, ['TOTAL', 'STREET', 'DAY', 'ORIGIN']),
    allStreets(db, campaign.neighbourhoodId),
    daysOfCampaigns(db, [campaign.id]),
    repo.countGardensGreened(db, campaign.id),
  ]);
  const byKey = new Map(rows.map((r) => [`${r.dimension}:${r.key}`, r]));
  const total = byKey.get('TOTAL:');
  const garden = byKey.get('ORIGIN:GARDEN');
  const publicSpace = byKey.get('ORIGIN:PUBLIC');
  // Events that say no origin have no rollup of their own: they are what the others leave.
  const unsaid = (of: 'area_cm2' | 'event_count') => (total?.[of] ?? 0) - (garden?.[of] ?? 0) - (publicSpace?.[of] ?? 0);
  const sorted = streets
    .map((street): Omit<StreetTotal, 'place'> => {
      const r = byKey.get(`STREET:${street.id}`);
      const area = r?.area_cm2 ?? 0;
      return {
        ...areaTotal(area, r?.event_count ?? 0),
        streetId: street.id,
        streetName: street.name,
        householdCount: street.household_count,
        areaCm2PerHousehold: street.household_count ? Math.floor(area / street.household_count) : null,
      };
    })
    .sort((a, b) => b.areaCm2 - a.areaCm2 || a.streetName.localeCompare(b.streetName, 'nl'));
  const places = placesByArea(sorted.map((s) => s.areaCm2));
  const streetTotals = sorted.map((s, i): StreetTotal => ({ ...s, place: places[i]! }));
  const dayTotals = days.map((day): DayTotal => {
    const r = byKey.get(`DAY:${day.id}`);
    return { ...areaTotal(r?.area_cm2 ?? 0, r?.event_count ?? 0), day };
  });
  return {
    campaign,
    total: areaTotal(total?.area_cm2 ?? 0, total?.event_count ?? 0),
    byOrigin: {
      garden: areaTotal(garden?.area_cm2 ?? 0, garden?.event_count ?? 0),
      publicSpace: areaTotal(publicSpace?.area_cm2 ?? 0, publicSpace?.event_count ?? 0),
      notSaid: areaTotal(unsaid('area_cm2'), unsaid('event_count')),
    },
    gardensGreened,
    targetAreaCm2: campaign.targetAreaCm2 ?? 0,
    streets: streetTotals,
    days: dayTotals,
  };
}

export const MAX_RANKING = 50;

/** What a ranking may show of a participant: these columns of its row. */
export interface RankedPerson {
  display_name: string | null;
  pseudonym: string;
  show_name_in_rankings: number;
  erased_at: string | null;
}

/**
 * The one consent rule of every ranking (the standings, the prizes): the display name when
 * its owner agreed to be named and did not erase their data, otherwise the stable pseudonym.
 */
export function rankingName(person: RankedPerson): { name: string; isPseudonym: boolean } {
  const named = person.show_name_in_rankings === 1 && !person.erased_at && !!person.display_name;
  return named ? { name: person.display_name!, isPseudonym: false } : { name: person.pseudonym, isPseudonym: true };
}

/** The dashboard for coordinators of the campaign and for its participants. */
export async function tallyDashboard(db: DbOrTrx, viewer: Viewer, campaignId: string, top = 20): Promise<TallyDashboard> {
  const campaign = await loadCampaign(db, campaignId);
  const isManager = !!campaign && managesNeighbourhood(viewer, campaign.neighbourhoodId);
  if (!campaign || campaign.kind !== 'TEGELWIPPEN' || !(isManager || isParticipantOf(viewer, campaign.id))) throw notFound('Deze actie');
  const [progress, ranked] = await Promise.all([progressOf(db, campaign), repo.topParticipants(db, campaign.id, Math.min(top, MAX_RANKING))]);
  const places = placesByArea(ranked.map((r) => r.area_cm2));
  const topParticipants = ranked.map((r, index): RankedParticipant => {
    const isSelf = viewer.kind === 'participant' && viewer.participantId === r.participant_id;
    return {
      ...areaTotal(r.area_cm2, r.event_count),
      rank: places[index]!,
      ...rankingName(r),
      participantId: isManager || isSelf ? r.participant_id : null,
    };
  });
  return { ...progress, topParticipants };
}

/** The public progress page: totals per street and day, nothing personal. */
export async function publicProgress(db: DbOrTrx, campaignId: string): Promise<TallyProgress> {
  const campaign = await loadCampaign(db, campaignId);
  if (!campaign || campaign.kind !== 'TEGELWIPPEN' || !campaign.publicProgress || campaign.status === 'DRAFT') throw notFound('Deze voortgang');
  return progressOf(db, campaign);
}

