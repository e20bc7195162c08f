/**
 * Refusals never block what comes after them, and never vanish: the sync engine
 * (fake-indexeddb) against the real server. A refusal whose answer was lost stays a
 * refusal, batches fit the server's request limit whatever the texts, an entry too large
 * to send is refused alone, and a refused photo waits for its person while its finding
 * and everything else is sent.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import sharp from 'sharp';
import { openDatabase, type Db } from '$lib/offline/idb';
import { dropPhoto, recordLocally, retryPhoto, storePhoto } from '$lib/offline/outbox';
import { SyncEngine } from '$lib/offline/sync';
import { SyncStatus } from '$lib/offline/sync-status.svelte';
import { createHttpTransport, SyncError, type Transport } from '$lib/offline/transport';
import { accessFixture, type AccessFixture } from '../../support/access-fixtures.js';

const jpeg = async (colour: string) => {
  const buffer = await sharp({ create: { width: 40, height: 30, channels: 3, background: colour } }).jpeg().toBuffer();
  return buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer;
};

describe('sync engine and refusals', () => {
  let fx: AccessFixture;
  let db: Db;
  beforeAll(async () => {
    fx = await accessFixture();
  });
  afterAll(() => fx.t.close());

  const fresh = async () => (db = await openDatabase(`refusals-${uuidv7()}`));
  const finding = (extra: Record<string, unknown> = {}) => ({ name: 'recordFinding', args: { id: uuidv7(), campaignId: fx.schouwA.id, category: 'SCHOON', streetId: fx.streetA, text: 'Zwerfafval bij de bank', ...extra } });
  const findingsOnServer = async (ids: string[]) => (await fx.t.app.connection.db.selectFrom('finding').select('id').where('id', 'in', ids).execute()).length;

  it('keeps a refused entry refused when its first answer was lost', async () => {
    const { token } = await fx.makeParticipant(fx.campaignA);
    await fresh();
    const real = createHttpTransport({ baseUrl: fx.t.url, token: () => token });
    let lose = true;
    const losing: Transport = {
      uploadPhoto: real.uploadPhoto,
      sync: async (request) => {
        const answer = await real.sync(request);
        if (lose) {
          lose = false;
          throw new SyncError('RETRY', 'Geen verbinding met de server.');
        }
        return answer;
      },
    };
    const tally = (actionDayId: string) => ({ name: 'recordTallyEvent', args: { id: uuidv7(), campaignId: fx.campaignA.id, actionDayId, streetId: fx.streetA, unitCode: 'TEGEL_30X30', count: 1 } });
    await recordLocally(db, tally('geen-dag'));
    await recordLocally(db, tally(fx.dayA));
    const status = new SyncStatus();
    const engine = new SyncEngine({ db, transport: losing, status, random: () => 0 });
    expect(await engine.syncNow()).toBe('failed');
    expect(await engine.syncNow()).toBe('done');
    expect(status.attention.map((e) => e.rejection)).toEqual([{ code: 'BAD_USER_INPUT', message: 'Deze actiedag hoort niet bij deze actie.' }]);
    expect(status.pending).toBe(0);
    engine.dispose();
    db.close();
  });

  it('sends 250 findings with long texts in batches the server takes, and refuses alone one too large to send', async () => {
    const { token } = await fx.makeParticipant(fx.schouwA);
    await fresh();
    const sizes: number[] = [];
    const measuring: typeof fetch = async (input, init) => {
      if (typeof init?.body === 'string') sizes.push(new TextEncoder().encode(init.body).length);
      return fetch(input, init);
    };
    const long = 'Losliggende stoeptegels en een scheve paal. '.repeat(45).slice(0, 2000);
    const ids: string[] = [];
    for (let i = 0; i < 250; i++) {
      const write = finding({ text: long, suggestion: long });
      ids.push(write.args.id);
      await recordLocally(db, write);
      if (i === 120) await recordLocally(db, finding({ text: 'x'.repeat(100_000) })); // a broken or crafted entry
    }
    const status = new SyncStatus();
    const engine = new SyncEngine({ db, transport: createHttpTransport({ baseUrl: fx.t.url, token: () => token, fetch: measuring }), status });
    expect(await engine.syncNow()).toBe('done');
    expect(await findingsOnServer(ids)).toBe(250);
    expect(sizes.length).toBeGreaterThan(1);
    expect(Math.max(...sizes)).toBeLessThan(1024 * 1024);
    expect(status.pending).toBe(0);
    expect(status.attention).toHaveLength(1);
    expect(status.attention[0]!.rejection?.message).toMatch(/^Dit is te groot om te versturen \(98 kB, de grens is 64 kB\)/);
    engine.dispose();
    db.close();
  });

  it('keeps a refused photo for the person and still sends its finding and the other photos', async () => {
    const { token } = await fx.makeParticipant(fx.schouwA);
    await fresh();
    const real = createHttpTransport({ baseUrl: fx.t.url, token: () => token });
    // Another photo already stands on the server under this id: a PUT answers 409.
    const takenId = uuidv7();
    const other = await jpeg('#a33');
    const hash = async (bytes: ArrayBuffer) => [...new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))].map((b) => b.toString(16).padStart(2, '0')).join('');
    await real.uploadPhoto(takenId, other, await hash(other));
    const mine = await jpeg('#3a7');
    await db.put('photos', { id: takenId, bytes: mine, sha256: await hash(mine), size: mine.byteLength, createdAt: new Date().toISOString(), membership: '' });
    const goodId = await storePhoto(db, await jpeg('#37a'));
    const write = finding({ photoIds: [takenId, goodId] });
    await recordLocally(db, { ...write, photoIds: [takenId, goodId] });

    let uploads = 0;
    const counting: Transport = { sync: real.sync, uploadPhoto: (...args) => (uploads++, real.uploadPhoto(...args)) };
    const status = new SyncStatus();
    const engine = new SyncEngine({ db, transport: counting, status });
    expect(await engine.syncNow()).toBe('done');
    expect(await findingsOnServer([write.args.id])).toBe(1);
    expect(await db.get('photos', goodId)).toBeUndefined();
    expect(status.pending).toBe(0);
    expect(status.refusedPhotos).toEqual([{ id: takenId, size: mine.byteLength, message: 'Onder dit id staat al een andere foto.' }]);
    expect(uploads).toBe(2);

    // Not sent again by itself; the person can retry it, or leave it out.
    expect(await engine.syncNow()).toBe('done');
    expect(uploads).toBe(2);
    await retryPhoto(db, takenId);
    expect(await engine.syncNow()).toBe('done');
    expect(uploads).toBe(3);
    expect(status.refusedPhotos).toHaveLength(1);
    await dropPhoto(db, takenId);
    await status.refresh(db);
    expect(status.refusedPhotos).toEqual([]);
    expect(await db.count('photos')).toBe(0);
    engine.dispose();
    db.close();
  });
});
