/**
 * How the sync engine talks to the server: one GraphQL `sync` call and photo uploads.
 * Errors are sorted into what the engine must do: sign in again, rotate the device id,
 * or try again later. Nothing here decides to drop data.
 */
import type { OutboxEntry } from './idb';
import { SYNC_MUTATION, type PushedMutation, type SyncRequest, type SyncResponse } from './sync-protocol';

export class SyncError extends Error {
  constructor(
    readonly kind: 'AUTH' | 'DEVICE_TAKEN' | 'RETRY' | 'REFUSED',
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

export interface Transport {
  sync(request: SyncRequest): Promise<SyncResponse>;
  /** Resolves with the hash the server stored; rejects with a SyncError. */
  uploadPhoto(id: string, bytes: ArrayBuffer, sha256: string): Promise<{ sha256: string }>;
}

export const toPushed = (entry: OutboxEntry): PushedMutation => ({
  mutationId: entry.mutationId,
  seq: entry.seq,
  name: entry.name,
  args: entry.args,
  clientTime: entry.clientTime,
  formatVersion: entry.formatVersion,
});

function classify(status: number, code: string | undefined, message: string): SyncError {
  if (status === 401 || code === 'UNAUTHENTICATED') return new SyncError('AUTH', message, status);
  if (code === 'CONFLICT') return new SyncError('DEVICE_TAKEN', message, status);
  if (status === 413 || status === 415) return new SyncError('REFUSED', message, status);
  return new SyncError('RETRY', message, status);
}

export function createHttpTransport(options: { baseUrl?: string; token: () => string | null; fetch?: typeof fetch }): Transport {
  const doFetch = options.fetch ?? ((...args: Parameters<typeof fetch>) => fetch(...args));
  const base = options.baseUrl ?? '';
  const auth = (): Record<string, string> => {
    const token = options.token();
    return token ? { authorization: `Bearer ${token}` } : {};
  };
  return {
    async sync(request) {
      let response: Response;
      try {
        response = await doFetch(`${base}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...auth() },
          body: JSON.stringify({ query: SYNC_MUTATION, variables: { input: request } }),
        });
      } catch {
        throw new SyncError('RETRY', 'Geen verbinding met de server.');
      }
      const body = (await response.json().catch(() => null)) as { data?: { sync: SyncResponse }; errors?: { message: string; extensions?: { code?: string } }[] } | null;
      if (body?.data?.sync) return body.data.sync;
      const error = body?.errors?.[0];
      throw classify(response.status, error?.extensions?.code, error?.message ?? `De server antwoordde ${response.status}.`);
    },
    async uploadPhoto(id, bytes, sha256) {
      let response: Response;
      try {
        response = await doFetch(`${base}/media/${id}`, { method: 'PUT', headers: { 'content-type': 'image/jpeg', sha256, ...auth() }, body: bytes });
      } catch {
        throw new SyncError('RETRY', 'Geen verbinding met de server.');
      }
      const body = (await response.json().catch(() => null)) as { sha256?: string; errors?: { message: string; extensions?: { code?: string } }[] } | null;
      if (response.ok && body?.sha256) return { sha256: body.sha256 };
      const error = body?.errors?.[0];
      throw classify(response.status, error?.extensions?.code, error?.message ?? `De server antwoordde ${response.status}.`);
    },
  };
}
