/**
 * The SQL behind the console's lists of findings: one filter (street, spot type, theme,
 * rating, status, partner) applied in the database to a page, its total, the counts per
 * theme and rating, and the positions for the map. Every column is named with its table,
 * because the map's query joins spot and street, which have columns of the same names.
 */
import { sql, type ExpressionBuilder, type Expression, type SqlBool } from 'kysely';
import type { Database, DbOrTrx } from '../../db/database.js';
import { keysetPage, type KeysetPage } from '../../db/keyset.js';
import type { Theme } from '../checklist/checklist.table.js';
import type { SpotType } from '../spot/spot.table.js';
import type { FindingRow, FindingStatus, Rating } from './finding.table.js';

/** Whose findings: one campaign's (or one participant's in it), or those routed to an organisation. */
export interface FindingListScope {
  campaignId?: string;
  participantId?: string;
  routedOrganisationId?: string;
}

/** What the console filters on; an absent key does not filter. */
export interface FindingListFilter {
  streetId?: string;
  spotType?: SpotType;
  /** The theme the recorder chose (the `category` column). */
  theme?: Theme;
  /** A rating, or null for findings without one. */
  rating?: Rating | null;
  status?: FindingStatus;
  /** An organisation, or null for findings not routed to anyone. */
  routedTo?: string | null;
}

type FindingEb = ExpressionBuilder<Database, 'finding'>;

function matches(eb: FindingEb, scope: FindingListScope, filter: FindingListFilter): Expression<SqlBool> {
  const parts: Expression<SqlBool>[] = [];
  if (scope.campaignId) parts.push(eb('finding.campaign_id', '=', scope.campaignId));
  if (scope.participantId) parts.push(eb('finding.participant_id', '=', scope.participantId));
  if (scope.routedOrganisationId) parts.push(eb('finding.routed_organisation_id', '=', scope.routedOrganisationId));
  if (filter.streetId) parts.push(eb('finding.street_id', '=', filter.streetId));
  if (filter.spotType) parts.push(eb('finding.spot_id', 'in', eb.selectFrom('spot').select('spot.id').where('spot.type', '=', filter.spotType)));
  if (filter.theme) parts.push(eb('finding.category', '=', filter.theme));
  if (filter.rating !== undefined) parts.push(filter.rating === null ? eb('finding.rating', 'is', null) : eb('finding.rating', '=', filter.rating));
  if (filter.status) parts.push(eb('finding.status', '=', filter.status));
  if (filter.routedTo !== undefined) {
    parts.push(filter.routedTo === null ? eb('finding.routed_organisation_id', 'is', null) : eb('finding.routed_organisation_id', '=', filter.routedTo));
  }
  return eb.and(parts);
}

const filtered = (db: DbOrTrx, scope: FindingListScope, filter: FindingListFilter) => db.selectFrom('finding').where((eb) => matches(eb, scope, filter));

/** One page, newest first (by server time, then id). */
export async function listFindingPage(db: DbOrTrx, scope: FindingListScope, filter: FindingListFilter, page: KeysetPage): Promise<FindingRow[]> {
  return filtered(db, scope, filter)
    .selectAll('finding')
    .$call(keysetPage(['finding.server_time', 'finding.id'], page, { newestFirst: true }))
    .execute();
}

export async function countFindings(db: DbOrTrx, scope: FindingListScope, filter: FindingListFilter): Promise<number> {
  const row = await filtered(db, scope, filter)
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export interface ThemeRatingCountRow {
  theme: Theme;
  rating: Rating | null;
  count: number;
}

/** How many findings per theme and rating (null: no rating); combinations with none are left out. */
export async function countByThemeAndRating(db: DbOrTrx, scope: FindingListScope, filter: FindingListFilter): Promise<ThemeRatingCountRow[]> {
  const rows = await filtered(db, scope, filter)
    .select((eb) => ['finding.category as theme', 'finding.rating as rating', eb.fn.countAll<number | string>().as('count')])
    .groupBy(['finding.category', 'finding.rating'])
    .orderBy('finding.category')
    .orderBy('finding.rating')
    .execute();
  return rows.map((r) => ({ theme: r.theme, rating: r.rating, count: Number(r.count) }));
}

export interface FindingPositionRow {
  id: string;
  /** The finding's place in the filtered list, newest first, from 1: the number in the table. */
  number: number;
  lat: number;
  lon: number;
  rating: Rating | null;
  status: FindingStatus;
  theme: Theme;
  place: string | null;
}

/**
 * Where the filtered findings are: a finding's own location, else its spot's. Findings with
 * neither are left out, but keep their number, so the map's numbers are the table's.
 */
export async function findingPositions(db: DbOrTrx, scope: FindingListScope, filter: FindingListFilter, limit: number): Promise<{ rows: FindingPositionRow[]; placed: number }> {
  const ownPlace = sql<boolean>`finding.lat is not null and finding.lon is not null`;
  const numbered = filtered(db, scope, filter)
    .leftJoin('spot', 'spot.id', 'finding.spot_id')
    .leftJoin('street', 'street.id', 'finding.street_id')
    .select((eb) => [
      'finding.id as id',
      'finding.rating as rating',
      'finding.status as status',
      'finding.category as theme',
      eb.fn.coalesce('spot.name', 'street.name').as('place'),
      sql<number | null>`case when ${ownPlace} then finding.lat else spot.lat end`.as('lat'),
      sql<number | null>`case when ${ownPlace} then finding.lon else spot.lon end`.as('lon'),
      sql<number>`row_number() over (order by finding.server_time desc, finding.id desc)`.as('number'),
    ]);
  const placedOnly = db
    .selectFrom(numbered.as('numbered'))
    .where('numbered.lat', 'is not', null)
    .where('numbered.lon', 'is not', null);
  const [rows, count] = await Promise.all([
    placedOnly.selectAll('numbered').orderBy('numbered.number').limit(limit).execute(),
    placedOnly.select((eb) => eb.fn.countAll<number | string>().as('count')).executeTakeFirstOrThrow(),
  ]);
  return {
    rows: rows.map((r) => ({ ...r, number: Number(r.number), lat: r.lat!, lon: r.lon! })),
    placed: Number(count.count),
  };
}
