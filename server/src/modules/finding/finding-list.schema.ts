/**
 * GraphQL for lists of findings: a campaign's findings and the findings routed to a
 * partner, both filtered and counted on the server, plus the counts per theme and rating
 * and the map positions the console shows for the same filter.
 */
import { z } from 'zod';
import { builder } from '../../graphql/builder.js';
import { TOTAL_COUNT_DESCRIPTION, withTotalCount } from '../../graphql/counted-connection.js';
import { resolveKeysetConnection } from '../../graphql/pagination.js';
import { CampaignRef } from '../campaign/campaign.schema.js';
import { ThemeEnum } from '../checklist/checklist.schema.js';
import { SpotTypeEnum } from '../spot/spot.schema.js';
import * as lists from './finding-list.service.js';
import { FindingRef, FindingStatusEnum, RatingEnum, str } from './finding.schema.js';
import type { ThemeRatingCountRow, FindingPositionRow } from './finding-list.repo.js';

export const FindingFilterInput = builder.inputType('FindingFilterInput', {
  description: 'Narrows a list of findings; fields left out do not filter. All given fields must match.',
  fields: (t) => ({
    streetId: t.id({ required: false }),
    spotType: t.field({ type: SpotTypeEnum, required: false, description: 'Only findings at a spot of this type.' }),
    theme: t.field({ type: ThemeEnum, required: false, description: 'The theme the recorder chose (Finding.category).' }),
    rating: t.field({ type: RatingEnum, required: false }),
    unrated: t.boolean({ required: false, description: 'true: only findings without a rating. Not together with rating.' }),
    status: t.field({ type: FindingStatusEnum, required: false }),
    routedTo: t.id({ required: false, description: 'Only findings routed to this organisation. Staff only: refused for participants.' }),
    notRouted: t.boolean({ required: false, description: 'true: only findings not routed to anyone. Not together with routedTo. Staff only: refused for participants.' }),
  }),
});

type FilterArg = {
  streetId?: string | number | null;
  spotType?: lists.FindingFilter['spotType'];
  theme?: lists.FindingFilter['theme'];
  rating?: lists.FindingFilter['rating'];
  unrated?: boolean | null;
  status?: lists.FindingFilter['status'];
  routedTo?: string | number | null;
  notRouted?: boolean | null;
} | null | undefined;

const toFilter = (filter: FilterArg): lists.FindingFilter | null =>
  filter ? { ...filter, streetId: filter.streetId == null ? null : str(filter.streetId), routedTo: filter.routedTo == null ? null : str(filter.routedTo) } : null;

const ThemeRatingCountRef = builder.objectRef<ThemeRatingCountRow>('FindingThemeRatingCount').implement({
  description: 'How many findings have this theme and rating.',
  fields: (t) => ({
    theme: t.expose('theme', { type: ThemeEnum }),
    rating: t.expose('rating', { type: RatingEnum, nullable: true, description: 'Null: findings without a rating.' }),
    count: t.exposeInt('count'),
  }),
});

const FindingCountsRef = builder.objectRef<lists.FindingCounts>('FindingCounts').implement({
  description: "Counts of a campaign's findings for a filter, made in the database over every finding.",
  authScopes: { coordinator: true },
  fields: (t) => ({
    total: t.int({ resolve: (counts) => counts.total() }),
    byThemeAndRating: t.field({
      type: [ThemeRatingCountRef],
      description: 'Per theme the recorder chose and rating; combinations without findings are left out.',
      resolve: (counts) => counts.byThemeAndRating(),
    }),
  }),
});

const FindingPositionRef = builder.objectRef<FindingPositionRow>('FindingPosition').implement({
  description: 'Where a finding is on the map: its own location, else its spot.',
  fields: (t) => ({
    id: t.exposeID('id'),
    number: t.exposeInt('number', { description: "The finding's place in the filtered list, newest first, counting from 1." }),
    lat: t.exposeFloat('lat'),
    lon: t.exposeFloat('lon'),
    rating: t.expose('rating', { type: RatingEnum, nullable: true }),
    status: t.expose('status', { type: FindingStatusEnum }),
    theme: t.expose('theme', { type: ThemeEnum }),
    place: t.exposeString('place', { nullable: true, description: 'The name of the spot, else of the street.' }),
  }),
});

const FindingPositionsRef = builder.objectRef<lists.FindingPositions>('FindingPositions').implement({
  authScopes: { coordinator: true },
  fields: (t) => ({
    total: t.exposeInt('total', { description: 'The filtered findings, with a position or not.' }),
    placed: t.exposeInt('placed', { description: 'How many of them have a position.' }),
    positions: t.field({ type: [FindingPositionRef], description: 'At most `limit` of the placed findings, newest first.', resolve: (p) => p.positions }),
  }),
});

builder.objectFields(CampaignRef, (t) => ({
  findings: t.connection(
    {
      type: FindingRef,
      description: 'Findings of this schouw, newest first, filtered in the database. Participants may ask for only their own.',
      args: { onlyMine: t.arg.boolean({ required: false }), filter: t.arg({ type: FindingFilterInput, required: false }) },
      resolve: (campaign, args, ctx) => {
        const options = { onlyMine: args.onlyMine ?? false, filter: toFilter(args.filter) };
        return withTotalCount(
          resolveKeysetConnection(args, (page) => lists.listCampaignFindings(ctx.db, ctx.viewer, campaign, page, options), (f) => [f.serverTime, f.id], 2),
          () => lists.countCampaignFindings(ctx.db, ctx.viewer, campaign, options),
        );
      },
    },
    { name: 'FindingConnection', fields: (tc) => ({ totalCount: tc.int({ description: TOTAL_COUNT_DESCRIPTION, resolve: (c) => c.totalCount() }) }) },
    { name: 'FindingEdge' },
  ),
  findingCounts: t.field({
    type: FindingCountsRef,
    description: "Coordinators: how many of this schouw's findings match the filter, per theme and rating.",
    authScopes: { coordinator: true },
    args: { filter: t.arg({ type: FindingFilterInput, required: false }) },
    resolve: (campaign, args, ctx) => lists.campaignFindingCounts(ctx.db, ctx.viewer, campaign, toFilter(args.filter)),
  }),
  findingPositions: t.field({
    type: FindingPositionsRef,
    description: 'Coordinators: where the filtered findings are, for the map, in one answer of at most `limit` (default and most 2000).',
    authScopes: { coordinator: true },
    args: {
      filter: t.arg({ type: FindingFilterInput, required: false }),
      limit: t.arg.int({ required: false, validate: z.number().int().min(1).max(lists.MAX_MAP_POSITIONS).nullish() }),
    },
    resolve: (campaign, args, ctx) => lists.campaignFindingPositions(ctx.db, ctx.viewer, campaign, toFilter(args.filter), args.limit ?? lists.MAX_MAP_POSITIONS),
  }),
}));

builder.queryFields((t) => ({
  routedFindings: t.connection(
    {
      type: FindingRef,
      description: 'Partners: the findings routed to your organisation, newest first.',
      authScopes: { staff: true },
      args: { filter: t.arg({ type: FindingFilterInput, required: false }) },
      resolve: (_root, args, ctx) => {
        const filter = toFilter(args.filter);
        return withTotalCount(
          resolveKeysetConnection(args, (page) => lists.listRoutedFindings(ctx.db, ctx.viewer, page, filter), (f) => [f.serverTime, f.id], 2),
          () => lists.countRoutedFindings(ctx.db, ctx.viewer, filter),
        );
      },
    },
    { name: 'RoutedFindingConnection', fields: (tc) => ({ totalCount: tc.int({ description: TOTAL_COUNT_DESCRIPTION, resolve: (c) => c.totalCount() }) }) },
    { name: 'RoutedFindingEdge' },
  ),
}));
