/**
 * Every SQL statement of the programme's results: the campaigns of a neighbourhood that
 * started, and per campaign the raw counts the figures are made of. Each statement reads
 * all campaigns of the neighbourhood at once and groups in the database, so the page costs
 * a fixed number of queries (the campaigns, then the nine below and the clean-ups' units
 * (campaign-units.repo.ts) side by side; the service adds one to find the neighbourhood) however many campaigns and years the programme has. The figures themselves are made in
 * programme-figures.ts and programme.service.ts.
 */
import { HANDLED_STATUSES } from '@buurtkracht/protocol/finding-statuses';
import { CLEANUP_UNIT_CODES, type UnitCode } from '@buurtkracht/protocol/tally-units';
import type { Rating } from '@buurtkracht/protocol/rating-scale';
import { SCALE_VALUES } from '@buurtkracht/protocol/questionnaire';
import type { Theme } from '@buurtkracht/protocol/themes';
import type { DbOrTrx } from '../../db/database.js';
import type { CampaignKind, CampaignStatus } from '../campaign/campaign.table.js';

export interface ProgrammeCampaignRow {
  id: string;
  kind: CampaignKind;
  name: string;
  status: CampaignStatus;
  created_at: string;
  personal_data_erased_at: string | null;
  target_area_cm2: number | null;
  /** The campaign's earliest day (YYYY-MM-DD), null when it has none. */
  first_day: string | null;
  /** The questionnaire version it asks; null when it asks none. */
  questionnaire_version_id: string | null;
}

/**
 * The neighbourhood's campaigns that started (not drafts: a draft, such as next year's
 * copy, has happened nowhere yet and would add a target with nothing against it).
 */
export async function startedCampaigns(db: DbOrTrx, neighbourhoodId: string): Promise<ProgrammeCampaignRow[]> {
  return db
    .selectFrom('campaign')
    .select(['id', 'kind', 'name', 'status', 'created_at', 'personal_data_erased_at', 'target_area_cm2', 'questionnaire_version_id'])
    .select((eb) => eb.selectFrom('campaign_day').select((e) => e.fn.min<string>('date').as('d')).whereRef('campaign_day.campaign_id', '=', 'campaign.id').as('first_day'))
    .where('neighbourhood_id', '=', neighbourhoodId)
    .where('status', '!=', 'DRAFT')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

const counted = (rows: { campaign_id: string; n: number | string | bigint }[]) => new Map(rows.map((r) => [r.campaign_id, Number(r.n)]));

/** Participant rows per campaign: everyone who joined in the app, erased or not (the rows stay). */
export async function participantCounts(db: DbOrTrx, campaignIds: readonly string[]): Promise<Map<string, number>> {
  if (campaignIds.length === 0) return new Map();
  const rows = await db.selectFrom('participant').select(['campaign_id', (eb) => eb.fn.countAll<number>().as('n')]).where('campaign_id', 'in', campaignIds).groupBy('campaign_id').execute();
  return counted(rows);
}

/** Sign-ups per campaign that were not cancelled (an erased sign-up still counts: it happened). */
export async function signupCounts(db: DbOrTrx, campaignIds: readonly string[]): Promise<Map<string, number>> {
  if (campaignIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('signup')
    .select(['campaign_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('campaign_id', 'in', campaignIds)
    .where('cancelled_at', 'is', null)
    .groupBy('campaign_id')
    .execute();
  return counted(rows);
}

export interface AddressRow {
  campaign_id: string;
  street_id: string;
  house_number: string;
  /**
   * What the ledger counted at this address as typed, net: the area for tiles, the count
   * for clean-up units (which have no area); null for a sign-up. Above zero, it counts.
   */
  area_cm2: number | null;
}

/** The addresses of sign-ups that were not cancelled (as typed; the service makes keys of them). */
export async function signupAddresses(db: DbOrTrx, campaignIds: readonly string[]): Promise<AddressRow[]> {
  if (campaignIds.length === 0) return [];
  const rows = await db
    .selectFrom('signup')
    .select(['campaign_id', 'street_id', 'house_number'])
    .where('campaign_id', 'in', campaignIds)
    .where('cancelled_at', 'is', null)
    .where('street_id', 'is not', null)
    .where('house_number', 'is not', null)
    .execute();
  return rows.map((r) => ({ campaign_id: r.campaign_id, street_id: r.street_id!, house_number: r.house_number!, area_cm2: null }));
}

/** The addresses the ledger names, with the net amount counted at each (corrections included; see AddressRow). */
export async function tallyAddresses(db: DbOrTrx, campaignIds: readonly string[]): Promise<AddressRow[]> {
  if (campaignIds.length === 0) return [];
  const rows = await db
    .selectFrom('tally_event')
    .select([
      'campaign_id',
      'street_id',
      'house_number',
      (eb) => eb.fn.sum<number>(eb.case().when('unit_code', 'in', CLEANUP_UNIT_CODES).then(eb.ref('count')).else(eb.ref('area_cm2')).end()).as('area'),
    ])
    .where('campaign_id', 'in', campaignIds)
    .where('house_number', 'is not', null)
    .groupBy(['campaign_id', 'street_id', 'house_number'])
    .execute();
  return rows.map((r) => ({ campaign_id: r.campaign_id, street_id: r.street_id, house_number: r.house_number!, area_cm2: Number(r.area) }));
}

export interface TallyTotalRow {
  campaign_id: string;
  area_cm2: number;
  /** Addresses whose garden tiles add up to more than nothing (garden-address.ts); survives retention. */
  gardens_greened: number;
}

/** Per campaign the ledger's total and its gardens greened, both from the rollups. */
export async function tallyTotals(db: DbOrTrx, campaignIds: readonly string[]): Promise<TallyTotalRow[]> {
  if (campaignIds.length === 0) return [];
  const rows = await db
    .selectFrom('tally_rollup')
    .select([
      'campaign_id',
      (eb) => eb.fn.sum<number>(eb.case().when('dimension', '=', 'TOTAL').then(eb.ref('area_cm2')).else(0).end()).as('area'),
      (eb) => eb.fn.sum<number>(eb.case().when(eb.and([eb('dimension', '=', 'GARDEN'), eb('area_cm2', '>', 0)])).then(1).else(0).end()).as('gardens'),
    ])
    .where('campaign_id', 'in', campaignIds)
    .where('dimension', 'in', ['TOTAL', 'GARDEN'])
    .groupBy('campaign_id')
    .execute();
  return rows.map((r) => ({ campaign_id: r.campaign_id, area_cm2: Number(r.area ?? 0), gardens_greened: Number(r.gardens ?? 0) }));
}

export interface UnitQuantityRow {
  campaign_id: string;
  unit_code: UnitCode;
  /** The net count of the unit (rollup UNIT). */
  quantity: number;
}

/** Per campaign and unit the net count, from the rollups. */
export async function unitQuantities(db: DbOrTrx, campaignIds: readonly string[]): Promise<UnitQuantityRow[]> {
  if (campaignIds.length === 0) return [];
  const rows = await db.selectFrom('tally_rollup').select(['campaign_id', 'key', 'quantity']).where('campaign_id', 'in', campaignIds).where('dimension', '=', 'UNIT').execute();
  return rows.map((r) => ({ campaign_id: r.campaign_id, unit_code: r.key as UnitCode, quantity: Number(r.quantity) }));
}

export interface FindingTimeRow {
  campaign_id: string;
  status: string;
  /** When the server first had the finding: from then on the team could act on it. */
  server_time: string;
  /** The newest change to a handled status, null when it never was handled. */
  handled_at: string | null;
}

/** Every finding of these campaigns with its current status and when it was last handled. */
export async function findingTimes(db: DbOrTrx, campaignIds: readonly string[]): Promise<FindingTimeRow[]> {
  if (campaignIds.length === 0) return [];
  return db
    .selectFrom('finding')
    .select([
      'finding.campaign_id',
      'finding.status',
      'finding.server_time',
      (eb) =>
        eb
          .selectFrom('finding_status_event')
          .select((e) => e.fn.max<string>('at').as('at'))
          .whereRef('finding_status_event.finding_id', '=', 'finding.id')
          .where('to_status', 'in', HANDLED_STATUSES)
          .as('handled_at'),
    ])
    .where('finding.campaign_id', 'in', campaignIds)
    .execute();
}

export interface ThemeRatingCountRow {
  campaign_id: string;
  theme: Theme;
  rating: Rating;
  count: number;
}

/**
 * Per schouw the current ratings per theme and rating (NVT included), all schouws in one
 * statement. "Current" as the schouw scores count (scores.repo.ts): each walker's newest
 * answer, superseded_by IS NULL; the grouping reads observation_campaign_idx.
 */
export async function themeRatingCounts(db: DbOrTrx, campaignIds: readonly string[]): Promise<ThemeRatingCountRow[]> {
  if (campaignIds.length === 0) return [];
  const rows = await db
    .selectFrom('observation')
    .select(['campaign_id', 'theme', 'rating', (eb) => eb.fn.countAll<number>().as('n')])
    .where('campaign_id', 'in', campaignIds)
    .where('superseded_by', 'is', null)
    .where('rating', 'is not', null)
    .groupBy(['campaign_id', 'theme', 'rating'])
    .execute();
  return rows.map((r) => ({ campaign_id: r.campaign_id, theme: r.theme, rating: r.rating!, count: Number(r.n) }));
}

export interface QuestionnaireCountRow {
  campaign_id: string;
  /** Responses to the campaign's questionnaire, by the app and by the public link. */
  responses: number;
  /** How often each step of the 1–5 scale was answered, over all SCALE questions: scale[0] is 1. */
  scale: number[];
}

/**
 * Per campaign with responses: how many, and how often each 1–5 step was the answer to a
 * SCALE question, in one grouped statement for all campaigns (answers to other questions
 * join in and count for nothing; the responses are counted distinct).
 */
export async function questionnaireCounts(db: DbOrTrx, campaignIds: readonly string[]): Promise<QuestionnaireCountRow[]> {
  if (campaignIds.length === 0) return [];
  const rows = await db
    .selectFrom('questionnaire_response as r')
    .leftJoin('questionnaire_answer as a', 'a.response_id', 'r.id')
    .leftJoin('questionnaire_question as q', 'q.id', 'a.question_id')
    .select((eb) => [
      'r.campaign_id',
      eb.fn.count<number>('r.id').distinct().as('responses'),
      ...SCALE_VALUES.map((value) =>
        eb.fn.sum<number>(eb.case().when(eb.and([eb('q.type', '=', 'SCALE'), eb('a.value', '=', String(value))])).then(1).else(0).end()).as(`scale_${value}` as const),
      ),
    ])
    .where('r.campaign_id', 'in', campaignIds)
    .groupBy('r.campaign_id')
    .execute();
  return rows.map((r) => ({ campaign_id: r.campaign_id, responses: Number(r.responses), scale: SCALE_VALUES.map((value) => Number(r[`scale_${value}`] ?? 0)) }));
}
