/**
 * What the ledger adds up to: the campaign total against its target, split by where the
 * tiles came from, the gardens greened, per unit (unit-totals.ts), per street (also per
 * household where known, and each street's place), per action day with the streets it was
 * for, and a ranking of participants that shows a name only with its owner's consent.
 * Everything is read from the rollups, never from the ledger itself. A tegelwip action and
 * a clean-up are added up alike; only their ranking figure differs (rankingFigureOf). The
 * console's dashboard and the volunteers' standings on the counter screen are the same
 * `tallyDashboard`, and the prizes place people by the same rule (placesByFigure).
 */
import { isCountingKind } from '@buurtkracht/protocol/tally-units';
import { nkTilesOf } from '@buurtkracht/protocol/tile-sizes';
import { isParticipantOf, managesNeighbourhood, type Viewer } from '../../auth/viewer.js';
import type { DbOrTrx } from '../../db/database.js';
import { notFound } from '../../domain-error.js';
import { streetsOfDays } from '../campaign/campaign-units.repo.js';
import { daysOfCampaigns, loadCampaign, type Campaign, type CampaignDay, type CampaignKind } from '../campaign/campaign.service.js';
import { allStreets } from '../neighbourhood/neighbourhood.repo.js';
import { unitsOfCampaign } from './campaign-units.js';
import * as repo from './tally.repo.js';
import type { TallyRollupRow } from './tally.table.js';
import { dayStreetsOf, unitTotalsOf, type DayStreetTotal, type UnitTotal } from './unit-totals.js';

export type { DayStreetTotal, UnitTotal };

export interface AreaTotal {
  areaCm2: number;
  nkTiles: number;
  entries: number;
  /** The net sum of the counts, all units together (tally.table.ts): what a clean-up ranks by. */
  quantity: number;
}

export interface StreetTotal extends AreaTotal {
  /** Place among the neighbourhood's streets by the campaign's figure (rankingFigureOf, placesByFigure). */
  place: number;
  streetId: string;
  streetName: string;
  householdCount: number | null;
  /** Null when the number of households is unknown. */
  areaCm2PerHousehold: number | null;
  /** Every unit of the campaign, counted in this street. */
  units: UnitTotal[];
}

export interface DayTotal extends AreaTotal {
  day: CampaignDay;
  /** Every unit of the campaign, counted on this day. */
  units: UnitTotal[];
  /** The streets the day was planned for (in their order), then the others counted that day. */
  streets: DayStreetTotal[];
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
  kind: CampaignKind;
  /** Every unit of the campaign, in its order. */
  units: UnitTotal[];
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

/** A rollup row as a total; no row is nothing counted. */
const totalOf = (row: Pick<TallyRollupRow, 'area_cm2' | 'event_count' | 'quantity'> | undefined): AreaTotal => {
  const areaCm2 = row?.area_cm2 ?? 0;
  return { areaCm2, nkTiles: nkTilesOf(areaCm2), entries: row?.event_count ?? 0, quantity: row?.quantity ?? 0 };
};

/**
 * The one place rule of streets and participants, here and for the prizes: places by a
 * figure (rankingFigureOf), most first, for figures already in that order. Equal figures
 * share a place and the next one skips (1, 2, 2, 4): two streets with as many m² are
 * equally far, whatever their names.
 */
export function placesByFigure(figuresMostFirst: readonly number[]): number[] {
  const places: number[] = [];
  figuresMostFirst.forEach((figure, i) => places.push(i > 0 && figure === figuresMostFirst[i - 1] ? places[i - 1]! : i + 1));
  return places;
}

/**
 * The one ranking rule of a counting campaign, for streets and for people: the dashboard,
 * the counter's standings (both tallyDashboard) and the prize for the most counted. A
 * tegelwip action ranks by area removed. A clean-up has no area: it ranks by everything
 * counted, all units together (a bag, an item and a garden helped each count one), net of
 * corrections ("meeste geteld"). The name is the AreaTotal field and the rollup column.
 */
export const rankingFigureOf = (kind: CampaignKind): 'areaCm2' | 'quantity' => (kind === 'OPRUIMEN' ? 'quantity' : 'areaCm2');

/** Each day's DAY_STREET rollups by street id. */
function dayStreetRows(rows: readonly TallyRollupRow[]): Map<string, Map<string, TallyRollupRow>> {
  const byDay = new Map<string, Map<string, TallyRollupRow>>();
  for (const r of rows) {
    if (r.dimension !== 'DAY_STREET') continue;
    const [dayId, streetId] = r.key.split('|') as [string, string];
    let streets = byDay.get(dayId);
    if (!streets) byDay.set(dayId, (streets = new Map()));
    streets.set(streetId, r);
  }
  return byDay;
}

/** Totals without participants; callers check who may see them. */
export async function progressOf(db: DbOrTrx, campaign: Campaign): Promise<TallyProgress> {
  const [rows, streets, days, gardensGreened, units] = await Promise.all([
    repo.rollups(db, campaign.id, ['TOTAL', 'STREET', 'DAY', 'ORIGIN', 'UNIT', 'STREET_UNIT', 'DAY_UNIT', 'DAY_STREET']),
    allStreets(db, campaign.neighbourhoodId),
    daysOfCampaigns(db, [campaign.id]),
    repo.countGardensGreened(db, campaign.id),
    unitsOfCampaign(db, campaign),
  ]);
  const planned = await streetsOfDays(db, days.map((d) => d.id));
  const byKey = new Map(rows.map((r) => [`${r.dimension}:${r.key}`, r]));
  const streetNames = new Map(streets.map((s) => [s.id, s.name]));
  const countedOnDay = dayStreetRows(rows);
  const total = byKey.get('TOTAL:');
  const garden = byKey.get('ORIGIN:GARDEN');
  const publicSpace = byKey.get('ORIGIN:PUBLIC');
  // Events that say no origin have no rollup of their own: they are what the others leave.
  const unsaid = (of: 'area_cm2' | 'event_count' | 'quantity') => (total?.[of] ?? 0) - (garden?.[of] ?? 0) - (publicSpace?.[of] ?? 0);
  const figure = rankingFigureOf(campaign.kind);
  const sorted = streets
    .map((street): Omit<StreetTotal, 'place'> => {
      const r = byKey.get(`STREET:${street.id}`);
      const area = r?.area_cm2 ?? 0;
      return {
        ...totalOf(r),
        streetId: street.id,
        streetName: street.name,
        householdCount: street.household_count,
        areaCm2PerHousehold: street.household_count ? Math.floor(area / street.household_count) : null,
        units: unitTotalsOf(units, byKey, `STREET_UNIT:${street.id}|`, false),
      };
    })
    .sort((a, b) => b[figure] - a[figure] || a.streetName.localeCompare(b.streetName, 'nl'));
  const places = placesByFigure(sorted.map((s) => s[figure]));
  const streetTotals = sorted.map((s, i): StreetTotal => ({ ...s, place: places[i]! }));
  const dayTotals = days.map((day): DayTotal => {
    const plannedStreets = planned.filter((p) => p.day_id === day.id).map((p) => p.street_id);
    return {
      ...totalOf(byKey.get(`DAY:${day.id}`)),
      day,
      units: unitTotalsOf(units, byKey, `DAY_UNIT:${day.id}|`, false),
      streets: dayStreetsOf(plannedStreets, countedOnDay.get(day.id) ?? new Map(), streetNames),
    };
  });
  return {
    campaign,
    kind: campaign.kind,
    units: unitTotalsOf(units, byKey, 'UNIT:', true),
    total: totalOf(total),
    byOrigin: {
      garden: totalOf(garden),
      publicSpace: totalOf(publicSpace),
      notSaid: totalOf({ area_cm2: unsaid('area_cm2'), event_count: unsaid('event_count'), quantity: unsaid('quantity') }),
    },
    gardensGreened,
    // Only tiles have an area to aim for; a clean-up's targets are its units'.
    targetAreaCm2: campaign.kind === 'TEGELWIPPEN' ? (campaign.targetAreaCm2 ?? 0) : 0,
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
  if (!campaign || !isCountingKind(campaign.kind) || !(isManager || isParticipantOf(viewer, campaign.id))) throw notFound('Deze actie');
  const figure = rankingFigureOf(campaign.kind);
  const [progress, ranked] = await Promise.all([progressOf(db, campaign), repo.topParticipants(db, campaign.id, Math.min(top, MAX_RANKING), figure)]);
  const totals = ranked.map(totalOf);
  const places = placesByFigure(totals.map((t) => t[figure]));
  const topParticipants = ranked.map((r, index): RankedParticipant => {
    const isSelf = viewer.kind === 'participant' && viewer.participantId === r.participant_id;
    return {
      ...totals[index]!,
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
  if (!campaign || !isCountingKind(campaign.kind) || !campaign.publicProgress || campaign.status === 'DRAFT') throw notFound('Deze voortgang');
  return progressOf(db, campaign);
}

