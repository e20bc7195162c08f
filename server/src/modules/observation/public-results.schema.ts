/**
 * GraphQL for the public results of a schouw (publicSchouwResults, no sign-in) and the
 * coordinator's marks on photos fit for them (setFindingPhotoPublic, Finding.publicPhotoIds).
 * Every type here holds only what the public page shows: no names, no house numbers, no
 * text written by residents.
 */
import { managesNeighbourhood } from '../../auth/viewer.js';
import { builder } from '../../graphql/builder.js';
import { CampaignDayRef, CampaignStatusEnum } from '../campaign/campaign.schema.js';
import { loadCampaign } from '../campaign/campaign.service.js';
import { ThemeEnum } from '../checklist/checklist.schema.js';
import { ActionItemStatusEnum } from '../finding/action-plan.schema.js';
import { FindingRef, FindingStatusEnum, RatingEnum, str } from '../finding/finding.schema.js';
import type { Score } from './scores.service.js';
import * as service from './public-results.service.js';

type Results = service.PublicSchouwResults;

const PublicScoreChangeEnum = builder.enumType('PublicScoreChange', {
  description: 'How a score compares with the previous schouw.',
  values: { UP: { description: 'Better (↑).' }, DOWN: { description: 'Worse (↓).' }, SAME: { description: 'The same (=).' } } as const,
});

const PublicRatingCountRef = builder.objectRef<Score['distribution'][number]>('PublicRatingCount').implement({
  fields: (t) => ({ rating: t.expose('rating', { type: RatingEnum }), count: t.exposeInt('count') }),
});

const PublicScoreRef = builder.objectRef<Score>('PublicScore').implement({
  description: 'The median CROW level of the current ratings (as Campaign.scores), with how the ratings are spread and the level on the previous schouw.',
  fields: (t) => ({
    level: t.expose('level', { type: RatingEnum, nullable: true, description: 'Null when there are no ratings A+ … D.' }),
    distribution: t.field({ type: [PublicRatingCountRef], description: 'Every rating of the scale in scale order (A_PLUS … D, then NVT).', resolve: (s) => s.distribution }),
    observationCount: t.exposeInt('observationCount', { description: 'How many ratings A+ … D the level is the median of.' }),
    previousLevel: t.expose('previousLevel', { type: RatingEnum, nullable: true }),
    change: t.expose('change', { type: PublicScoreChangeEnum, nullable: true, description: 'Null when this or the previous level is missing.' }),
  }),
});

const PublicThemeScoreRef = builder.objectRef<Results['themes'][number]>('PublicThemeScore').implement({
  fields: (t) => ({ theme: t.expose('theme', { type: ThemeEnum }), score: t.field({ type: PublicScoreRef, resolve: (s) => s.score }) }),
});

const PublicStreetScoreRef = builder.objectRef<Results['streets'][number]>('PublicStreetScore').implement({
  fields: (t) => ({ streetName: t.exposeString('streetName'), score: t.field({ type: PublicScoreRef, resolve: (s) => s.score }) }),
});

const PublicStatusCountRef = builder.objectRef<Results['findings']['byStatus'][number]>('PublicFindingStatusCount').implement({
  fields: (t) => ({ status: t.expose('status', { type: FindingStatusEnum }), count: t.exposeInt('count') }),
});

const PublicFindingCountsRef = builder.objectRef<Results['findings']>('PublicFindingCounts').implement({
  fields: (t) => ({
    total: t.exposeInt('total'),
    handled: t.exposeInt('handled', { description: 'AFGEHANDELD or NIET_OPPAKBAAR (with the reason told to the reporter).' }),
    byStatus: t.field({ type: [PublicStatusCountRef], description: 'Statuses that occur, with their counts.', resolve: (f) => f.byStatus }),
  }),
});

const PublicActionItemRef = builder.objectRef<Results['actionItems'][number]>('PublicActionItem').implement({
  description: 'An action plan item as the public sees it: no owner, only the organisation.',
  fields: (t) => ({
    id: t.exposeID('id'),
    title: t.exposeString('title'),
    status: t.expose('status', { type: ActionItemStatusEnum }),
    publicMessage: t.exposeString('publicMessage', { nullable: true }),
    organisationName: t.exposeString('organisationName', { nullable: true }),
    dueDate: t.exposeString('dueDate', { nullable: true, description: 'YYYY-MM-DD' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
  }),
});

const PublicPhotoRef = builder.objectRef<Results['photos'][number]>('PublicPhoto').implement({
  description: 'A photo a coordinator marked for the public results; fetch it from /media/{id}.',
  fields: (t) => ({
    id: t.exposeID('id'),
    theme: t.expose('theme', { type: ThemeEnum }),
    streetName: t.exposeString('streetName', { nullable: true }),
    findingStatus: t.expose('findingStatus', { type: FindingStatusEnum }),
  }),
});

const PublicSchouwResultsRef = builder.objectRef<Results>('PublicSchouwResults').implement({
  description: 'The public results of a schouw: no names, no house numbers, no text written by residents.',
  fields: (t) => ({
    campaignName: t.exposeString('campaignName'),
    campaignStatus: t.expose('campaignStatus', { type: CampaignStatusEnum }),
    days: t.field({ type: [CampaignDayRef], description: 'The walk dates.', resolve: (r) => r.days }),
    previousSchouwName: t.exposeString('previousSchouwName', { nullable: true, description: 'The schouw the levels are compared with.' }),
    overall: t.field({ type: PublicScoreRef, nullable: true, description: 'Null while the schouw still runs (running scores would steer the walkers); themes and streets are then empty.', resolve: (r) => r.overall }),
    themes: t.field({ type: [PublicThemeScoreRef], description: 'Per theme (checklist section), in the order of the plan.', resolve: (r) => r.themes }),
    streets: t.field({ type: [PublicStreetScoreRef], description: 'Per street with at least 3 ratings, by name (fewer would show single walkers\' answers).', resolve: (r) => r.streets }),
    findings: t.field({ type: PublicFindingCountsRef, resolve: (r) => r.findings }),
    actionItems: t.field({ type: [PublicActionItemRef], description: 'The action plan, by due date.', resolve: (r) => r.actionItems }),
    photos: t.field({ type: [PublicPhotoRef], description: 'Photos marked public by a coordinator.', resolve: (r) => r.photos }),
  }),
});

builder.queryFields((t) => ({
  publicSchouwResults: t.field({
    type: PublicSchouwResultsRef,
    description: 'The public results page of a schouw; NOT_FOUND unless a coordinator switched it on (and never for a draft).',
    authScopes: { public: true },
    args: { campaignId: t.arg.id() },
    resolve: (_root, args, ctx) => service.publicSchouwResults(ctx.db, str(args.campaignId)),
  }),
}));

builder.objectField(FindingRef, 'publicPhotoIds', (t) =>
  t.field({
    type: ['ID'],
    description: "Coordinators: the finding's photos marked for the public results (empty for everyone else).",
    resolve: async (finding, _args, ctx) => {
      const campaign = await loadCampaign(ctx.db, finding.campaignId);
      if (!campaign || !managesNeighbourhood(ctx.viewer, campaign.neighbourhoodId)) return [];
      return (await service.markedPhotoIdsOf(ctx.db, [finding.id])).map((p) => p.photoId);
    },
  }),
);

builder.mutationFields((t) => ({
  setFindingPhotoPublic: t.field({
    type: FindingRef,
    description: "Coordinators: shows a finding's photo on the public results of its schouw (public: true), or no longer.",
    authScopes: { coordinator: true },
    args: { findingId: t.arg.id(), photoId: t.arg.id(), public: t.arg.boolean() },
    resolve: (_root, args, ctx) => service.setFindingPhotoPublic(ctx.db, ctx.viewer, { findingId: str(args.findingId), photoId: str(args.photoId), public: args.public, requestId: ctx.requestId }),
  }),
}));
