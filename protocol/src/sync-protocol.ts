/**
 * The sync protocol between a field device and the server: the limits of one batch, what a
 * device pushes, the GraphQL text the field app sends and the answer it reads. Shared
 * because both sides must hold the same limits (the device builds batches within them, the
 * server refuses larger ones) and the tests and benchmarks must send exactly what the field
 * app sends. How the server checks an entry's fields (zod) stays on the server.
 */

/** Entries per batch. */
export const MAX_BATCH_ENTRIES = 500;
/**
 * A batch's entries together stay under this many bytes of JSON: half the server's 1 MiB
 * request limit, so the query text and the envelope always fit beside them.
 */
export const MAX_BATCH_BYTES = 512 * 1024;
/**
 * An entry larger than this is never sent with its args (no real entry comes close: texts
 * are at most 2,000 characters); it goes with `argsOmittedBytes` instead and is refused on
 * its own, so it cannot hold up the entries behind it.
 */
export const MAX_ENTRY_BYTES = 64 * 1024;

/** What the server answers per entry; a replay gets the answer stored the first time. */
export const SYNC_STATUSES = ['APPLIED', 'DUPLICATE', 'REJECTED'] as const;
export type SyncStatus = (typeof SYNC_STATUSES)[number];

export interface PushedMutation {
  mutationId: string;
  seq: number;
  /** A command name (command-formats.ts); a string, as an older or newer app may send one the server does not know. */
  name: string;
  args: unknown;
  clientTime: string;
  formatVersion: number;
  /** The device left args out: the entry alone was larger than MAX_ENTRY_BYTES. */
  argsOmittedBytes?: number | null;
}

export interface SyncRequest {
  deviceId: string;
  campaignId?: string | null;
  mutations: PushedMutation[];
  cursor: string | null;
}

export interface SyncResponse {
  /** Entries applied now with nothing to remark. */
  appliedSeqs: number[];
  /** Every other entry of the batch: duplicates, refusals, applied with a remark. */
  otherResults: { mutationId: string; seq: number; status: SyncStatus; code: string | null; message: string | null }[];
  expectedSeq: number | null;
  lastSeq: number;
  serverTime: string;
  missingPhotoIds: string[];
  pull: { cursor: string; hasMore: boolean; resetRequired: boolean; changes: { seq: number; entityType: string; entityId: string; op: 'UPSERT' | 'DELETE'; data: unknown }[] };
}

/** The field app's `sync` call: it asks only for the compact answer above. */
export const SYNC_MUTATION = `mutation Sync($input: SyncInput!) {
  sync(input: $input) {
    appliedSeqs otherResults { mutationId seq status code message }
    expectedSeq lastSeq serverTime missingPhotoIds
    pull { cursor hasMore resetRequired changes { seq entityType entityId op data } }
  }
}`;
