/**
 * The app with S3_BUCKET set: photos uploaded through PUT /media/:id land in the bucket
 * (a local S3-compatible server, s3rver, reached through the AWS SDK with credentials from
 * process.env) and nothing in MEDIA_DIR; GET /media/:id serves them back from there, and
 * answers 404 for a photo whose object is gone. Readiness does not weigh the free disk of
 * a media folder that holds no photos. An app whose bucket cannot be used does not start.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import sharp from 'sharp';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/src/app.js';
import { loadConfig } from '../../server/src/config.js';
import { createLogger } from '../../server/src/logger.js';
import { readinessChecks } from '../../server/src/modules/metrics/readiness.js';
import { accessFixture, type AccessFixture } from '../support/access-fixtures.js';
import { startS3TestServer, type S3TestServer } from '../support/s3-test-server.js';
import { databaseFile } from '../support/test-app.js';

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const photo = (seed: number) => sharp({ create: { width: 2000, height: 1500, channels: 3, background: { r: seed * 40, g: 110, b: 70 } } }).jpeg().toBuffer();
const keysOf = (id: string) => [`photos/${id.slice(0, 2)}/${id}.display.jpg`, `photos/${id.slice(0, 2)}/${id}.thumb.jpg`];

describe('photos in an S3 bucket', () => {
  let s3: S3TestServer;
  let fx: AccessFixture;
  let uploader: Record<string, string>;
  const put = (id: string, bytes: Buffer) =>
    fetch(`${fx.t.url}/media/${id}`, { method: 'PUT', headers: { ...uploader, 'content-type': 'image/jpeg', sha256: sha(bytes) }, body: new Uint8Array(bytes) });
  const get = async (id: string, size: 'display' | 'thumb') => {
    const response = await fetch(`${fx.t.url}/media/${id}?size=${size}`, { headers: uploader });
    return { status: response.status, type: response.headers.get('content-type'), bytes: Buffer.from(await response.arrayBuffer()) };
  };

  beforeAll(async () => {
    s3 = await startS3TestServer();
    fx = await accessFixture(s3.env);
    uploader = (await fx.makeParticipant(fx.schouwA)).headers;
  });
  afterAll(async () => {
    await fx?.t.close();
    await s3?.close();
  });

  it('stores an upload in the bucket, not in MEDIA_DIR, and serves it back from there', async () => {
    expect(fx.t.config.s3).toMatchObject({ bucket: s3.bucket, endpoint: s3.endpoint, forcePathStyle: true });
    const id = uuidv7();
    const bytes = await photo(1);
    expect((await put(id, bytes)).status).toBe(201);
    // A retried upload of the same photo is answered from its row, as on the folder.
    expect((await put(id, bytes)).status).toBe(200);

    expect((await s3.keys()).filter((key) => key.includes(id))).toEqual(keysOf(id));
    for (const size of ['display', 'thumb'] as const) {
      const served = await get(id, size);
      expect(served).toMatchObject({ status: 200, type: 'image/jpeg' });
      expect(served.bytes.equals((await s3.read(`photos/${id.slice(0, 2)}/${id}.${size}.jpg`))!)).toBe(true);
    }
    const display = await sharp((await get(id, 'display')).bytes).metadata();
    expect([display.format, Math.max(display.width!, display.height!)]).toEqual(['jpeg', 1600]);
    const mediaFiles = fs.existsSync(fx.t.config.mediaDir) ? fs.readdirSync(fx.t.config.mediaDir, { recursive: true }) : [];
    expect(mediaFiles).toEqual([]);
  });

  it('answers 404, as for a photo that does not exist, when its object is gone from the bucket', async () => {
    const id = uuidv7();
    expect((await put(id, await photo(2))).status).toBe(201);
    await s3.remove(`photos/${id.slice(0, 2)}/${id}.display.jpg`);
    expect((await get(id, 'display')).status).toBe(404);
    expect((await get(uuidv7(), 'display')).status).toBe(404);
    expect((await get(id, 'thumb')).status).toBe(200);
  });

  it('starts only when its bucket can be used: otherwise createApp fails, naming the setting to fix', async () => {
    // createApp itself, not a listen() after it, must fail. On a database of its own, as
    // the app runs: a failed start closes the sync worker and the database it opened.
    const file = databaseFile();
    const start = (env: Record<string, string>) => {
      const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', PORT: '0', ...file.env, ...env });
      return createApp(config, createLogger(config));
    };
    try {
      await expect(start({ ...s3.env, S3_BUCKET: 'no-such-bucket' })).rejects.toThrow(
        `cannot use the photo bucket S3_BUCKET="no-such-bucket" at S3_ENDPOINT=${s3.endpoint}: the bucket does not exist. Create it, or set S3_BUCKET to the bucket that holds the photos.`,
      );
      const app = await start(s3.env);
      await app.close();
    } finally {
      file.remove();
    }
  });

  it('is ready', async () => {
    expect((await fetch(`${fx.t.url}/readyz`)).status).toBe(200);
  });

  it('leaves the disk of a media folder out of readiness when there is none (mediaDir null)', async () => {
    const sources = { db: fx.t.app.connection.db, syncRunner: fx.t.app.syncRunner, databaseFile: null, minFreeDiskBytes: Number.MAX_SAFE_INTEGER, logger: createLogger({ logLevel: 'silent' }) };
    // No disk has this much free: only a folder that is not checked passes.
    expect(await readinessChecks({ ...sources, mediaDir: fx.t.config.mediaDir })()).toEqual(['disk']);
    expect(await readinessChecks({ ...sources, mediaDir: null })()).toEqual([]);
  });
});
