/** GraphQL types and operations for spots and for coordinators' street management. */
import { z } from 'zod';
import { builder } from '../../graphql/builder.js';
import { TOTAL_COUNT_DESCRIPTION, withTotalCount } from '../../graphql/counted-connection.js';
import { resolveKeysetConnection } from '../../graphql/pagination.js';
import { NeighbourhoodRef, StreetRef } from '../neighbourhood/neighbourhood.schema.js';
import { addStreet, renameStreet, setStreetHouseholds, streetsByIds } from '../neighbourhood/neighbourhood.service.js';
import * as service from './spot.service.js';
import { SPOT_TYPES } from './spot.table.js';

export const SpotTypeEnum = builder.enumType('SpotType', {
  values: {
    PLANTSOEN: { description: 'plantsoen' },
    BLOEMBAK: { description: 'bloembak' },
    BOOM: { description: 'boom of bomenrij' },
    PARK: { description: 'park' },
    WANDELPAD: { description: 'wandelpad' },
    SPEELPLEK: { description: 'speelplek' },
    ONTMOETINGSPLEK: { description: 'bankje of ontmoetingsplek' },
    NESTKAST: { description: 'nestkast (vogels, vleermuizen)' },
    REGENTON_WADI: { description: 'regenton of wadi' },
    HANGPLEK: { description: 'hangplek' },
  } satisfies Record<(typeof SPOT_TYPES)[number], { description: string }>,
});

export const SpotRef = builder.objectRef<service.Spot>('Spot').implement({
  description: 'A place the schouw inspects (a plantsoen, a playground, a nest box, …).',
  fields: (t) => ({
    id: t.exposeID('id'),
    type: t.expose('type', { type: SpotTypeEnum }),
    name: t.exposeString('name'),
    description: t.exposeString('description', { nullable: true }),
    lat: t.exposeFloat('lat', { nullable: true }),
    lon: t.exposeFloat('lon', { nullable: true }),
    street: t.loadable({
      type: StreetRef,
      load: (ids: string[], ctx) => streetsByIds(ctx.db, ids),
      sort: (street) => street.id,
      resolve: (spot) => spot.streetId,
    }),
  }),
});

builder.objectFields(NeighbourhoodRef, (t) => ({
  spots: t.connection(
    {
      type: SpotRef,
      description: 'Spots in alphabetical order.',
      resolve: (neighbourhood, args, ctx) =>
        withTotalCount(
          resolveKeysetConnection(args, (page) => service.listSpots(ctx.db, neighbourhood.id, page), (s) => [s.name, s.id], 2),
          () => service.countSpots(ctx.db, neighbourhood.id),
        ),
    },
    { name: 'SpotConnection', fields: (tc) => ({ totalCount: tc.int({ description: TOTAL_COUNT_DESCRIPTION, resolve: (c) => c.totalCount() }) }) },
    { name: 'SpotEdge' },
  ),
}));

const latitude = z.number().min(-90).max(90).nullish();
const longitude = z.number().min(-180).max(180).nullish();
const spotName = z.string().trim().min(2, 'Geef de plek een naam.').max(120);
const description = z.string().trim().max(1000).nullish();

const CreateSpotInput = builder.inputType('CreateSpotInput', {
  fields: (t) => ({
    neighbourhoodId: t.id(),
    streetId: t.id(),
    type: t.field({ type: SpotTypeEnum }),
    name: t.string({ validate: spotName }),
    description: t.string({ required: false, validate: description }),
    lat: t.float({ required: false, validate: latitude }),
    lon: t.float({ required: false, validate: longitude }),
  }),
});

const UpdateSpotInput = builder.inputType('UpdateSpotInput', {
  fields: (t) => ({
    spotId: t.id(),
    streetId: t.id({ required: false }),
    type: t.field({ type: SpotTypeEnum, required: false }),
    name: t.string({ required: false, validate: spotName.nullish() }),
    description: t.string({ required: false, validate: description }),
    lat: t.float({ required: false, validate: latitude }),
    lon: t.float({ required: false, validate: longitude }),
  }),
});

const streetName = z.string().trim().min(2, 'Een straatnaam heeft minstens 2 tekens.').max(120, 'Een straatnaam heeft hoogstens 120 tekens.');

const AddStreetInput = builder.inputType('AddStreetInput', {
  fields: (t) => ({
    neighbourhoodId: t.id(),
    name: t.string({ validate: streetName }),
    householdCount: t.int({ required: false, validate: z.number().int().min(1).max(100_000).nullish() }),
  }),
});

builder.mutationFields((t) => ({
  createSpot: t.field({
    type: SpotRef,
    authScopes: { coordinator: true },
    args: { input: t.arg({ type: CreateSpotInput }) },
    resolve: (_root, { input }, ctx) =>
      ctx.db.transaction().execute((trx) => service.createSpot(trx, ctx.viewer, String(input.neighbourhoodId), { ...input, streetId: String(input.streetId) })),
  }),
  updateSpot: t.field({
    type: SpotRef,
    authScopes: { coordinator: true },
    args: { input: t.arg({ type: UpdateSpotInput }) },
    resolve: (_root, { input }, ctx) =>
      service.updateSpot(ctx.db, ctx.viewer, String(input.spotId), {
        streetId: input.streetId == null ? undefined : String(input.streetId),
        type: input.type ?? undefined,
        name: input.name ?? undefined,
        description: input.description,
        lat: input.lat,
        lon: input.lon,
      }),
  }),
  addStreet: t.field({
    type: StreetRef,
    authScopes: { coordinator: true },
    args: { input: t.arg({ type: AddStreetInput }) },
    resolve: (_root, { input }, ctx) => ctx.db.transaction().execute((trx) => addStreet(trx, ctx.viewer, { ...input, neighbourhoodId: String(input.neighbourhoodId) })),
  }),
  renameStreet: t.field({
    type: StreetRef,
    description: 'Mends a street name; tallies and findings stay with the street, and devices get the new name.',
    authScopes: { coordinator: true },
    args: { streetId: t.arg.id(), name: t.arg.string({ validate: streetName }) },
    resolve: (_root, args, ctx) => ctx.db.transaction().execute((trx) => renameStreet(trx, ctx.viewer, String(args.streetId), args.name)),
  }),
  setStreetHouseholds: t.field({
    type: StreetRef,
    description: 'Sets (or clears, with null) the number of households, for the per-household ranking.',
    authScopes: { coordinator: true },
    args: { streetId: t.arg.id(), householdCount: t.arg.int({ required: false, validate: z.number().int().min(1).max(100_000).nullish() }) },
    resolve: (_root, args, ctx) => ctx.db.transaction().execute((trx) => setStreetHouseholds(trx, ctx.viewer, String(args.streetId), args.householdCount ?? null)),
  }),
}));
