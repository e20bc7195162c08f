/** GraphQL types and operations for observations: the walkers' answers to checklist items. */
import { MAX_TEXT } from '@buurtkracht/protocol/input-limits';
import { z } from 'zod';
import { builder } from '../../graphql/builder.js';
import { resolveKeysetConnection } from '../../graphql/pagination.js';
import { CampaignRef } from '../campaign/campaign.schema.js';
import { ThemeEnum } from '../checklist/checklist.schema.js';
import * as details from '../finding/finding-details.service.js';
import { FindingRef, LocationInput, LocationRef, RatingEnum, str } from '../finding/finding.schema.js';
import { StreetRef } from '../neighbourhood/neighbourhood.schema.js';
import { streetsByIds } from '../neighbourhood/neighbourhood.service.js';
import { SpotRef } from '../spot/spot.schema.js';
import { spotsByIds } from '../spot/spot.service.js';
import * as service from './observation.service.js';

export const ObservationRef = builder.objectRef<service.Observation>('Observation').implement({
  description: "A walker's answer to one checklist item at one spot. No follow-up of its own; a finding may follow it up.",
  authScopes: { $any: { staff: true, participant: true } },
  fields: (t) => ({
    id: t.exposeID('id'),
    checklistItemId: t.exposeID('checklistItemId'),
    theme: t.expose('theme', { type: ThemeEnum, description: "The theme of the item's section." }),
    rating: t.expose('rating', { type: RatingEnum, nullable: true, description: 'The answer to a RATING item.' }),
    answer: t.exposeString('answer', { nullable: true, description: 'The answer to a YES_NO (JA/NEE), NUMBER, CHOICE or TEXT item.' }),
    note: t.exposeString('note', { nullable: true, description: 'A remark that came with an answer recorded before observations existed.' }),
    current: t.exposeBoolean('current', { description: 'False once the same walker answered the same item at the same spot again; only current answers count in scores.' }),
    location: t.field({ type: LocationRef, nullable: true, resolve: (o) => o.location }),
    deviceTime: t.expose('deviceTime', { type: 'DateTime' }),
    serverTime: t.expose('serverTime', { type: 'DateTime' }),
    recordedByMe: t.boolean({ resolve: (o, _args, ctx) => ctx.viewer.kind === 'participant' && ctx.viewer.participantId === o.participantId }),
    recorderName: t.loadable({
      type: 'String',
      nullable: true,
      description: 'Coordinators only: who answered (a pseudonym once personal data is erased).',
      load: async (ids: string[], ctx) => {
        const names = await details.recorderNames(ctx.db, ids);
        return ids.map((id) => names.find((n) => n.id === id)?.name ?? null);
      },
      resolve: (o, _args, ctx) => (details.seesRecorder(ctx.viewer) ? o.participantId : null),
    }),
    spot: t.loadable({ type: SpotRef, load: (ids: string[], ctx) => spotsByIds(ctx.db, ids), sort: (s) => s.id, resolve: (o) => o.spotId }),
    street: t.loadable({ type: StreetRef, nullable: true, load: (ids: string[], ctx) => streetsByIds(ctx.db, ids), sort: (s) => s.id, resolve: (o) => o.streetId }),
    findingId: t.loadable({
      type: 'ID',
      nullable: true,
      description: 'The finding made from this answer, if any.',
      load: async (ids: string[], ctx) => {
        const made = await service.findingIdsOf(ctx.db, ids);
        return ids.map((id) => made.get(id) ?? null);
      },
      resolve: (o) => o.id,
    }),
  }),
});

builder.objectFields(CampaignRef, (t) => ({
  observations: t.connection(
    {
      type: ObservationRef,
      description: "Answers of this schouw, newest first. Coordinators see every walker's; participants their own.",
      args: {
        spotId: t.arg.id({ required: false }),
        checklistItemId: t.arg.id({ required: false }),
        currentOnly: t.arg.boolean({ required: false, description: 'Leave out answers the same walker changed later.' }),
      },
      resolve: (campaign, args, ctx) =>
        resolveKeysetConnection(
          args,
          (page) =>
            service.listCampaignObservations(
              ctx.db,
              ctx.viewer,
              campaign,
              { spotId: args.spotId == null ? null : str(args.spotId), checklistItemId: args.checklistItemId == null ? null : str(args.checklistItemId), currentOnly: args.currentOnly },
              page,
            ),
          (o) => [o.serverTime, o.id],
          2,
        ),
    },
    { name: 'ObservationConnection' },
    { name: 'ObservationEdge' },
  ),
}));

const uuid = z.uuid('Gebruik een geldig id (UUID).');

const RecordObservationInput = builder.inputType('RecordObservationInput', {
  fields: (t) => ({
    id: t.id({ description: 'Made on the device (UUIDv7); sending it again records it once.', validate: uuid }),
    campaignId: t.id(),
    spotId: t.id(),
    checklistItemId: t.id(),
    rating: t.field({ type: RatingEnum, required: false, description: 'For a RATING item.' }),
    answer: t.string({ required: false, description: 'JA/NEE, a whole number, one of the choices, or text.', validate: z.string().max(MAX_TEXT, `Gebruik hoogstens ${MAX_TEXT} tekens.`).nullish() }),
    location: t.field({ type: LocationInput, required: false }),
    deviceTime: t.field({ type: 'DateTime' }),
  }),
});

const PromoteObservationInput = builder.inputType('PromoteObservationInput', {
  fields: (t) => ({
    observationId: t.id(),
    findingId: t.id({ description: 'Made by the client (UUIDv7), so a retry does not make a second finding.', validate: uuid }),
    text: t.string({ required: false, description: 'What needs to happen, in the words of the team.', validate: z.string().trim().max(MAX_TEXT, `Gebruik hoogstens ${MAX_TEXT} tekens.`).nullish() }),
    suggestion: t.string({ required: false, validate: z.string().trim().max(MAX_TEXT, `Gebruik hoogstens ${MAX_TEXT} tekens.`).nullish() }),
  }),
});

builder.queryFields((t) => ({
  observation: t.field({
    type: ObservationRef,
    nullable: true,
    authScopes: { $any: { staff: true, participant: true } },
    args: { id: t.arg.id() },
    resolve: async (_root, { id }, ctx) => (await service.findObservation(ctx.db, ctx.viewer, str(id)))?.observation ?? null,
  }),
}));

builder.mutationFields((t) => ({
  recordObservation: t.field({
    type: ObservationRef,
    description: 'Records an answer to a checklist item at a spot (the field app sends these through sync).',
    authScopes: { $any: { coordinator: true, participant: true } },
    args: { input: t.arg({ type: RecordObservationInput }) },
    resolve: (_root, { input }, ctx) =>
      ctx.db.transaction().execute((trx) =>
        service.recordObservation(trx, ctx.viewer, { ...input, id: str(input.id), campaignId: str(input.campaignId), spotId: str(input.spotId), checklistItemId: str(input.checklistItemId) }),
      ),
  }),
  promoteObservation: t.field({
    type: FindingRef,
    description: 'Coordinators: makes a finding of an answer that needs follow-up; the walker stays its recorder.',
    authScopes: { coordinator: true },
    args: { input: t.arg({ type: PromoteObservationInput }) },
    resolve: (_root, { input }, ctx) =>
      service.promoteObservation(ctx.db, ctx.viewer, { ...input, observationId: str(input.observationId), findingId: str(input.findingId), requestId: ctx.requestId }),
  }),
}));
