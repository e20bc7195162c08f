/**
 * How the sync engine talks to the server: one GraphQL `sync` call and photo uploads.
 * Errors are sorted into what the engine must do: sign in again, rotate the device id,
 * or try again later. Nothing here decides to drop data.
 */
import type { OutboxEntry } from './idb';
import { MAX_BATCH_BYTES, MAX_BATCH_ENTRIES, MAX_ENTRY_BYTES, SYNC_MUTATION, type PushedMutation, type SyncRequest, type SyncResponse } from '@buurtkracht/protocol/sync-protocol';

export class SyncError extends Error {
  constructor(
    readonly kind: 'AUTH' | 'DEVICE_TAKEN' | 'RETRY' | 'REFUSED',
    message: string,
    readonly status?: number,
    readonly code?: string,
  ) {
    super(message);
  }
}

/** `token` names the membership's token to send; null (or left out) sends the transport's own. */
export interface Transport {
  sync(request: SyncRequest, token?: string | null): Promise<SyncResponse>;
  /** Resolves with the hash the server stored; rejects with a SyncError. */
  uploadPhoto(id: string, bytes: ArrayBuffer, sha256: string, token?: string | null): Promise<{ sha256: string }>;
}

export const toPushed = (entry: OutboxEntry): PushedMutation => ({
  mutationId: entry.mutationId,
  seq: entry.seq,
  name: entry.name,
  args: entry.args,
  clientTime: entry.clientTime,
  formatVersion: entry.formatVersion,
});

const jsonBytes = (value: unknown): number => new TextEncoder().encode(JSON.stringify(value)).length;

/**
 * The next batch from pending entries (in seq order): at most MAX_BATCH_ENTRIES, and
 * MAX_BATCH_BYTES of JSON together, so a batch of long texts never meets the server's
 * request limit. An entry too large to send at all goes without its args, to be refused
 * on its own instead of holding up everything behind it.
 */
export function nextBatch(pending: readonly OutboxEntry[]): { entries: OutboxEntry[]; pushed: PushedMutation[] } {
  const entries: OutboxEntry[] = [];
  const pushed: PushedMutation[] = [];
  let bytes = 0;
  for (const entry of pending) {
    if (entries.length === MAX_BATCH_ENTRIES) break;
    let mutation = toPushed(entry);
    let size = jsonBytes(mutation);
    if (size > MAX_ENTRY_BYTES) {
      mutation = { ...mutation, args: {}, argsOmittedBytes: size };
      size = jsonBytes(mutation);
    }
    if (entries.length > 0 && bytes + size > MAX_BATCH_BYTES) break;
    bytes += size;
    entries.push(entry);
    pushed.push(mutation);
  }
  return { entries, pushed };
}

/** How long a request may take before it counts as a failed attempt (retried with backoff). */
const SYNC_TIMEOUT_MS = 60_000;
const UPLOAD_TIMEOUT_MS = 180_000; // up to 10 MB on a slow connection

/** What a refused `sync` call means for the engine. */
function classifySync(status: number, code: string | undefined, message: string): SyncError {
  if (status === 401 || code === 'UNAUTHENTICATED') return new SyncError('AUTH', message, status);
  if (code === 'CONFLICT') return new SyncError('DEVICE_TAKEN', message, status);
  return new SyncError('RETRY', message, status);
}

/**
 * What a refused photo upload means: it concerns that photo only (never the device id).
 * A damaged transfer is tried again; any other refusal of the bytes (too large, not a
 * photo, an id taken by another photo, not allowed) waits for the person to decide.
 */
function classifyUpload(status: number, code: string | undefined, message: string): SyncError {
  if (status === 401 || code === 'UNAUTHENTICATED') return new SyncError('AUTH', message, status);
  if (code === 'HASH_MISMATCH' || status === 408 || status === 429 || status >= 500) return new SyncError('RETRY', message, status);
  if (status >= 400) return new SyncError('REFUSED', message, status, code);
  return new SyncError('RETRY', message, status);
}

/**
 * `onServerReached` hears after every request whether it reached the server (any answer,
 * even a refusal, does): what the person is shown about the connection.
 */
export function createHttpTransport(options: { baseUrl?: string; token: () => string | null; fetch?: typeof fetch; onServerReached?: (reached: boolean) => void }): Transport {
  const fetchOnce = options.fetch ?? ((...args: Parameters<typeof fetch>) => fetch(...args));
  const doFetch: typeof fetch = async (...args) => {
    try {
      const response = await fetchOnce(...args);
      options.onServerReached?.(true);
      return response;
    } catch (error) {
      options.onServerReached?.(false);
      throw error;
    }
  };
  const base = options.baseUrl ?? '';
  const auth = (membershipToken: string | null | undefined): Record<string, string> => {
    const token = membershipToken ?? options.token();
    return token ? { authorization: `Bearer ${token}` } : {};
  };
  return {
    async sync(request, token) {
      let response: Response;
      try {
        response = await doFetch(`${base}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...auth(token) },
          body: JSON.stringify({ query: SYNC_MUTATION, variables: { input: request } }),
          // A stalled mobile connection must not hold the round (and the sync lock) for good.
          signal: AbortSignal.timeout(SYNC_TIMEOUT_MS),
        });
      } catch {
        throw new SyncError('RETRY', 'Geen verbinding met de server.');
      }
      const body = (await response.json().catch(() => null)) as { data?: { sync: SyncResponse }; errors?: { message: string; extensions?: { code?: string } }[] } | null;
      if (body?.data?.sync) return body.data.sync;
      const error = body?.errors?.[0];
      throw classifySync(response.status, error?.extensions?.code, error?.message ?? `De server antwoordde ${response.status}.`);
    },
    async uploadPhoto(id, bytes, sha256, token) {
      let response: Response;
      try {
        response = await doFetch(`${base}/media/${id}`, { method: 'PUT', headers: { 'content-type': 'image/jpeg', sha256, ...auth(token) }, body: bytes, signal: AbortSignal.timeout(UPLOAD_TIMEOUT_MS) });
      } catch {
        throw new SyncError('RETRY', 'Geen verbinding met de server.');
      }
      const body = (await response.json().catch(() => null)) as { sha256?: string; errors?: { message: string; extensions?: { code?: string } }[] } | null;
      if (response.ok && body?.sha256) return { sha256: body.sha256 };
      const error = body?.errors?.[0];
      throw classifyUpload(response.status, error?.extensions?.code, error?.message ?? `De server antwoordde ${response.status}.`);
    },
  };
}
