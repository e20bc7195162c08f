/**
 * What the header says about the connection follows the app's own requests, not only the
 * browser: the sync transport tells after every request whether it reached the server.
 */
import { describe, expect, it } from 'vitest';
import { createHttpTransport, SyncError } from '$lib/offline/transport';

describe('the sync transport tells whether the server was reached', () => {
  it('not when the request never got an answer, yes on any answer, a refusal too', async () => {
    const reached: boolean[] = [];
    let answer: () => Promise<Response> = () => Promise.reject(new TypeError('Failed to fetch'));
    const transport = createHttpTransport({ token: () => 't', fetch: () => answer(), onServerReached: (r) => reached.push(r) });
    const request = { deviceId: 'd', campaignId: 'c', mutations: [], cursor: null };

    await expect(transport.sync(request)).rejects.toMatchObject({ kind: 'RETRY', message: 'Geen verbinding met de server.' });
    answer = async () => new Response('{"errors":[{"message":"Even niet."}]}', { status: 503 });
    await expect(transport.sync(request)).rejects.toBeInstanceOf(SyncError);
    answer = () => Promise.reject(new TypeError('Failed to fetch'));
    await expect(transport.uploadPhoto('p', new ArrayBuffer(8), 'h')).rejects.toBeInstanceOf(SyncError);
    answer = async () => new Response('{"sha256":"h"}', { status: 201 });
    await expect(transport.uploadPhoto('p', new ArrayBuffer(8), 'h')).resolves.toEqual({ sha256: 'h' });

    expect(reached).toEqual([false, true, false, true]);
  });
});
