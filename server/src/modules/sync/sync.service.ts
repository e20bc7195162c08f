/**
 * The sync protocol, server half. A device pushes its outbox in batches; the server
 * applies a batch in one transaction in seq order through the domain services, records
 * every processed mutation for good (a replay gets the stored answer), and never lets a
 * rejected entry block the ones after it. A gap in seq stops the batch there and is
 * reported, so the device resends from that point. Then the device pulls what changed.
 * Batches that arrive together may share one transaction (syncTogether). Applying the
 * entries themselves is in sync-entries.ts.
 */
import { managesNeighbourhood, type Viewer } from '../../auth/viewer.js';
import type { Db, DbOrTrx } from '../../db/database.js';
import { DomainError, ErrorCode, notFound } from '../../domain-error.js';
import type { Logger } from '../../logger.js';
import { loadCampaign, type Campaign } from '../campaign/campaign.service.js';
import { pullChanges, type PullResult } from './sync-pull.service.js';
import { applyInOrder, NO_FLAGS, yieldToEventLoop } from './sync-entries.js';
import { MAX_BATCH_ENTRIES } from '@buurtkracht/protocol/sync-protocol';
import * as repo from './sync.repo.js';
import type { PushedMutation, SyncInput } from './sync-request.js';
import type { SyncMutationRow, SyncStatus } from './sync.table.js';

export interface MutationResult {
  mutationId: string;
  seq: number;
  status: SyncStatus;
  code: string | null;
  message: string | null;
  entityId: string | null;
  flags: string[];
}

export interface SyncResult {
  results: MutationResult[];
  /** Set when a seq was missing: resend from this seq on. */
  expectedSeq: number | null;
  lastSeq: number;
  serverTime: string;
  missingPhotoIds: string[];
  pull: PullResult;
}

/**
 * An entry that was applied now and has nothing to remark: the common case (a batch of
 * tally taps). The field app gets these as bare seqs and every other entry in full, which
 * makes the answer to a 500-entry batch about a twentieth of the size.
 */
export const isPlainlyApplied = (result: MutationResult): boolean => result.status === 'APPLIED' && result.flags.length === 0;

const ownerOf = (viewer: Viewer): string => (viewer.kind === 'participant' ? `p:${viewer.participantId}` : viewer.kind === 'staff' ? `s:${viewer.accountId}` : '');

async function campaignFor(db: DbOrTrx, viewer: Viewer, campaignId: string | null | undefined): Promise<Campaign> {
  const id = viewer.kind === 'participant' ? viewer.campaignId : campaignId;
  const campaign = id ? await loadCampaign(db, id) : null;
  if (!campaign) throw notFound('Deze actie');
  if (viewer.kind === 'participant' ? viewer.campaignId !== campaign.id : !managesNeighbourhood(viewer, campaign.neighbourhoodId)) throw notFound('Deze actie');
  return campaign;
}

const flagsOf = (text: string): string[] => (text === NO_FLAGS ? [] : (JSON.parse(text) as string[]));

const stored = (row: SyncMutationRow, status: SyncStatus): MutationResult => ({
  mutationId: row.mutation_id,
  seq: row.seq,
  status,
  code: row.code,
  message: row.message,
  entityId: row.entity_id,
  flags: flagsOf(row.flags),
});

/**
 * The stored answer to an entry processed before: a refusal stays a refusal (with its code
 * and message), so a device whose answer was lost still shows it to the person instead of
 * taking it as delivered.
 */
const replayed = (row: SyncMutationRow): MutationResult => (row.status === 'REJECTED' ? stored(row, 'REJECTED') : stored(row, 'DUPLICATE'));

/** A batch applied inside a transaction that has not committed yet. */
interface AppliedBatch {
  campaign: Campaign;
  photoIds: Set<string>;
  results: MutationResult[];
  lastSeq: number;
  expectedSeq: number | null;
  /** The seqs the device sent, for the log. */
  seqFrom: number | null;
  seqTo: number | null;
}

/** Applies one device's batch inside the caller's transaction. */
async function applyBatch(trx: DbOrTrx, viewer: Viewer, input: SyncInput, logger: Logger, now: Date): Promise<AppliedBatch> {
  if (input.mutations.length > MAX_BATCH_ENTRIES) {
    throw new DomainError(ErrorCode.BAD_USER_INPUT, `Stuur hoogstens ${MAX_BATCH_ENTRIES} wijzigingen per keer.`);
  }
  const campaign = await campaignFor(trx, viewer, input.campaignId);
  const owner = ownerOf(viewer);
  const mutations = [...input.mutations].sort((a, b) => a.seq - b.seq);
  const photoIds = new Set<string>();

  const registered = await repo.findDevice(trx, input.deviceId);
  if (registered && registered.owner !== owner) {
    throw new DomainError(ErrorCode.CONFLICT, 'Dit apparaat-id is al in gebruik door iemand anders. Installeer de app opnieuw.');
  }
  const device = registered ?? { id: input.deviceId, owner, campaign_id: campaign.id, last_seq: 0, first_seen_at: now.toISOString(), last_sync_at: now.toISOString() };
  const known = new Map((await repo.findMutations(trx, mutations.map((m) => m.mutationId))).map((r) => [r.mutation_id, r]));
  const results: (MutationResult | null)[] = [];
  const toProcess: { mutation: PushedMutation; slot: number }[] = [];
  const repeats: { slot: number; of: string }[] = [];
  const inBatch = new Set<string>();
  let lastSeq = device.last_seq;
  let expectedSeq: number | null = null;

  // First decide, in seq order, what is new, what was seen before, and where a gap stops us.
  for (const mutation of mutations) {
    const previous = known.get(mutation.mutationId);
    if (previous && previous.device_id === device.id) {
      results.push(replayed(previous));
    } else if (previous && mutation.seq === lastSeq + 1) {
      // Another device's id: refused under this entry's own seq, which it uses up, so the
      // device neither keeps it waiting nor is asked for that seq again and again.
      results.push({ mutationId: mutation.mutationId, seq: mutation.seq, status: 'REJECTED', code: 'MUTATION_ID_REUSED', message: 'Dit id is al gebruikt.', entityId: null, flags: [] });
      lastSeq = mutation.seq;
    } else if (inBatch.has(mutation.mutationId)) {
      repeats.push({ slot: results.push(null) - 1, of: mutation.mutationId });
    } else if (mutation.seq <= lastSeq) {
      results.push({ mutationId: mutation.mutationId, seq: mutation.seq, status: 'REJECTED', code: 'SEQ_ALREADY_USED', message: 'Dit volgnummer is al gebruikt voor iets anders.', entityId: null, flags: [] });
    } else if (mutation.seq !== lastSeq + 1) {
      expectedSeq = lastSeq + 1;
      break;
    } else {
      inBatch.add(mutation.mutationId);
      toProcess.push({ mutation, slot: results.push(null) - 1 });
      lastSeq = mutation.seq;
    }
  }

  // A device is registered only with a batch the server takes: one that stops at a gap
  // before its first entry (a device whose server lost its place) leaves no trace, so a
  // device that starts over does not leave a row behind for every attempt.
  const register = !registered && (toProcess.length > 0 || expectedSeq === null);
  if (register) await repo.insertDevice(trx, device);
  const rows = await applyInOrder(trx, viewer, device.id, toProcess.map((p) => p.mutation), logger, now, photoIds);
  await yieldToEventLoop();
  await repo.insertMutations(trx, rows);
  rows.forEach((row, i) => (results[toProcess[i]!.slot] = stored(row, row.status)));
  const byId = new Map(rows.map((r) => [r.mutation_id, r]));
  for (const repeat of repeats) results[repeat.slot] = replayed(byId.get(repeat.of)!);
  if (registered || register) await repo.updateDevice(trx, device.id, { last_seq: lastSeq, last_sync_at: now.toISOString(), campaign_id: campaign.id });

  return { campaign, photoIds, results: results as MutationResult[], lastSeq, expectedSeq, seqFrom: mutations[0]?.seq ?? null, seqTo: mutations.at(-1)?.seq ?? null };
}

/** The answer to a committed batch (logged): its results, photos still missing, and what to pull. */
async function answerBatch(db: DbOrTrx, viewer: Viewer, input: SyncInput, applied: AppliedBatch, logger: Logger, now: Date): Promise<SyncResult> {
  const count = (status: SyncStatus) => applied.results.filter((r) => r.status === status).length;
  logger.info(
    {
      deviceId: input.deviceId,
      seqFrom: applied.seqFrom,
      seqTo: applied.seqTo,
      applied: count('APPLIED'),
      duplicate: count('DUPLICATE'),
      rejected: count('REJECTED'),
      expectedSeq: applied.expectedSeq,
    },
    'sync batch',
  );
  return {
    results: applied.results,
    lastSeq: applied.lastSeq,
    expectedSeq: applied.expectedSeq,
    serverTime: now.toISOString(),
    missingPhotoIds: await repo.missingMedia(db, [...applied.photoIds]),
    pull: await pullChanges(db, viewer, applied.campaign, input.cursor ?? null),
  };
}

export async function sync(db: Db, viewer: Viewer, input: SyncInput, logger: Logger, now = new Date()): Promise<SyncResult> {
  const applied = await db.transaction().execute((trx) => applyBatch(trx, viewer, input, logger, now));
  return answerBatch(db, viewer, input, applied, logger, now);
}

export interface QueuedBatch {
  viewer: Viewer;
  input: SyncInput;
  logger: Logger;
  now: Date;
}

export type BatchOutcome = { result: SyncResult; error?: undefined } | { result?: undefined; error: unknown };

/**
 * Applies batches that arrived together (several phones syncing at once) in one
 * transaction, each in its own savepoint: a batch that fails is undone alone and gets
 * its own error, the others commit. One commit, and so one fsync, for all of them; each
 * answer is sent only after that commit, so nothing is acknowledged that could be lost.
 * The outcomes are what the batches would get one after another in this order.
 */
export async function syncTogether(db: Db, batches: readonly QueuedBatch[]): Promise<BatchOutcome[]> {
  const applied = await db.transaction().execute(async (trx) => {
    const outcomes: ({ applied: AppliedBatch } | { error: unknown })[] = [];
    for (const batch of batches) {
      await repo.savepoint(trx, 'batch');
      try {
        outcomes.push({ applied: await applyBatch(trx, batch.viewer, batch.input, batch.logger, batch.now) });
        await repo.releaseSavepoint(trx, 'batch');
      } catch (error) {
        await repo.rollbackToSavepoint(trx, 'batch');
        await repo.releaseSavepoint(trx, 'batch');
        outcomes.push({ error });
      }
    }
    return outcomes;
  });
  const answers: BatchOutcome[] = [];
  for (const [i, outcome] of applied.entries()) {
    const batch = batches[i]!;
    if ('error' in outcome) answers.push({ error: outcome.error });
    else {
      try {
        answers.push({ result: await answerBatch(db, batch.viewer, batch.input, outcome.applied, batch.logger, batch.now) });
      } catch (error) {
        answers.push({ error });
      }
    }
  }
  return answers;
}

export interface DeviceStatus {
  deviceId: string;
  campaignId: string;
  owner: string;
  lastSeq: number;
  firstSeenAt: string;
  lastSyncAt: string;
}

/** Coordinators see each device of a campaign with its last sync and last seq. */
export async function devicesOfCampaign(db: Db, viewer: Viewer, campaign: Campaign): Promise<DeviceStatus[]> {
  if (!managesNeighbourhood(viewer, campaign.neighbourhoodId)) throw notFound('Deze actie');
  return (await repo.devicesOfCampaign(db, campaign.id)).map((d) => ({ deviceId: d.id, campaignId: campaign.id, owner: d.owner, lastSeq: d.last_seq, firstSeenAt: d.first_seen_at, lastSyncAt: d.last_sync_at }));
}
