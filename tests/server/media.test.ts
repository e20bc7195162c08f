/** Photo uploads over real HTTP: integrity, idempotency, size and type limits, EXIF removal, access. */
import { createHash } from 'node:crypto';
import http from 'node:http';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { accessFixture, type AccessFixture } from '../support/access-fixtures.js';
import { SYNC, TestDevice } from '../support/sync-client.js';

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** A JPEG as a phone makes it: large, with EXIF naming the phone and where it was. */
async function phonePhoto(seed: number, width = 2400, height = 1800): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: (seed * 37) % 255, g: 120, b: 80 } } })
    .jpeg({ quality: 90 })
    .withExif({ IFD0: { Make: 'TestPhone', Model: `Model ${seed}`, Software: 'Camera 1.0' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 51/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '4/1 39/1 0/1' } })
    .toBuffer();
}

describe('photos', () => {
  let fx: AccessFixture;
  let schouwer: Record<string, string>;
  const put = (id: string, bytes: Buffer, headers: Record<string, string> = schouwer, hash = sha(bytes)) =>
    fetch(`${fx.t.url}/media/${id}`, { method: 'PUT', headers: { 'content-type': 'image/jpeg', sha256: hash, ...headers }, body: new Uint8Array(bytes) });

  beforeAll(async () => {
    fx = await accessFixture();
    schouwer = (await fx.makeParticipant(fx.schouwA)).headers;
  });
  afterAll(() => fx.t.close());

  it('stores 30 photos exactly once each, across an interrupted and resumed upload, with matching hashes and no EXIF', async () => {
    const photos = await Promise.all(Array.from({ length: 30 }, async (_, i) => ({ id: uuidv7(), bytes: await phonePhoto(i) })));
    // The first ten go through; the eleventh is cut off halfway, as when the signal drops.
    for (const photo of photos.slice(0, 10)) expect((await put(photo.id, photo.bytes)).status).toBe(201);
    const cut = photos[10]!;
    await new Promise<void>((resolve) => {
      const { port } = new URL(fx.t.url);
      const request = http.request({ host: '127.0.0.1', port, path: `/media/${cut.id}`, method: 'PUT', headers: { ...schouwer, 'content-type': 'image/jpeg', sha256: sha(cut.bytes), 'content-length': cut.bytes.length } });
      request.on('error', () => resolve());
      request.write(cut.bytes.subarray(0, cut.bytes.length / 2), () => setTimeout(() => { request.destroy(); resolve(); }, 50));
    });
    // Resumed: the device sends everything it has not seen confirmed, including some it had.
    for (const photo of photos.slice(5)) {
      const response = await put(photo.id, photo.bytes);
      expect([200, 201]).toContain(response.status);
      expect(((await response.json()) as any).sha256).toBe(sha(photo.bytes));
    }
    const rows = await fx.t.app.connection.db.selectFrom('media').selectAll().where('id', 'in', photos.map((p) => p.id)).execute();
    expect(rows).toHaveLength(30);
    for (const photo of photos) expect(rows.find((r) => r.id === photo.id)!.sha256).toBe(sha(photo.bytes));

    const stored = Buffer.from(await (await fetch(`${fx.t.url}/media/${photos[0]!.id}`, { headers: schouwer })).arrayBuffer());
    const metadata = await sharp(stored).metadata();
    expect(metadata.exif).toBeUndefined();
    expect(Math.max(metadata.width!, metadata.height!)).toBe(1600);
    expect(stored.includes(Buffer.from('TestPhone'))).toBe(false);
    const thumb = await sharp(Buffer.from(await (await fetch(`${fx.t.url}/media/${photos[0]!.id}?size=thumb`, { headers: schouwer })).arrayBuffer())).metadata();
    expect(Math.max(thumb.width!, thumb.height!)).toBe(320);
  });

  it('refuses 50 MB with 413 before reading it all', async () => {
    const response = await put(uuidv7(), Buffer.alloc(50 * 1024 * 1024, 1));
    expect(response.status).toBe(413);
  });

  it('refuses an HTML file named .jpg (and sent as image/jpeg) with 415', async () => {
    const html = Buffer.from('<!doctype html><script>alert(1)</script>');
    const response = await put(uuidv7(), html);
    expect(response.status).toBe(415);
    expect(((await response.json()) as any).errors[0].message).toMatch(/geen foto/);
  });

  it('refuses HEIC (which this server cannot read) with 415 and a hint', async () => {
    const heic = Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypheic'), Buffer.alloc(64)]);
    const response = await put(uuidv7(), heic);
    expect(response.status).toBe(415);
    expect(((await response.json()) as any).errors[0].message).toMatch(/HEIC/);
  });

  it('refuses bytes that do not match their hash, and another photo under a used id', async () => {
    const bytes = await phonePhoto(99, 200, 100);
    expect((await put(uuidv7(), bytes, schouwer, sha(Buffer.from('iets anders')))).status).toBe(400);
    const id = uuidv7();
    expect((await put(id, bytes)).status).toBe(201);
    expect((await put(id, await phonePhoto(98, 200, 100))).status).toBe(409);
  });

  it('requires a device token or session to upload', async () => {
    const bytes = await phonePhoto(1, 100, 100);
    expect((await put(uuidv7(), bytes, {})).status).toBe(401);
  });

  it('shows a photo only to its uploader and to those who may see a finding with it, with nosniff', async () => {
    const photo = uuidv7();
    expect((await put(photo, await phonePhoto(7, 300, 200))).status).toBe(201);
    const get = (headers: Record<string, string>) => fetch(`${fx.t.url}/media/${photo}`, { headers });
    expect((await get(fx.headers.coordinator)).status).toBe(404);
    expect((await get(fx.headers.otherParticipant)).status).toBe(404);
    expect((await get({})).status).toBe(401);
    const device = new TestDevice();
    await fx.query(schouwer, SYNC, device.input([device.entry('recordFinding', { id: uuidv7(), campaignId: fx.schouwA.id, category: 'GROEN_ONDERHOUD', streetId: fx.streetA, text: 'Dode struik', photoIds: [photo] })]));
    const response = await get(fx.headers.coordinator);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/jpeg');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await get(fx.headers.otherParticipant)).status).toBe(404);
  });
});
