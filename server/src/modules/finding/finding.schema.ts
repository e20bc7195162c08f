/** GraphQL types and operations for findings: recording, reading, status and routing. */
import { MAX_TEXT } from '@buurtkracht/protocol/input-limits';
import { z } from 'zod';
import { builder, type InputFieldBuilder } from '../../graphql/builder.js';
import { OrganisationRef } from '../account/account.schema.js';
import { findParticipant, readContact } from '../participant/participant.service.js';
import { organisationsByIds } from '../account/account.service.js';
import { ThemeEnum } from '../checklist/checklist.schema.js';
import { StreetRef } from '../neighbourhood/neighbourhood.schema.js';
import { streetsByIds } from '../neighbourhood/neighbourhood.service.js';
import { SpotRef } from '../spot/spot.schema.js';
import { spotsByIds } from '../spot/spot.service.js';
import { PUBLIC_MESSAGE_MAX, allowedTransitions } from './finding-workflow.js';
import * as details from './finding-details.service.js';
import * as service from './finding.service.js';
import { FINDING_STATUSES, RATINGS } from './finding.table.js';

export const RatingEnum = builder.enumType('Rating', {
  description: 'CROW beeldkwaliteit: A_PLUS zeer hoog, A hoog, B basis, C laag, D zeer laag; NVT niet van toepassing.',
  values: RATINGS,
});
export const FindingStatusEnum = builder.enumType('FindingStatus', { values: FINDING_STATUSES });

export const LocationRef = builder.objectRef<NonNullable<service.Finding['location']>>('Location').implement({
  fields: (t) => ({
    lat: t.exposeFloat('lat'),
    lon: t.exposeFloat('lon'),
    accuracyM: t.exposeFloat('accuracyM', { nullable: true, description: 'Accuracy in metres as the device reported it.' }),
  }),
});

const StatusChangeRef = builder.objectRef<details.StatusChange>('FindingStatusChange').implement({
  description: 'One step of the follow-up, with the message residents see.',
  fields: (t) => ({
    fromStatus: t.expose('fromStatus', { type: FindingStatusEnum, nullable: true }),
    toStatus: t.expose('toStatus', { type: FindingStatusEnum }),
    publicMessage: t.exposeString('publicMessage'),
    at: t.expose('at', { type: 'DateTime' }),
  }),
});

export const FindingRef = builder.objectRef<service.Finding>('Finding').implement({
  description: 'Something on a schouw that needs follow-up (a problem or a kans), often made from an answer (observation).',
  authScopes: { $any: { staff: true, participant: true } },
  fields: (t) => ({
    id: t.exposeID('id'),
    category: t.expose('category', { type: ThemeEnum }),
    rating: t.expose('rating', { type: RatingEnum, nullable: true }),
    answer: t.exposeString('answer', { nullable: true }),
    text: t.exposeString('text', { nullable: true }),
    suggestion: t.exposeString('suggestion', { nullable: true, description: 'The opportunity (kans) the resident sees.' }),
    checklistItemId: t.exposeID('checklistItemId', { nullable: true }),
    observationId: t.exposeID('observationId', { nullable: true, description: 'The answer this finding follows up, if any.' }),
    location: t.field({ type: LocationRef, nullable: true, resolve: (f) => f.location }),
    status: t.expose('status', { type: FindingStatusEnum }),
    nextStatuses: t.field({
      type: [FindingStatusEnum],
      description: 'The statuses the follow-up may move to from here.',
      resolve: (finding) => [...allowedTransitions[finding.status]],
    }),
    version: t.exposeInt('version', { description: 'Raised on every change; edits name the version they were based on.' }),
    deviceTime: t.expose('deviceTime', { type: 'DateTime', description: "The device's clock when recorded; for display only." }),
    serverTime: t.expose('serverTime', { type: 'DateTime' }),
    recordedByMe: t.boolean({ resolve: (f, _args, ctx) => ctx.viewer.kind === 'participant' && ctx.viewer.participantId === f.participantId }),
    recorderName: t.loadable({
      type: 'String',
      nullable: true,
      description: 'Coordinators only: who recorded it (a pseudonym once personal data is erased).',
      load: async (ids: string[], ctx) => {
        const names = await details.recorderNames(ctx.db, ids);
        return ids.map((id) => names.find((n) => n.id === id)?.name ?? null);
      },
      resolve: (f, _args, ctx) => (details.seesRecorder(ctx.viewer) ? f.participantId : null),
    }),
    recorderAcceptsContact: t.loadable({
      type: 'Boolean',
      nullable: true,
      description: 'Coordinators only: whether who recorded it left contact details for feedback (read them with recorderContact).',
      load: async (ids: string[], ctx) => {
        const reachable = await details.recordersWithContact(ctx.db, ids);
        return ids.map((id) => reachable.has(id));
      },
      resolve: (f, _args, ctx) => (details.seesRecorder(ctx.viewer) ? f.participantId : null),
    }),
    recorderContact: t.string({
      nullable: true,
      description: 'Coordinators only: the contact details who recorded it gave, with consent, for feedback. Every read is recorded in the audit log.',
      resolve: async (f, _args, ctx) => {
        if (!f.participantId || !details.seesRecorder(ctx.viewer)) return null;
        const recorder = await findParticipant(ctx.db, ctx.viewer, f.participantId);
        return recorder?.contactConsentAt ? readContact(ctx.writeDb, ctx.viewer, recorder, ctx.requestId) : null;
      },
    }),
    spot: t.loadable({ type: SpotRef, nullable: true, load: (ids: string[], ctx) => spotsByIds(ctx.db, ids), sort: (s) => s.id, resolve: (f) => f.spotId }),
    street: t.loadable({ type: StreetRef, nullable: true, load: (ids: string[], ctx) => streetsByIds(ctx.db, ids), sort: (s) => s.id, resolve: (f) => f.streetId }),
    photoIds: t.loadableList({
      type: 'ID',
      description: 'Photos in order; fetch them from /media/{id}.',
      load: async (ids: string[], ctx) => {
        const photos = await details.photoIdsOf(ctx.db, ids);
        return ids.map((id) => photos.filter((p) => p.findingId === id).map((p) => p.photoId));
      },
      resolve: (f) => f.id,
    }),
    statusHistory: t.loadableList({
      type: StatusChangeRef,
      description: 'Every status change with its public message, oldest first.',
      load: async (ids: string[], ctx) => {
        const changes = await details.statusHistories(ctx.db, ids);
        return ids.map((id) => changes.filter((c) => c.findingId === id));
      },
      resolve: (f) => f.id,
    }),
    routedTo: t.loadable({
      type: OrganisationRef,
      nullable: true,
      load: (ids: string[], ctx) => organisationsByIds(ctx.db, ids),
      sort: (o) => o.id,
      resolve: (f, _args, ctx) => (ctx.viewer.kind === 'staff' ? f.routedOrganisationId : null),
    }),
  }),
});

const uuid = z.uuid('Gebruik een geldig id (UUID).');
const longText = z.string().trim().max(MAX_TEXT, `Gebruik hoogstens ${MAX_TEXT} tekens.`).nullish();

export const LocationInput = builder.inputType('LocationInput', {
  fields: (t) => ({
    lat: t.float({ validate: z.number().min(-90).max(90) }),
    lon: t.float({ validate: z.number().min(-180).max(180) }),
    accuracyM: t.float({ required: false, validate: z.number().min(0).max(100_000).nullish() }),
  }),
});

/** What every field observation carries, whether a free finding or an answer to an item. */
const observationFields = (t: InputFieldBuilder) => ({
    id: t.id({ description: 'Made on the device (UUIDv7); sending it again records it once.', validate: uuid }),
    campaignId: t.id(),
    text: t.string({ required: false, validate: longText }),
    suggestion: t.string({ required: false, validate: longText }),
    location: t.field({ type: LocationInput, required: false }),
    photoIds: t.idList({ required: false, validate: z.array(uuid).max(service.MAX_PHOTOS).nullish() }),
    deviceTime: t.field({ type: 'DateTime' }),
});

const RecordFindingInput = builder.inputType('RecordFindingInput', {
  fields: (t) => ({
    ...observationFields(t),
    category: t.field({ type: ThemeEnum }),
    spotId: t.id({ required: false }),
    streetId: t.id({ required: false }),
    rating: t.field({ type: RatingEnum, required: false }),
    observationId: t.id({ required: false, description: 'The answer (observation) this finding follows up; its spot and item carry over. An id that is not your own answer in this schouw (or not known yet) leaves the finding unlinked.' }),
  }),
});

const ChangeFindingStatusInput = builder.inputType('ChangeFindingStatusInput', {
  fields: (t) => ({
    findingId: t.id(),
    status: t.field({ type: FindingStatusEnum }),
    publicMessage: t.string({ description: 'Plain Dutch for the residents: what happens and why.', validate: z.string().max(PUBLIC_MESSAGE_MAX + 100) }),
  }),
});

export const str = (v: string | number) => String(v);
const common = (input: { id: string | number; campaignId: string | number; photoIds?: readonly (string | number)[] | null }) => ({
  id: str(input.id),
  campaignId: str(input.campaignId),
  photoIds: input.photoIds?.map(str) ?? [],
});

builder.queryFields((t) => ({
  finding: t.field({
    type: FindingRef,
    nullable: true,
    authScopes: { $any: { staff: true, participant: true } },
    args: { id: t.arg.id() },
    resolve: async (_root, { id }, ctx) => (await service.findFinding(ctx.db, ctx.viewer, str(id)))?.finding ?? null,
  }),
}));

builder.mutationFields((t) => ({
  recordFinding: t.field({
    type: FindingRef,
    authScopes: { $any: { coordinator: true, participant: true } },
    args: { input: t.arg({ type: RecordFindingInput }) },
    resolve: (_root, { input }, ctx) =>
      ctx.db.transaction().execute((trx) =>
        service.recordFinding(trx, ctx.viewer, {
          ...input,
          ...common(input),
          spotId: input.spotId == null ? null : str(input.spotId),
          streetId: input.streetId == null ? null : str(input.streetId),
          observationId: input.observationId == null ? null : str(input.observationId),
        }),
      ),
  }),
  changeFindingStatus: t.field({
    type: FindingRef,
    description: 'Moves a finding along its follow-up with a public message (coordinators; partners for routed findings).',
    authScopes: { staff: true },
    args: { input: t.arg({ type: ChangeFindingStatusInput }) },
    resolve: (_root, { input }, ctx) => service.changeFindingStatus(ctx.db, ctx.viewer, { ...input, findingId: str(input.findingId), requestId: ctx.requestId }),
  }),
  routeFinding: t.field({
    type: FindingRef,
    description: 'Routes a finding to a partner organisation; null takes it back.',
    authScopes: { coordinator: true },
    args: { findingId: t.arg.id(), organisationId: t.arg.id({ required: false }) },
    resolve: (_root, args, ctx) =>
      service.routeFinding(ctx.db, ctx.viewer, { findingId: str(args.findingId), organisationId: args.organisationId == null ? null : str(args.organisationId), requestId: ctx.requestId }),
  }),
}));
