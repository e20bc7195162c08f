/**
 * The sync protocol as the field app speaks it: what it sends, the GraphQL text, and
 * what it reads from the answer. No imports, so the benchmark and the server tests can
 * send exactly what the field app sends.
 */
export interface PushedMutation {
  mutationId: string;
  seq: number;
  name: string;
  args: unknown;
  clientTime: string;
  formatVersion: number;
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
