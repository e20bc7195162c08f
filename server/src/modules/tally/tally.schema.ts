/** GraphQL types and operations of the tegelwip ledger and its aggregates. */
import { TILE_ORIGINS, type TileOrigin } from '@buurtkracht/protocol/tile-origins';
import { CM2_PER_M2, SIZE_CODE_AREA_CM2, SIZE_CODES } from '@buurtkracht/protocol/tile-sizes';
import { z } from 'zod';
import { managesNeighbourhood } from '../../auth/viewer.js';
import { builder } from '../../graphql/builder.js';
import { CampaignDayRef, CampaignRef } from '../campaign/campaign.schema.js';
import { loadCampaign } from '../campaign/campaign.service.js';
import * as aggregates from './tally-aggregates.service.js';
import * as service from './tally.service.js';

export const TileSizeEnum = builder.enumType('TileSize', {
  description: 'What was counted: a tile or brick size, or AREA for a measured area in cm².',
  values: Object.fromEntries(SIZE_CODES.map((code) => [code, { description: code === 'AREA' ? 'count is the measured area in cm²' : `${SIZE_CODE_AREA_CM2[code]} cm² per piece` }])) as Record<
    (typeof SIZE_CODES)[number],
    { description: string }
  >,
});

const ORIGIN_DESCRIPTIONS: Record<TileOrigin, string> = {
  GARDEN: "from a resident's garden",
  PUBLIC: 'from the public space (pavement, square, verge)',
};

export const TileOriginEnum = builder.enumType('TileOrigin', {
  description: 'Where counted tiles came from. An entry may leave it out (null): not said.',
  values: Object.fromEntries(TILE_ORIGINS.map((origin) => [origin, { description: ORIGIN_DESCRIPTIONS[origin] }])) as Record<TileOrigin, { description: string }>,
});

const m2 = (cm2: number) => cm2 / CM2_PER_M2;

const AreaTotalRef = builder.objectRef<aggregates.AreaTotal>('AreaTotal').implement({
  description: 'An amount of removed paving: exact in cm², in m² for people, and in NK tiles (11 per m²).',
  fields: (t) => ({
    areaCm2: t.exposeInt('areaCm2'),
    areaM2: t.float({ resolve: (a) => m2(a.areaCm2) }),
    nkTiles: t.exposeInt('nkTiles', { description: '30×30 tile equivalents, 11 per m² (NK Tegelwippen convention).' }),
    entries: t.exposeInt('entries', { description: 'Ledger events behind this total (corrections included).' }),
  }),
});

const OriginTotalsRef = builder.objectRef<aggregates.OriginTotals>('OriginTotals').implement({
  description: 'A total split by where the tiles came from; the three add up to the total.',
  fields: (t) => ({
    garden: t.field({ type: AreaTotalRef, description: 'Entries that said the tiles came from a garden.', resolve: (o) => o.garden }),
    publicSpace: t.field({ type: AreaTotalRef, description: 'Entries that said the tiles came from the public space.', resolve: (o) => o.publicSpace }),
    notSaid: t.field({ type: AreaTotalRef, description: 'Entries that did not say where the tiles came from.', resolve: (o) => o.notSaid }),
  }),
});

const StreetTallyRef = builder.objectRef<aggregates.StreetTotal>('StreetTally').implement({
  fields: (t) => ({
    place: t.exposeInt('place', { description: 'Place by area among the streets, most first; streets with as much area share a place (1, 2, 2, 4).' }),
    streetId: t.exposeID('streetId'),
    streetName: t.exposeString('streetName'),
    householdCount: t.exposeInt('householdCount', { nullable: true }),
    total: t.field({ type: AreaTotalRef, resolve: (s) => s }),
    areaM2PerHousehold: t.float({ nullable: true, resolve: (s) => (s.areaCm2PerHousehold === null ? null : m2(s.areaCm2PerHousehold)) }),
  }),
});

const DayTallyRef = builder.objectRef<aggregates.DayTotal>('DayTally').implement({
  fields: (t) => ({
    day: t.field({ type: CampaignDayRef, resolve: (d) => d.day }),
    total: t.field({ type: AreaTotalRef, resolve: (d) => d }),
  }),
});

const ParticipantRankRef = builder.objectRef<aggregates.RankedParticipant>('ParticipantRank').implement({
  authScopes: { $any: { coordinator: true, participant: true } },
  fields: (t) => ({
    rank: t.exposeInt('rank', { description: 'Place by area, most first; participants with as much area share a place (1, 2, 2, 4).' }),
    name: t.exposeString('name', { description: 'The display name when its owner agreed, otherwise a stable pseudonym.' }),
    isPseudonym: t.exposeBoolean('isPseudonym'),
    participantId: t.exposeID('participantId', { nullable: true, description: 'Only for coordinators and for the participant themself.' }),
    total: t.field({ type: AreaTotalRef, resolve: (p) => p }),
  }),
});

const progressFields = <T extends aggregates.TallyProgress>(t: PothosSchemaTypes.ObjectFieldBuilder<any, T>) => ({
  total: t.field({ type: AreaTotalRef, resolve: (p: T) => p.total }),
  byOrigin: t.field({ type: OriginTotalsRef, description: 'The total split by where the tiles came from (garden, public space, not said).', resolve: (p: T) => p.byOrigin }),
  gardensGreened: t.int({
    description: 'Gardens greened: addresses (street and house number) where tiles not from the public space were counted, each once per campaign. Kept when house numbers are erased.',
    resolve: (p: T) => p.gardensGreened,
  }),
  targetAreaCm2: t.int({ resolve: (p: T) => p.targetAreaCm2 }),
  targetAreaM2: t.float({ resolve: (p: T) => m2(p.targetAreaCm2) }),
  progressPercent: t.float({ resolve: (p: T) => (p.targetAreaCm2 > 0 ? Math.round((p.total.areaCm2 / p.targetAreaCm2) * 1000) / 10 : 0) }),
  streets: t.field({ type: [StreetTallyRef], description: 'Every street of the neighbourhood, most area first.', resolve: (p: T) => p.streets }),
  days: t.field({ type: [DayTallyRef], description: 'Every action day, in date order.', resolve: (p: T) => p.days }),
});

const TallyProgressRef = builder.objectRef<aggregates.TallyProgress>('TallyProgress').implement({
  description: 'Public progress of a tegelwip campaign: no names, no house numbers.',
  fields: (t) => ({
    campaignName: t.string({ resolve: (p) => p.campaign.name }),
    ...progressFields(t),
  }),
});

const TallyDashboardRef = builder.objectRef<aggregates.TallyDashboard>('TallyDashboard').implement({
  authScopes: { $any: { coordinator: true, participant: true } },
  fields: (t) => ({
    campaign: t.field({ type: CampaignRef, resolve: (d) => d.campaign }),
    ...progressFields(t),
    topParticipants: t.field({ type: [ParticipantRankRef], description: 'Best first; names only with consent.', resolve: (d) => d.topParticipants }),
  }),
});

export const TallyEventRef = builder.objectRef<service.TallyEvent>('TallyEvent').implement({
  description: 'One entry of the append-only ledger; a correction has a negative count.',
  authScopes: { $any: { coordinator: true, participant: true } },
  fields: (t) => ({
    id: t.exposeID('id'),
    actionDayId: t.exposeID('actionDayId'),
    streetId: t.exposeID('streetId'),
    houseNumber: t.string({
      nullable: true,
      description: 'Coordinators only.',
      resolve: async (event, _args, ctx) => {
        if (ctx.viewer.kind !== 'staff') return null;
        const campaign = await loadCampaign(ctx.db, event.campaignId);
        return campaign && managesNeighbourhood(ctx.viewer, campaign.neighbourhoodId) ? event.houseNumber : null;
      },
    }),
    sizeCode: t.expose('sizeCode', { type: TileSizeEnum }),
    origin: t.expose('origin', { type: TileOriginEnum, nullable: true, description: 'Where the tiles came from; null when not said. A correction has its entry’s origin.' }),
    count: t.exposeInt('count'),
    areaCm2: t.exposeInt('areaCm2'),
    correctsEventId: t.exposeID('correctsEventId', { nullable: true }),
    clientTime: t.expose('clientTime', { type: 'DateTime', nullable: true }),
    serverTime: t.expose('serverTime', { type: 'DateTime' }),
  }),
});

const uuid = z.uuid('Gebruik een geldig id (UUID).');

export const RecordTallyEventInput = builder.inputType('RecordTallyEventInput', {
  fields: (t) => ({
    id: t.id({ description: 'Made on the device (UUIDv7); sending it again counts once.', validate: uuid }),
    campaignId: t.id(),
    actionDayId: t.id(),
    streetId: t.id(),
    houseNumber: t.string({ required: false, validate: z.string().trim().max(12, 'Een huisnummer heeft hoogstens 12 tekens.').nullish() }),
    sizeCode: t.field({ type: TileSizeEnum }),
    count: t.int({ description: 'Pieces of the size; for AREA the measured cm².' }),
    origin: t.field({ type: TileOriginEnum, required: false, description: 'Where the tiles came from; leave out when not said.' }),
    deviceId: t.string({ required: false, validate: z.string().max(64).nullish() }),
    clientTime: t.field({ type: 'DateTime', required: false }),
  }),
});

export const CorrectTallyEventInput = builder.inputType('CorrectTallyEventInput', {
  fields: (t) => ({
    id: t.id({ validate: uuid }),
    correctsEventId: t.id(),
    count: t.int({ description: 'How many pieces (or cm² for AREA) of that entry to take back.' }),
    deviceId: t.string({ required: false, validate: z.string().max(64).nullish() }),
    clientTime: t.field({ type: 'DateTime', required: false }),
  }),
});

builder.queryFields((t) => ({
  tallyDashboard: t.field({
    type: TallyDashboardRef,
    description: 'Totals of a tegelwip campaign with the participant ranking.',
    authScopes: { $any: { coordinator: true, participant: true } },
    args: { campaignId: t.arg.id(), top: t.arg.int({ required: false, validate: z.number().int().min(0).max(aggregates.MAX_RANKING).nullish() }) },
    resolve: (_root, args, ctx) => aggregates.tallyDashboard(ctx.db, ctx.viewer, String(args.campaignId), args.top ?? 20),
  }),
  publicProgress: t.field({
    type: TallyProgressRef,
    description: 'Progress toward the target for the public page; NOT_FOUND when that page is off.',
    authScopes: { public: true },
    args: { campaignId: t.arg.id() },
    resolve: (_root, args, ctx) => aggregates.publicProgress(ctx.db, String(args.campaignId)),
  }),
}));

builder.mutationFields((t) => ({
  recordTallyEvent: t.field({
    type: TallyEventRef,
    authScopes: { $any: { coordinator: true, participant: true } },
    args: { input: t.arg({ type: RecordTallyEventInput }) },
    resolve: (_root, { input }, ctx) =>
      ctx.db.transaction().execute((trx) =>
        service.recordTallyEvent(trx, ctx.viewer, {
          ...input,
          id: String(input.id),
          campaignId: String(input.campaignId),
          actionDayId: String(input.actionDayId),
          streetId: String(input.streetId),
        }),
      ),
  }),
  correctTallyEvent: t.field({
    type: TallyEventRef,
    authScopes: { $any: { coordinator: true, participant: true } },
    args: { input: t.arg({ type: CorrectTallyEventInput }) },
    resolve: (_root, { input }, ctx) =>
      ctx.db.transaction().execute((trx) =>
        service.correctTallyEvent(trx, ctx.viewer, { ...input, id: String(input.id), correctsEventId: String(input.correctsEventId) }),
      ),
  }),
}));
