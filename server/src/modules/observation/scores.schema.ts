/**
 * GraphQL for the schouw scores (Campaign.scores): per campaign, theme, street, spot and
 * theme × street, each with its distribution and the change since the previous schouw.
 *
 * Who sees them: the neighbourhood's coordinators (and admins). Walkers of the schouw do
 * not: while the walk is open, a running score would anchor the judgement of whoever
 * walks next, and a spot's distribution with one or two ratings shows another walker's
 * own answers, which the observation rules keep to that walker. Residents see results on
 * the public results page once a coordinator switches it on.
 */
import { builder } from '../../graphql/builder.js';
import { CampaignRef } from '../campaign/campaign.schema.js';
import { ThemeEnum } from '../checklist/checklist.schema.js';
import { RatingEnum } from '../finding/finding.schema.js';
import { StreetRef } from '../neighbourhood/neighbourhood.schema.js';
import { streetsByIds } from '../neighbourhood/neighbourhood.service.js';
import { SpotRef } from '../spot/spot.schema.js';
import { spotsByIds } from '../spot/spot.service.js';
import * as service from './scores.service.js';

const ScoreChangeEnum = builder.enumType('ScoreChange', {
  description: 'How a score compares with the same score on the previous schouw.',
  values: {
    UP: { description: 'Better than last time (e.g. C → B).' },
    DOWN: { description: 'Worse than last time.' },
    SAME: { description: 'The same level as last time.' },
  } as const,
});

const RatingCountRef = builder.objectRef<service.Score['distribution'][number]>('RatingCount').implement({
  description: 'How many current answers gave this rating.',
  fields: (t) => ({
    rating: t.expose('rating', { type: RatingEnum }),
    count: t.exposeInt('count'),
  }),
});

const ScoreRef = builder.objectRef<service.Score>('Score').implement({
  description:
    'The median CROW level of the current ratings (A+ … D; NVT not counted; with an even number the worse of the two middle levels), with the distribution behind it and the same score on the previous schouw.',
  fields: (t) => ({
    level: t.expose('level', { type: RatingEnum, nullable: true, description: 'Null when there are no ratings A+ … D.' }),
    distribution: t.field({ type: [RatingCountRef], description: 'Every rating of the scale in scale order (A_PLUS … D, then NVT), zeros included.', resolve: (s) => s.distribution }),
    observationCount: t.exposeInt('observationCount', { description: 'How many ratings A+ … D the level is the median of.' }),
    previousLevel: t.expose('previousLevel', { type: RatingEnum, nullable: true, description: 'The same score on the previous schouw of the neighbourhood.' }),
    change: t.expose('change', { type: ScoreChangeEnum, nullable: true, description: 'Null when this or the previous score is missing.' }),
  }),
});

type SchouwScoresShape = service.SchouwScores;

const ThemeScoreRef = builder.objectRef<SchouwScoresShape['themes'][number]>('ThemeScore').implement({
  fields: (t) => ({
    theme: t.expose('theme', { type: ThemeEnum }),
    score: t.field({ type: ScoreRef, resolve: (s) => s.score }),
  }),
});

const loadStreets = (ids: string[], ctx: { db: Parameters<typeof streetsByIds>[0] }) => streetsByIds(ctx.db, ids);

const StreetScoreRef = builder.objectRef<SchouwScoresShape['streets'][number]>('StreetScore').implement({
  fields: (t) => ({
    street: t.loadable({ type: StreetRef, load: loadStreets, sort: (s) => s.id, resolve: (s) => s.streetId }),
    score: t.field({ type: ScoreRef, resolve: (s) => s.score }),
  }),
});

const SpotScoreRef = builder.objectRef<SchouwScoresShape['spots'][number]>('SpotScore').implement({
  fields: (t) => ({
    spot: t.loadable({ type: SpotRef, load: (ids: string[], ctx) => spotsByIds(ctx.db, ids), sort: (s) => s.id, resolve: (s) => s.spotId }),
    score: t.field({ type: ScoreRef, resolve: (s) => s.score }),
  }),
});

const CellScoreRef = builder.objectRef<SchouwScoresShape['cells'][number]>('ThemeStreetScore').implement({
  description: 'The score of one theme in one street.',
  fields: (t) => ({
    theme: t.expose('theme', { type: ThemeEnum }),
    street: t.loadable({ type: StreetRef, load: loadStreets, sort: (s) => s.id, resolve: (s) => s.streetId }),
    score: t.field({ type: ScoreRef, resolve: (s) => s.score }),
  }),
});

const PreviousSchouwRef = builder.objectRef<NonNullable<SchouwScoresShape['previousCampaign']>>('PreviousSchouw').implement({
  description: 'The schouw the scores are compared with: the newest schouw of the neighbourhood created before this one.',
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

const SchouwScoresRef = builder.objectRef<SchouwScoresShape>('SchouwScores').implement({
  description: "A schouw's scores from its current ratings, each beside the same score on the previous schouw.",
  authScopes: { coordinator: true },
  fields: (t) => ({
    previousSchouw: t.field({ type: PreviousSchouwRef, nullable: true, description: 'Null when this is the first schouw of the neighbourhood.', resolve: (s) => s.previousCampaign }),
    overall: t.field({ type: ScoreRef, description: 'The whole schouw.', resolve: (s) => s.overall }),
    themes: t.field({ type: [ThemeScoreRef], description: 'Per theme (checklist section), in the order of the plan.', resolve: (s) => s.themes }),
    streets: t.field({ type: [StreetScoreRef], description: "Per street (a spot counts for the street it has now).", resolve: (s) => s.streets }),
    spots: t.field({ type: [SpotScoreRef], description: 'Per spot rated on this or the previous schouw.', resolve: (s) => s.spots }),
    cells: t.field({ type: [CellScoreRef], description: 'Per theme and street, for the combinations that were rated.', resolve: (s) => s.cells }),
  }),
});

builder.objectFields(CampaignRef, (t) => ({
  scores: t.field({
    type: SchouwScoresRef,
    nullable: true,
    description: "Coordinators: the schouw's scores; null for a tegelwip campaign.",
    authScopes: { coordinator: true },
    resolve: (campaign, _args, ctx) => service.schouwScores(ctx.db, ctx.viewer, campaign),
  }),
}));
