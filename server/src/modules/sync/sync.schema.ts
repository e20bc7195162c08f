/** GraphQL for the sync protocol: the `sync` mutation and devices per campaign. */
import { z } from 'zod';
import { MAX_BATCH_ENTRIES, type SyncStatus } from '@buurtkracht/protocol/sync-protocol';
import { builder } from '../../graphql/builder.js';
import { CampaignRef } from '../campaign/campaign.schema.js';
import { ParticipantRef } from '../participant/participant.schema.js';
import { participantsOfCampaignByIds } from '../participant/participant.service.js';
import type { PulledChange, PullResult } from './sync-pull.service.js';
import * as service from './sync.service.js';

const SyncStatusEnum = builder.enumType('SyncStatus', {
  values: {
    APPLIED: { description: 'Processed now.' },
    DUPLICATE: { description: 'Applied before (this is the stored answer): drop the entry.' },
    REJECTED: { description: 'Refused (see code and message), now or when first sent: a resend gets the same refusal. Later entries were still processed.' },
  } as const satisfies Record<SyncStatus, { description: string }>,
});

// No type scopes: entries are only reachable inside a SyncResult, which is authorized
// (type and field); checking again for each of up to 500 entries cost ~6% of a batch.
const MutationResultRef = builder.objectRef<service.MutationResult>('SyncMutationResult').implement({
  fields: (t) => ({
    mutationId: t.exposeID('mutationId'),
    seq: t.exposeInt('seq'),
    status: t.expose('status', { type: SyncStatusEnum }),
    code: t.exposeString('code', { nullable: true }),
    message: t.exposeString('message', { nullable: true, description: 'Dutch, for the person holding the device.' }),
    entityId: t.exposeID('entityId', { nullable: true }),
    flags: t.exposeStringList('flags', { description: 'E.g. CLIENT_TIME_IN_FUTURE when the device clock is more than a day ahead.' }),
  }),
});

// Like SyncMutationResult: only reachable inside an authorized SyncResult.
const PulledChangeRef = builder.objectRef<PulledChange>('PulledChange').implement({
  fields: (t) => ({
    seq: t.exposeInt('seq'),
    entityType: t.exposeString('entityType', { description: 'STREET, SPOT, CAMPAIGN, FINDING or TALLY_TOTALS.' }),
    entityId: t.exposeID('entityId'),
    op: t.exposeString('op', { description: 'UPSERT or DELETE (a tombstone).' }),
    data: t.field({ type: 'JSON', nullable: true, resolve: (c) => c.data }),
  }),
});

const PullRef = builder.objectRef<PullResult>('SyncPull').implement({
  authScopes: { $any: { coordinator: true, participant: true } },
  fields: (t) => ({
    changes: t.field({ type: [PulledChangeRef], resolve: (p) => p.changes }),
    cursor: t.exposeString('cursor', { description: 'Send it back next time.' }),
    hasMore: t.exposeBoolean('hasMore'),
    resetRequired: t.exposeBoolean('resetRequired', { description: 'The cursor is unknown: refetch everything; keep the outbox.' }),
  }),
});

const SyncResultRef = builder.objectRef<service.SyncResult>('SyncResult').implement({
  authScopes: { $any: { coordinator: true, participant: true } },
  fields: (t) => ({
    results: t.field({
      type: [MutationResultRef],
      description: 'Every entry of the batch in full. App versions from before appliedSeqs ask for this; the current one asks for appliedSeqs and otherResults, which say the same in far less space.',
      resolve: (r) => r.results,
    }),
    appliedSeqs: t.intList({
      description: 'Seqs of the entries applied now with nothing to remark: drop them from the outbox.',
      resolve: (r) => r.results.filter(service.isPlainlyApplied).map((result) => result.seq),
    }),
    otherResults: t.field({
      type: [MutationResultRef],
      description: 'Every entry not in appliedSeqs (duplicates, refusals, and applied entries with flags), in full.',
      resolve: (r) => r.results.filter((result) => !service.isPlainlyApplied(result)),
    }),
    expectedSeq: t.exposeInt('expectedSeq', { nullable: true, description: 'A seq was missing: resend from this seq on.' }),
    lastSeq: t.exposeInt('lastSeq', { description: 'The highest seq the server has processed for this device.' }),
    serverTime: t.expose('serverTime', { type: 'DateTime', description: 'Show "last confirmed sync" in this time, not the device clock.' }),
    missingPhotoIds: t.exposeIDList('missingPhotoIds', { description: 'Photos referenced in this batch that have not been uploaded yet.' }),
    pull: t.field({ type: PullRef, resolve: (r) => r.pull }),
  }),
});

const DeviceRef = builder.objectRef<service.DeviceStatus>('SyncDevice').implement({
  authScopes: { coordinator: true },
  fields: (t) => ({
    deviceId: t.exposeID('deviceId'),
    participantId: t.id({ nullable: true, resolve: (d) => (d.owner.startsWith('p:') ? d.owner.slice(2) : null) }),
    participant: t.loadable({
      type: ParticipantRef,
      nullable: true,
      description: "The participant who uses the device; null for a coordinator's device.",
      // A key is "campaign id/participant id": a device names only a participant of its own campaign.
      load: async (keys: string[], ctx) => {
        const campaigns = new Map<string, string[]>();
        for (const key of keys) {
          const [campaignId, participantId] = key.split('/') as [string, string];
          campaigns.set(campaignId, [...(campaigns.get(campaignId) ?? []), participantId]);
        }
        const lists = await Promise.all([...campaigns].map(([campaignId, ids]) => participantsOfCampaignByIds(ctx.db, campaignId, ids)));
        const found = new Map(lists.flat().map((p) => [`${p.campaignId}/${p.id}`, p]));
        return keys.map((key) => found.get(key) ?? null);
      },
      resolve: (d) => (d.owner.startsWith('p:') ? `${d.campaignId}/${d.owner.slice(2)}` : null),
    }),
    lastSeq: t.exposeInt('lastSeq'),
    firstSeenAt: t.expose('firstSeenAt', { type: 'DateTime' }),
    lastSyncAt: t.expose('lastSyncAt', { type: 'DateTime' }),
  }),
});

builder.objectFields(CampaignRef, (t) => ({
  devices: t.field({
    type: [DeviceRef],
    description: 'Devices that synced for this campaign, most recent first (at most 1000).',
    authScopes: { coordinator: true },
    resolve: (campaign, _args, ctx) => service.devicesOfCampaign(ctx.db, ctx.viewer, campaign),
  }),
}));

const mutationList = z
  .array(
    z.object({
      mutationId: z.uuid('Gebruik een UUID als mutationId.'),
      seq: z.number().int().min(1),
      // A command's name is a word (an unknown one is refused per entry, with the name in the
      // message); anything else, such as a NUL that PostgreSQL cannot store, no app sends.
      name: z.string().min(1).max(64).regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'Een opdracht heet met letters en cijfers.'),
      args: z.unknown(),
      // One form (UTC, with milliseconds) at the edge: device times are compared as text
      // further on (which of a walker's answers counts, what arrived after closing).
      clientTime: z.iso.datetime({ offset: true, message: 'Gebruik ISO-8601 voor clientTime.' }).transform((v) => new Date(v).toISOString()),
      formatVersion: z.number().int().min(1).max(100),
      argsOmittedBytes: z.number().int().min(0).nullish(),
    }),
  )
  .max(MAX_BATCH_ENTRIES, `Stuur hoogstens ${MAX_BATCH_ENTRIES} wijzigingen per keer.`);

const SyncMutationInput = builder.inputType('SyncMutationInput', {
  fields: (t) => ({
    mutationId: t.id(),
    seq: t.int(),
    name: t.string(),
    args: t.field({ type: 'JSON' }),
    clientTime: t.string({
      description:
        "The device clock when the change was made (ISO-8601, any offset; stored in UTC). It decides which of a walker's answers counts (the latest) and whether an entry was made before a campaign closed.",
    }),
    formatVersion: t.int(),
    argsOmittedBytes: t.int({
      required: false,
      description: `Set by a device whose entry is too large to send (over MAX_ENTRY_BYTES): args are left out and the entry is refused on its own, so it blocks nothing behind it.`,
    }),
  }),
});

const SyncInput = builder.inputType('SyncInput', {
  fields: (t) => ({
    deviceId: t.id({ validate: z.uuid('Gebruik een UUID als deviceId.') }),
    campaignId: t.id({ required: false, description: 'Coordinators only; a participant device syncs its own campaign.' }),
    // One schema for the whole list: checking each entry's fields separately costs a
    // third of a 500-entry batch (measured), this a few percent.
    mutations: t.field({ type: [SyncMutationInput], validate: mutationList }),
    cursor: t.string({ required: false, validate: z.string().max(32).nullish() }),
  }),
});

builder.mutationField('sync', (t) =>
  t.field({
    type: SyncResultRef,
    description: 'Pushes outbox entries (applied once each, in seq order) and pulls what changed since the cursor.',
    authScopes: { $any: { coordinator: true, participant: true } },
    args: { input: t.arg({ type: SyncInput }) },
    resolve: (_root, { input }, ctx) =>
      ctx.syncRunner.run(
        ctx.viewer,
        {
          deviceId: String(input.deviceId),
          campaignId: input.campaignId == null ? null : String(input.campaignId),
          cursor: input.cursor ?? null,
          mutations: input.mutations.map((m) => ({ ...m, args: m.args ?? null, argsOmittedBytes: m.argsOmittedBytes ?? null, mutationId: String(m.mutationId) })),
        },
        ctx.logger,
        ctx.requestId,
      ),
  }),
);
