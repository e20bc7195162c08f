/**
 * The sync protocol as the field app speaks it: what it sends, the GraphQL text, and
 * what it reads from the answer. No imports, so the benchmark and the server tests can
 * send exactly what the field app sends.
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

export interface PushedMutation {
  mutationId: string;
  seq: number;
  name: string;
  args: unknown;
  clientTime: string;
  formatVersion: number;
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
  otherResults: { mutationId: string; seq: number; status: 'APPLIED' | 'DUPLICATE' | 'REJECTED'; code: string | null; message: string | null }[];
  expectedSeq: number | null;
  lastSeq: number;
  serverTime: string;
  missingPhotoIds: string[];
  pull: { cursor: string; hasMore: boolean; resetRequired: boolean; changes: { seq: number; entityType: string; entityId: string; op: 'UPSERT' | 'DELETE'; data: unknown }[] };
}

export const SYNC_MUTATION = `mutation Sync($input: SyncInput!) {
  sync(input: $input) {
    appliedSeqs otherResults { mutationId seq status code message }
    expectedSeq lastSeq serverTime missingPhotoIds
    pull { cursor hasMore resetRequired changes { seq entityType entityId op data } }
  }
}`;
