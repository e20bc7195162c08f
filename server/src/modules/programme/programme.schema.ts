/**
 * GraphQL for the programme's results (Query.programmeResults): per year, participation
 * per activity, tiles against targets, the clean-ups' counts per unit, findings and their follow-up, satisfaction from the
 * questionnaires, and the schouw scores per theme, over all campaigns of a neighbourhood
 * that started.
 *
 * Who sees them: the neighbourhood's coordinators and admins. Every type below carries the
 * coordinator scope, and the service checks the neighbourhood; partners and participants
 * get NOT_FOUND, the same answer as for a neighbourhood that does not exist.
 */
import { CM2_PER_M2, NK_TILES_PER_M2 } from '@buurtkracht/protocol/tile-sizes';
import { builder } from '../../graphql/builder.js';
import { CampaignKindEnum, CampaignStatusEnum } from '../campaign/campaign.schema.js';
import { ThemeEnum } from '../checklist/checklist.schema.js';
import { RatingEnum } from '../finding/finding.schema.js';
import { NeighbourhoodRef } from '../neighbourhood/neighbourhood.schema.js';
import { TallyUnitEnum } from '../tally/tally-unit.schema.js';
import type { ActivityFigures, CleanupFigures, CleanupUnitFigures, FindingFigures, SatisfactionFigures, TegelwipFigures } from './programme-figures.js';
import * as service from './programme.service.js';

const coordinators = { coordinator: true } as const;
const m2 = (cm2: number) => cm2 / CM2_PER_M2;

const HouseholdsUnknownEnum = builder.enumType('HouseholdsUnknown', {
  description: 'Why the number of households is not given.',
  values: {
    NO_ADDRESSES: { description: 'This activity asks no address (a schouw walker gives none).' },
    PERSONAL_DATA_ERASED: { description: "A campaign's personal data, its addresses with it, was erased after it closed." },
  } as const,
});

const ProgrammeCampaignRef = builder.objectRef<service.ProgrammeCampaign>('ProgrammeCampaign').implement({
  description: 'A campaign whose figures are in a year.',
  authScopes: coordinators,
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    kind: t.expose('kind', { type: CampaignKindEnum }),
    status: t.expose('status', { type: CampaignStatusEnum }),
    personalDataErasedAt: t.expose('personalDataErasedAt', { type: 'DateTime', nullable: true, description: 'When its personal data was erased; null while it is kept.' }),
  }),
});

const ActivityFiguresRef = builder.objectRef<ActivityFigures>('ActivityFigures').implement({
  description: "Participation in one activity (campaign kind) in a year, its campaigns' numbers added up.",
  authScopes: coordinators,
  fields: (t) => ({
    kind: t.expose('kind', { type: CampaignKindEnum }),
    campaigns: t.exposeInt('campaigns'),
    signups: t.exposeInt('signups', { description: 'Sign-ups that were not cancelled.' }),
    participants: t.exposeInt('participants', { description: 'People who joined in the app, per campaign: someone in two campaigns counts twice.' }),
    households: t.exposeInt('households', {
      nullable: true,
      description: 'Different addresses (street and house number) of sign-ups and of what was counted (tiles, clean-up); null when not known (see householdsUnknown).',
    }),
    householdsUnknown: t.expose('householdsUnknown', { type: HouseholdsUnknownEnum, nullable: true }),
  }),
});

const TegelwipFiguresRef = builder.objectRef<TegelwipFigures>('TegelwipYearFigures').implement({
  description: "A year's tegelwippen: removed paving against the campaigns' targets.",
  authScopes: coordinators,
  fields: (t) => ({
    areaCm2: t.exposeInt('areaCm2'),
    areaM2: t.float({ resolve: (f) => m2(f.areaCm2) }),
    nkTiles: t.exposeInt('nkTiles', { description: `30×30 tile equivalents of the total, ${NK_TILES_PER_M2} per m² (NK Tegelwippen).` }),
    targetAreaCm2: t.exposeInt('targetAreaCm2', { description: "The campaigns' targets added up." }),
    targetAreaM2: t.float({ resolve: (f) => m2(f.targetAreaCm2) }),
    progressPercent: t.float({ nullable: true, description: 'Null without a target.', resolve: (f) => (f.targetAreaCm2 > 0 ? Math.round((f.areaCm2 / f.targetAreaCm2) * 1000) / 10 : null) }),
    gardensGreened: t.exposeInt('gardensGreened', { description: 'Per campaign the addresses where garden tiles were counted, added up; kept through retention.' }),
  }),
});

const CleanupUnitFiguresRef = builder.objectRef<CleanupUnitFigures>('CleanupUnitYearFigures').implement({
  description: "One unit of a year's clean-up actions (bags, bulky items, gardens helped) against the targets.",
  authScopes: coordinators,
  fields: (t) => ({
    unit: t.expose('unit', { type: TallyUnitEnum }),
    quantity: t.exposeInt('quantity', { description: 'The net count over the clean-up actions of the year, corrections included.' }),
    target: t.exposeInt('target', { nullable: true, description: "The actions' targets added up; null unless every action counting this unit set one." }),
    progressPercent: t.float({ nullable: true, description: 'quantity / target, one decimal; null without a target.', resolve: (u) => (u.target ? Math.round((u.quantity / u.target) * 1000) / 10 : null) }),
  }),
});

const CleanupFiguresRef = builder.objectRef<CleanupFigures>('CleanupYearFigures').implement({
  description: "A year's clean-up actions (opruimacties): what was counted per unit.",
  authScopes: coordinators,
  fields: (t) => ({
    units: t.field({ type: [CleanupUnitFiguresRef], description: 'Every unit one of the actions counts, in the order of the units.', resolve: (f) => f.units }),
  }),
});

const FindingFiguresRef = builder.objectRef<FindingFigures>('FindingYearFigures').implement({
  description: "A year's findings and their follow-up.",
  authScopes: coordinators,
  fields: (t) => ({
    count: t.exposeInt('count'),
    handled: t.exposeInt('handled', { description: 'Findings whose status now is handled (AFGEHANDELD or NIET_OPPAKBAAR).' }),
    handledShare: t.exposeFloat('handledShare', { nullable: true, description: 'handled / count, from 0 to 1; null without findings.' }),
    medianDaysToHandle: t.exposeFloat('medianDaysToHandle', {
      nullable: true,
      description: 'Median days from the server receiving a handled finding to its newest change to a handled status, one decimal; null when none is handled.',
    }),
  }),
});

const SatisfactionUnknownEnum = builder.enumType('SatisfactionUnknown', {
  description: "Why a year's satisfaction figures are not given.",
  values: {
    NO_QUESTIONNAIRE: { description: "None of the year's campaigns asked a questionnaire." },
    NO_SCALE_ANSWERS: { description: 'The questionnaires got no answer to a 1–5 satisfaction question (SCALE).' },
  } as const,
});

const SatisfactionFiguresRef = builder.objectRef<SatisfactionFigures>('SatisfactionYearFigures').implement({
  description: "A year's satisfaction: the answers to the 1–5 questions (SCALE) of its campaigns' questionnaires, by the app and the public link together.",
  authScopes: coordinators,
  fields: (t) => ({
    responses: t.exposeInt('responses', { nullable: true, description: 'Responses to the questionnaires; null when no campaign of the year asked one.' }),
    scaleAnswers: t.exposeInt('scaleAnswers', { nullable: true, description: 'Answers to SCALE questions, each counting once; null when no campaign of the year asked a questionnaire.' }),
    satisfiedShare: t.exposeFloat('satisfiedShare', { nullable: true, description: 'The share of those answers that is 4 or 5 (satisfied or very satisfied), from 0 to 1; null without SCALE answers.' }),
    median: t.exposeInt('median', { nullable: true, description: 'The median answer, 1–5, the lower middle for an even count; null without SCALE answers.' }),
    satisfactionUnknown: t.expose('satisfactionUnknown', { type: SatisfactionUnknownEnum, nullable: true, description: 'Why the figures are null; null when they are given.' }),
  }),
});

const ThemeYearRatingCountRef = builder.objectRef<service.ThemeYearScore['distribution'][number]>('ThemeYearRatingCount').implement({
  description: 'How many current answers of a year gave this rating.',
  fields: (t) => ({
    rating: t.expose('rating', { type: RatingEnum }),
    count: t.exposeInt('count'),
  }),
});

const ThemeYearScoreRef = builder.objectRef<service.ThemeYearScore>('ThemeYearScore').implement({
  description: "A theme's score over all schouws of a year: the median level of their current ratings (the schouw score rule).",
  authScopes: coordinators,
  fields: (t) => ({
    theme: t.expose('theme', { type: ThemeEnum }),
    level: t.expose('level', { type: RatingEnum, nullable: true, description: 'Null when there are only NVT answers.' }),
    observationCount: t.exposeInt('observationCount', { description: 'The ratings A+ … D the level is the median of.' }),
    distribution: t.field({ type: [ThemeYearRatingCountRef], description: 'Every rating of the scale in scale order (A_PLUS … D, then NVT), zeros included.', resolve: (s) => s.distribution }),
  }),
});

const ProgrammeYearRef = builder.objectRef<service.ProgrammeYear>('ProgrammeYear').implement({
  description: 'The figures of one year: the campaigns whose first day is in it (or that were made in it, when they have no days).',
  authScopes: coordinators,
  fields: (t) => ({
    year: t.exposeInt('year'),
    campaigns: t.field({ type: [ProgrammeCampaignRef], resolve: (y) => y.campaigns }),
    activities: t.field({ type: [ActivityFiguresRef], description: 'Per activity that had a campaign, schouw first.', resolve: (y) => y.activities }),
    tegelwippen: t.field({ type: TegelwipFiguresRef, nullable: true, description: 'Null when the year had no tegelwip campaign.', resolve: (y) => y.tegelwippen }),
    opruimen: t.field({ type: CleanupFiguresRef, nullable: true, description: 'Null when the year had no clean-up action.', resolve: (y) => y.opruimen }),
    findings: t.field({ type: FindingFiguresRef, resolve: (y) => y.findings }),
    satisfaction: t.field({ type: SatisfactionFiguresRef, resolve: (y) => y.satisfaction }),
    themeScores: t.field({ type: [ThemeYearScoreRef], description: 'Per theme that was rated, in the order of the plan.', resolve: (y) => y.themeScores }),
  }),
});

const ProgrammeResultsRef = builder.objectRef<service.ProgrammeResults>('ProgrammeResults').implement({
  description: "A neighbourhood's results over all its campaigns and years.",
  authScopes: coordinators,
  fields: (t) => ({
    neighbourhood: t.field({ type: NeighbourhoodRef, resolve: (r) => r.neighbourhood }),
    years: t.field({ type: [ProgrammeYearRef], description: 'Oldest first; years without a campaign that started are left out.', resolve: (r) => r.years }),
  }),
});

builder.queryField('programmeResults', (t) =>
  t.field({
    type: ProgrammeResultsRef,
    description: "Coordinators of the neighbourhood and admins: the programme's results per year.",
    authScopes: coordinators,
    args: { neighbourhoodId: t.arg.id() },
    resolve: (_root, { neighbourhoodId }, ctx) => service.programmeResults(ctx.db, ctx.viewer, String(neighbourhoodId)),
  }),
);
