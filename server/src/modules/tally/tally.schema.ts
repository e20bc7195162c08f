/** GraphQL types and operations of the tally ledger (tegelwippen, clean-ups) and its aggregates. */
import { isTileUnit } from '@buurtkracht/protocol/tally-units';
import { TILE_ORIGINS, type TileOrigin } from '@buurtkracht/protocol/tile-origins';
import { CM2_PER_M2, SIZE_CODE_AREA_CM2, SIZE_CODES } from '@buurtkracht/protocol/tile-sizes';
import { z } from 'zod';
import { managesNeighbourhood } from '../../auth/viewer.js';
import { builder } from '../../graphql/builder.js';
import { CampaignDayRef, CampaignKindEnum, CampaignRef } from '../campaign/campaign.schema.js';
import { loadCampaign } from '../campaign/campaign.service.js';
import * as aggregates from './tally-aggregates.service.js';
import { CampaignUnitRef, TallyUnitEnum } from './tally-unit.schema.js';
import * as service from './tally.service.js';

export const TileSizeEnum = builder.enumType('TileSize', {
  description: 'A tile or brick size, or AREA for a measured area in cm². Superseded by TallyUnit, which also holds what a clean-up counts.',
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
  description: 'What was counted: the removed paving exact in cm², in m² for people and in NK tiles (11 per m²; 0 for a clean-up), the ledger events behind it, and the net count of all units together.',
  fields: (t) => ({
    areaCm2: t.exposeInt('areaCm2'),
    areaM2: t.float({ resolve: (a) => m2(a.areaCm2) }),
    nkTiles: t.exposeInt('nkTiles', { description: '30×30 tile equivalents, 11 per m² (NK Tegelwippen convention).' }),
    entries: t.exposeInt('entries', { description: 'Ledger events behind this total (corrections included).' }),
    quantity: t.exposeInt('quantity', {
      description:
        'Net count, all units together (each piece, bag, item or garden helped counts one; cm² for AREA): what a clean-up ranks streets and participants by. For tiles it mixes sizes: read areaCm2 there.',
    }),
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

const UnitTallyRef = builder.objectRef<aggregates.UnitTotal>('UnitTally').implement({
  description: 'What was counted in one unit of the campaign (corrections subtracted).',
  fields: (t) => ({
    unit: t.field({ type: CampaignUnitRef, resolve: (u) => u.unit }),
    quantity: t.exposeInt('quantity', { description: 'Net count: pieces, bags, items or gardens; cm² for AREA.' }),
    areaCm2: t.exposeInt('areaCm2', { description: 'The paving this stands for; 0 for units that are not paving.' }),
    entries: t.exposeInt('entries', { description: 'Ledger events behind this total (corrections included).' }),
    progressPercent: t.float({
      nullable: true,
      description: "Quantity against the unit's target, one decimal; null without a target, and on street and day totals (targets are the campaign's).",
      resolve: (u) => u.progressPercent,
    }),
  }),
});

const DayStreetTallyRef = builder.objectRef<aggregates.DayStreetTotal>('DayStreetTally').implement({
  description: 'A street of an action day: planned for it by the coordinator, counted in, or both.',
  fields: (t) => ({
    streetId: t.exposeID('streetId'),
    streetName: t.exposeString('streetName'),
    planned: t.exposeBoolean('planned', { description: 'The coordinator named this street for the day.' }),
    counted: t.exposeBoolean('counted', { description: 'Something is still counted in this street on this day (quantity above 0); an entry taken back does not count.' }),
    quantity: t.exposeInt('quantity', { description: 'Net count in this street on this day, all units together (corrections subtracted).' }),
    entries: t.exposeInt('entries', { description: 'Ledger events in this street on this day (corrections included).' }),
  }),
});

const StreetTallyRef = builder.objectRef<aggregates.StreetTotal>('StreetTally').implement({
  fields: (t) => ({
    place: t.exposeInt('place', {
      description: 'Place among the streets, most first: by area for tegelwippen, by everything counted (total.quantity, all units together) for a clean-up. Streets with as much share a place (1, 2, 2, 4).',
    }),
    streetId: t.exposeID('streetId'),
    streetName: t.exposeString('streetName'),
    householdCount: t.exposeInt('householdCount', { nullable: true }),
    total: t.field({ type: AreaTotalRef, resolve: (s) => s }),
    areaM2PerHousehold: t.float({ nullable: true, resolve: (s) => (s.areaCm2PerHousehold === null ? null : m2(s.areaCm2PerHousehold)) }),
    units: t.field({ type: [UnitTallyRef], description: 'Every unit of the campaign, in its order.', resolve: (s) => s.units }),
  }),
});

const DayTallyRef = builder.objectRef<aggregates.DayTotal>('DayTally').implement({
  fields: (t) => ({
    day: t.field({ type: CampaignDayRef, resolve: (d) => d.day }),
    total: t.field({ type: AreaTotalRef, resolve: (d) => d }),
    units: t.field({ type: [UnitTallyRef], description: 'Every unit of the campaign, in its order.', resolve: (d) => d.units }),
    streets: t.field({
      type: [DayStreetTallyRef],
      description: 'The streets planned for the day (in their order), then the other streets where something is still counted that day, by name.',
      resolve: (d) => d.streets,
    }),
  }),
});

const ParticipantRankRef = builder.objectRef<aggregates.RankedParticipant>('ParticipantRank').implement({
  authScopes: { $any: { coordinator: true, participant: true } },
  fields: (t) => ({
    rank: t.exposeInt('rank', {
      description: 'Place by area for tegelwippen, by everything counted (total.quantity, corrections subtracted) for a clean-up, most first; participants with as much share a place (1, 2, 2, 4).',
    }),
    name: t.exposeString('name', { description: 'The display name when its owner agreed, otherwise a stable pseudonym.' }),
    isPseudonym: t.exposeBoolean('isPseudonym'),
    participantId: t.exposeID('participantId', { nullable: true, description: 'Only for coordinators and for the participant themself.' }),
    total: t.field({ type: AreaTotalRef, resolve: (p) => p }),
  }),
});

const progressFields = <T extends aggregates.TallyProgress>(t: PothosSchemaTypes.ObjectFieldBuilder<any, T>) => ({
  kind: t.field({ type: CampaignKindEnum, resolve: (p: T) => p.kind }),
  units: t.field({ type: [UnitTallyRef], description: 'Every unit of the campaign, in its order, against its target.', resolve: (p: T) => p.units }),
  total: t.field({ type: AreaTotalRef, resolve: (p: T) => p.total }),
  byOrigin: t.field({ type: OriginTotalsRef, description: 'The total split by where the tiles came from (garden, public space, not said).', resolve: (p: T) => p.byOrigin }),
  gardensGreened: t.int({
    description:
      'Gardens greened: addresses (street and house number) where tiles not from the public space were counted, each once per campaign. Kept when house numbers are erased. Tiles only: 0 for a clean-up (see its units).',
    resolve: (p: T) => p.gardensGreened,
  }),
  targetAreaCm2: t.int({ description: 'The area target of a tegelwip campaign; 0 for a clean-up (its targets are per unit).', resolve: (p: T) => p.targetAreaCm2 }),
  targetAreaM2: t.float({ resolve: (p: T) => m2(p.targetAreaCm2) }),
  progressPercent: t.float({ description: 'The area against the area target; 0 for a clean-up (see units).', resolve: (p: T) => (p.targetAreaCm2 > 0 ? Math.round((p.total.areaCm2 / p.targetAreaCm2) * 1000) / 10 : 0) }),
  streets: t.field({ type: [StreetTallyRef], description: 'Every street of the neighbourhood, by place (see StreetTally.place), then by name.', resolve: (p: T) => p.streets }),
  days: t.field({ type: [DayTallyRef], description: 'Every action day, in date order.', resolve: (p: T) => p.days }),
});

const TallyProgressRef = builder.objectRef<aggregates.TallyProgress>('TallyProgress').implement({
  description: 'Public progress of a tegelwip or clean-up campaign: no names, no house numbers.',
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
    unitCode: t.expose('unitCode', { type: TallyUnitEnum }),
    sizeCode: t.field({
      type: TileSizeEnum,
      nullable: true,
      deprecationReason: 'Use unitCode',
      description: 'The unit when it is a tile size; null for clean-up units.',
      resolve: (event) => (isTileUnit(event.unitCode) ? event.unitCode : null),
    }),
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
  // Apps from before clean-ups send sizeCode; they keep working. The message is for people
  // (an app shows it), so it names no field: the fields' descriptions say the rule.
  validate: z.looseObject({ unitCode: z.string().nullish(), sizeCode: z.string().nullish() }).refine((input) => (input.unitCode == null) !== (input.sizeCode == null), {
    message: 'Zeg wat je telt: kies één soort per telling.',
  }),
  fields: (t) => ({
    id: t.id({ description: 'Made on the device (UUIDv7); sending it again counts once.', validate: uuid }),
    campaignId: t.id(),
    actionDayId: t.id(),
    streetId: t.id(),
    houseNumber: t.string({ required: false, validate: z.string().trim().max(12, 'Een huisnummer heeft hoogstens 12 tekens.').nullish() }),
    unitCode: t.field({ type: TallyUnitEnum, required: false, description: "One of the campaign's units. Give exactly one of unitCode and sizeCode." }),
    sizeCode: t.field({ type: TileSizeEnum, required: false, deprecationReason: 'Use unitCode' }),
    count: t.int({ description: 'How many of the unit (pieces, bags, items, gardens); for AREA the measured cm².' }),
    origin: t.field({ type: TileOriginEnum, required: false, description: 'Where the tiles came from; leave out when not said. Only for tile units.' }),
    deviceId: t.string({ required: false, validate: z.string().max(64).nullish() }),
    clientTime: t.field({ type: 'DateTime', required: false }),
  }),
});

export const CorrectTallyEventInput = builder.inputType('CorrectTallyEventInput', {
  fields: (t) => ({
    id: t.id({ validate: uuid }),
    correctsEventId: t.id(),
    count: t.int({ description: 'How many of that entry to take back (pieces, bags, items, gardens; cm² for AREA).' }),
    deviceId: t.string({ required: false, validate: z.string().max(64).nullish() }),
    clientTime: t.field({ type: 'DateTime', required: false }),
  }),
});

builder.queryFields((t) => ({
  tallyDashboard: t.field({
    type: TallyDashboardRef,
    description: 'Totals of a tegelwip or clean-up campaign with the participant ranking.',
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
          // The input's own check leaves exactly one of the two.
          unitCode: (input.unitCode ?? input.sizeCode)!,
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
