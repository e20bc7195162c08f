/**
 * The programme's figures made from the raw rows of programme.repo.ts, per year, without
 * I/O, so each rule is in one place and readable. The rules:
 *
 * - A campaign belongs to the year of its first day (a date in the Netherlands); without
 *   days, to the year it was created in (Dutch time). Not the year it closed: a schouw in
 *   May whose follow-up runs into the next January is still that year's schouw. All its
 *   figures (sign-ups, tiles, findings, scores) go to that one year, so a year's figures add
 *   up to its campaigns.
 * - A household is an address, by the rule in tally/households.ts (shared with the prizes),
 *   from sign-ups and the ledger of tegelwip and clean-up actions. A schouw walker gives no address, and participants in the app never do, so for a
 *   schouw the number of households is not known rather than zero. Once a campaign's
 *   personal data was erased its households are no longer known, and the year says so
 *   instead of showing a number that silently shrank.
 * - Participants are the people who joined a campaign in the app; sign-ups those who signed
 *   up and did not cancel. Both are counted per campaign and added up per activity: the same
 *   person in two schouws of one year counts twice (no one is followed across campaigns).
 * - Tiles are the ledgers' totals; NK tiles are taken of the year's total area (the NK
 *   rounds once, on what is reported). Gardens greened are added up per campaign, as each
 *   campaign's count survives retention while the addresses behind it do not.
 * - A clean-up's figures are per unit (bags, bulky items, gardens helped): the ledgers' net
 *   counts added up over the year's clean-up actions, for every unit one of them counts.
 *   A unit's target is the actions' targets added up only when every action counting it set
 *   one: with part of the targets, all the counts would be measured against too little.
 * - A finding is handled when its status is handled now (HANDLED_STATUSES). Its time to
 *   handle runs from when the server had it to its newest change to a handled status; the
 *   median of those, in days with one decimal (an even count takes the mean of the middle
 *   two: these are durations, not levels on a scale).
 * - Satisfaction is the questionnaires' 1–5 scale (SCALE questions), over every SCALE answer
 *   of every response to the year's campaigns' questionnaires, by the app or the public
 *   link, each answer counting once. Satisfied is 4 or 5 ("tevreden" or "heel tevreden").
 *   The median is the lower middle for an even count (lowerMedianOf): a step people
 *   answered, never "3.5", and when they are split it leans to the less satisfied side,
 *   as the schouw score leans to the worse level. A year whose campaigns asked no
 *   questionnaire has no satisfaction figures at all, not zeros; one with a questionnaire
 *   but no SCALE answers has its responses and no share or median.
 */
import type { CampaignKind } from '../campaign/campaign.table.js';
import { UNITS_OF_KIND, type UnitCode } from '@buurtkracht/protocol/tally-units';
import { isHandledStatus } from '@buurtkracht/protocol/finding-statuses';
import { nkTilesOf } from '@buurtkracht/protocol/tile-sizes';
import { campaignYear } from '../campaign/campaign-year.js';
import { lowerMedianOf } from '../questionnaire/lower-median.js';
import { householdKeysOf } from '../tally/households.js';
import { SCALE_VALUES } from '@buurtkracht/protocol/questionnaire';
import type { CampaignUnitRow } from '../campaign/campaign.table.js';
import type { AddressRow, FindingTimeRow, ProgrammeCampaignRow, QuestionnaireCountRow, TallyTotalRow, UnitQuantityRow } from './programme.repo.js';

export const ACTIVITY_ORDER: readonly CampaignKind[] = ['SCHOUW', 'TEGELWIPPEN', 'OPRUIMEN'];

/** The year a campaign counts in (see above). */
export const yearOf = (campaign: Pick<ProgrammeCampaignRow, 'first_day' | 'created_at'>): number => campaignYear(campaign.first_day, campaign.created_at);

/** Why a number of households is missing. */
export type HouseholdsUnknown = 'NO_ADDRESSES' | 'PERSONAL_DATA_ERASED';

export interface ActivityFigures {
  kind: CampaignKind;
  campaigns: number;
  signups: number;
  participants: number;
  /** Null when not known; householdsUnknown says why. */
  households: number | null;
  householdsUnknown: HouseholdsUnknown | null;
}

export interface TegelwipFigures {
  areaCm2: number;
  nkTiles: number;
  /** The campaigns' targets added up. */
  targetAreaCm2: number;
  gardensGreened: number;
}

export interface CleanupUnitFigures {
  unit: UnitCode;
  /** The net count over the year's clean-up actions (corrections included). */
  quantity: number;
  /** The actions' targets added up when each action counting the unit set one; otherwise null. */
  target: number | null;
}

export interface CleanupFigures {
  /** Every unit one of the year's clean-up actions counts, in the protocol's order. */
  units: CleanupUnitFigures[];
}

export interface FindingFigures {
  count: number;
  handled: number;
  /** handled / count; null without findings. */
  handledShare: number | null;
  /** Null when none is handled. */
  medianDaysToHandle: number | null;
}

/** Why the satisfaction of a year is not given. */
export type SatisfactionUnknown = 'NO_QUESTIONNAIRE' | 'NO_SCALE_ANSWERS';

export interface SatisfactionFigures {
  /** Responses to the year's questionnaires (app and link); null when none of its campaigns asked one. */
  responses: number | null;
  /** Answers to SCALE questions; null when none of its campaigns asked a questionnaire. */
  scaleAnswers: number | null;
  /** The share of those answers that is 4 or 5, from 0 to 1; null without SCALE answers. */
  satisfiedShare: number | null;
  /** 1–5, the lower middle for an even count; null without SCALE answers. */
  median: number | null;
  /** Why the figures above are null; null when they are all given. */
  satisfactionUnknown: SatisfactionUnknown | null;
}

/** The steps of the 1–5 scale that count as satisfied: "tevreden" and "heel tevreden". */
export const SATISFIED_VALUES: readonly number[] = [4, 5];

const sum = (values: Iterable<number>) => [...values].reduce((a, b) => a + b, 0);
const DAY_MS = 86_400_000;

/** The middle value, or the mean of the middle two; null for none. */
export function medianOf(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const oneDecimal = (value: number) => Math.round(value * 10) / 10;

/** Participation per activity of one year's campaigns (kinds without a campaign left out). */
export function activityFigures(
  campaigns: readonly ProgrammeCampaignRow[],
  counts: { participants: Map<string, number>; signups: Map<string, number> },
  addresses: readonly AddressRow[],
): ActivityFigures[] {
  return ACTIVITY_ORDER.flatMap((kind) => {
    const ofKind = campaigns.filter((c) => c.kind === kind);
    if (ofKind.length === 0) return [];
    const ids = new Set(ofKind.map((c) => c.id));
    const households = householdsOf(kind, ofKind, addresses.filter((a) => ids.has(a.campaign_id)));
    return [
      {
        kind,
        campaigns: ofKind.length,
        signups: sum(ofKind.map((c) => counts.signups.get(c.id) ?? 0)),
        participants: sum(ofKind.map((c) => counts.participants.get(c.id) ?? 0)),
        ...households,
      },
    ];
  });
}

function householdsOf(kind: CampaignKind, campaigns: readonly ProgrammeCampaignRow[], addresses: readonly AddressRow[]): Pick<ActivityFigures, 'households' | 'householdsUnknown'> {
  if (kind === 'SCHOUW') return { households: null, householdsUnknown: 'NO_ADDRESSES' };
  if (campaigns.some((c) => c.personal_data_erased_at !== null)) return { households: null, householdsUnknown: 'PERSONAL_DATA_ERASED' };
  return { households: householdKeysOf(addresses).size, householdsUnknown: null };
}

/** The year's tegelwippen against its targets; null when the year had no tegelwip campaign. */
export function tegelwipFigures(campaigns: readonly ProgrammeCampaignRow[], totals: readonly TallyTotalRow[]): TegelwipFigures | null {
  const ofKind = campaigns.filter((c) => c.kind === 'TEGELWIPPEN');
  if (ofKind.length === 0) return null;
  const ids = new Set(ofKind.map((c) => c.id));
  const mine = totals.filter((t) => ids.has(t.campaign_id));
  const areaCm2 = sum(mine.map((t) => t.area_cm2));
  return {
    areaCm2,
    nkTiles: nkTilesOf(areaCm2),
    targetAreaCm2: sum(ofKind.map((c) => c.target_area_cm2 ?? 0)),
    gardensGreened: sum(mine.map((t) => t.gardens_greened)),
  };
}

/** The year's clean-up actions per unit against their targets; null when the year had no clean-up action. */
export function cleanupFigures(campaigns: readonly ProgrammeCampaignRow[], units: readonly Pick<CampaignUnitRow, 'campaign_id' | 'unit_code' | 'target'>[], quantities: readonly UnitQuantityRow[]): CleanupFigures | null {
  const ids = new Set(campaigns.filter((c) => c.kind === 'OPRUIMEN').map((c) => c.id));
  if (ids.size === 0) return null;
  const counted = units.filter((u) => ids.has(u.campaign_id));
  const mine = quantities.filter((q) => ids.has(q.campaign_id));
  return {
    units: UNITS_OF_KIND.OPRUIMEN.flatMap((unit) => {
      const ofUnit = counted.filter((u) => u.unit_code === unit);
      const quantity = sum(mine.filter((q) => q.unit_code === unit).map((q) => q.quantity));
      if (ofUnit.length === 0 && quantity === 0) return [];
      const targets = ofUnit.map((u) => u.target);
      const target = targets.length > 0 && targets.every((t) => t !== null) ? sum(targets as number[]) : null;
      return [{ unit, quantity, target }];
    }),
  };
}

/** The year's findings, how many are handled, and the median time it took. */
export function findingFigures(findings: readonly FindingTimeRow[]): FindingFigures {
  const handled = findings.filter((f) => isHandledStatus(f.status));
  const days = handled.filter((f) => f.handled_at !== null).map((f) => (Date.parse(f.handled_at!) - Date.parse(f.server_time)) / DAY_MS);
  const median = medianOf(days);
  return {
    count: findings.length,
    handled: handled.length,
    handledShare: findings.length > 0 ? handled.length / findings.length : null,
    medianDaysToHandle: median === null ? null : oneDecimal(median),
  };
}

/** The year's satisfaction from its campaigns' questionnaires (see the rule above). */
export function satisfactionFigures(campaigns: readonly ProgrammeCampaignRow[], counts: readonly QuestionnaireCountRow[]): SatisfactionFigures {
  const ids = new Set(campaigns.map((c) => c.id));
  const mine = counts.filter((c) => ids.has(c.campaign_id));
  // A questionnaire that got answers counts even when the campaign no longer names it.
  if (!campaigns.some((c) => c.questionnaire_version_id !== null) && mine.length === 0) {
    return { responses: null, scaleAnswers: null, satisfiedShare: null, median: null, satisfactionUnknown: 'NO_QUESTIONNAIRE' };
  }
  const perValue = SCALE_VALUES.map((value, i) => ({ value, count: sum(mine.map((c) => c.scale[i] ?? 0)) }));
  const scaleAnswers = sum(perValue.map((v) => v.count));
  const satisfied = sum(perValue.filter((v) => SATISFIED_VALUES.includes(v.value)).map((v) => v.count));
  return {
    responses: sum(mine.map((c) => c.responses)),
    scaleAnswers,
    satisfiedShare: scaleAnswers > 0 ? satisfied / scaleAnswers : null,
    median: lowerMedianOf(perValue),
    satisfactionUnknown: scaleAnswers > 0 ? null : 'NO_SCALE_ANSWERS',
  };
}
