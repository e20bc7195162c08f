/**
 * The photo store's contract (photo-store.ts), one set of tests run against both stores
 * as createPhotoStore makes them from a configuration: the folder (MEDIA_DIR, in a
 * temporary folder) and S3-compatible object storage (a real S3 API: s3rver in this
 * process, reached through the AWS SDK). Each store is also read around itself, where its
 * layout says a photo lies, so the tests see what is really stored.
 *
 * One case cannot be checked on s3rver: it writes an object into its final file as the
 * bytes arrive, so a read during a PUT can see part of it, where S3 itself (and MinIO,
 * Ceph) never shows a partial object. That case runs for the folder only.
 *
 * Then what only the S3 store does: its start-up check (check()), which names the settings
 * to fix and no secret, and its requests to an S3_ENDPOINT, which carry no checksum that
 * the service did not ask for.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mediaFile } from '../../server/src/modules/media/photo-store-folder.js';
import { createPhotoStore } from '../../server/src/modules/media/photo-store-from-config.js';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { photoKey, s3PhotoStore, type S3Settings } from '../../server/src/modules/media/photo-store-s3.js';
import { MEDIA_SIZES, type MediaSize, type PhotoStore } from '../../server/src/modules/media/photo-store.js';
import { S3RVER_CREDENTIALS, startS3TestServer, type S3TestServer } from '../support/s3-test-server.js';

interface Subject {
  store: PhotoStore;
  /** The bytes where this store's layout puts a photo, read without the store; null: nothing there. */
  storedAt(id: string, size: MediaSize): Promise<Buffer | null>;
  /** Everything the store holds, as paths in the folder or keys in the bucket. */
  everything(): Promise<string[]>;
  /** What those paths or keys start with: the folder itself, or photos/ in the bucket. */
  prefix: string;
  /** The same kind of store, configured so that it cannot work (a folder below a file, a bucket that does not exist). */
  broken(): Promise<PhotoStore>;
  close(): Promise<void>;
}

const stores: { name: string; showsOnlyWholeObjects: boolean; start(): Promise<Subject> }[] = [
  {
    name: 'folder (MEDIA_DIR)',
    showsOnlyWholeObjects: true,
    async start() {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'buurtkracht-photo-store-'));
      const mediaDir = path.join(dir, 'media');
      const store = await createPhotoStore({ mediaDir, s3: null });
      expect(store.location).toBe(mediaDir);
      fs.writeFileSync(path.join(dir, 'a-file'), '');
      return {
        store,
        prefix: '',
        storedAt: async (id, size) => (fs.existsSync(mediaFile(mediaDir, id, size)) ? fs.readFileSync(mediaFile(mediaDir, id, size)) : null),
        everything: async () => (fs.existsSync(mediaDir) ? fs.readdirSync(mediaDir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.relative(mediaDir, path.join(e.parentPath, e.name))).sort() : []),
        broken: () => createPhotoStore({ mediaDir: path.join(dir, 'a-file', 'media'), s3: null }),
        async close() {
          await store.close();
          fs.rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  },
  {
    name: 'S3 (s3rver)',
    // s3rver's own shortcut (see the header), not a property of the S3 store.
    showsOnlyWholeObjects: false,
    async start() {
      const s3 = await startS3TestServer();
      const settings = { bucket: s3.bucket, endpoint: s3.endpoint, region: 'us-east-1', forcePathStyle: true };
      const store = await createPhotoStore({ mediaDir: '/nonexistent/unused', s3: settings });
      expect(store.location).toBe(`s3://${s3.bucket}/photos/`);
      const opened: PhotoStore[] = [store];
      return {
        store,
        prefix: 'photos/',
        storedAt: (id, size) => s3.read(photoKey(id, size)),
        everything: () => s3.keys(),
        async broken() {
          const other = await createPhotoStore({ mediaDir: '/nonexistent/unused', s3: { ...settings, bucket: 'no-such-bucket' } });
          opened.push(other);
          return other;
        },
        async close() {
          for (const each of opened) await each.close();
          await s3.close();
        },
      };
    },
  },
];

const readAll = async (stream: Readable) => Buffer.concat(await stream.toArray());
const read = async (store: PhotoStore, id: string, size: MediaSize) => {
  const stream = await store.get(id, size);
  return stream ? readAll(stream) : null;
};

describe.each(stores)('photo store: $name', ({ start, showsOnlyWholeObjects }) => {
  let subject: Subject;
  beforeAll(async () => {
    subject = await start();
  });
  afterAll(() => subject?.close());

  it('gives back, as a stream, the bytes it stored for each size, and keeps them where its layout says', async () => {
    const id = uuidv7();
    const bytes = { display: randomBytes(3 * 1024 * 1024), thumb: randomBytes(20_000) };
    for (const size of MEDIA_SIZES) await subject.store.put(id, size, bytes[size]);
    for (const size of MEDIA_SIZES) {
      expect((await read(subject.store, id, size))!.equals(bytes[size])).toBe(true);
      expect((await subject.storedAt(id, size))!.equals(bytes[size])).toBe(true);
    }
  });

  it('answers null for an id it never stored, and for a size of a photo that was not stored', async () => {
    expect(await subject.store.get(uuidv7(), 'display')).toBeNull();
    const id = uuidv7();
    await subject.store.put(id, 'display', randomBytes(100));
    expect(await subject.store.get(id, 'thumb')).toBeNull();
  });

  it('replaces what it holds under an id and size when that is stored again (a retried upload)', async () => {
    const id = uuidv7();
    await subject.store.put(id, 'thumb', Buffer.from('first attempt'));
    await subject.store.put(id, 'thumb', Buffer.from('second attempt'));
    expect((await read(subject.store, id, 'thumb'))!.toString()).toBe('second attempt');
  });

  it.runIf(showsOnlyWholeObjects)('never shows half a photo: while two uploads of one id write at once, every read is nothing or one of them whole', async () => {
    const id = uuidv7();
    const [a, b] = [randomBytes(2 * 1024 * 1024), randomBytes(2 * 1024 * 1024)];
    let writing = true;
    const writes = Promise.all(Array.from({ length: 6 }, (_, i) => subject.store.put(id, 'display', i % 2 ? a : b))).finally(() => (writing = false));
    const seen: string[] = [];
    while (writing) {
      const got = await read(subject.store, id, 'display');
      seen.push(got === null ? 'nothing' : got.equals(a) ? 'a' : got.equals(b) ? 'b' : 'torn');
    }
    await writes;
    expect(seen).not.toContain('torn');
    const last = await read(subject.store, id, 'display');
    expect(last!.equals(a) || last!.equals(b)).toBe(true);
  });

  it('keeps a photo as <id[0..2]>/<id>.<size>.jpg (under photos/ in a bucket), and nothing half-written', async () => {
    const id = uuidv7();
    for (const size of MEDIA_SIZES) await subject.store.put(id, size, randomBytes(1000));
    const everything = await subject.everything();
    expect(everything.filter((name) => name.includes(id))).toEqual([`${subject.prefix}${id.slice(0, 2)}/${id}.display.jpg`, `${subject.prefix}${id.slice(0, 2)}/${id}.thumb.jpg`]);
    expect(everything.filter((name) => !/^[\w/.-]+\.(display|thumb)\.jpg$/.test(name) || !name.startsWith(subject.prefix))).toEqual([]);
  });

  it('fails, rather than answering "missing", when the store itself cannot be used', async () => {
    const broken = await subject.broken();
    await expect(broken.put(uuidv7(), 'display', randomBytes(100))).rejects.toThrow();
    await expect(broken.get(uuidv7(), 'display')).rejects.toThrow();
  });
});

describe('S3 store only: the check at start, and no unasked checksums to an S3_ENDPOINT', () => {
  let s3: S3TestServer;
  const opened: PhotoStore[] = [];
  const store = (changes: Partial<S3Settings> = {}, options?: { checkTimeoutMs?: number }) => {
    const made = s3PhotoStore({ bucket: s3.bucket, endpoint: s3.endpoint, region: 'us-east-1', forcePathStyle: true, ...changes }, options);
    opened.push(made);
    return made;
  };
  const failure = async (made: PhotoStore) => {
    const error = await made.check().then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    const { message } = error as Error;
    // Neither the access key id nor its secret (both S3RVER here) nor a password in the URL.
    for (const secret of [S3RVER_CREDENTIALS.accessKeyId, S3RVER_CREDENTIALS.secretAccessKey, 'hunter2', 'AKIAWRONGKEY', 'wrong-secret']) expect(message).not.toContain(secret);
    return message;
  };
  beforeAll(async () => {
    s3 = await startS3TestServer();
  });
  afterAll(async () => {
    for (const each of opened) await each.close();
    await s3?.close();
  });

  it('passes for a bucket that exists and the credentials may use', async () => {
    await expect(store().check()).resolves.toBeUndefined();
  });

  it('names S3_BUCKET and S3_ENDPOINT when the bucket does not exist', async () => {
    expect(await failure(store({ bucket: 'no-such-bucket' }))).toBe(
      `cannot use the photo bucket S3_BUCKET="no-such-bucket" at S3_ENDPOINT=${s3.endpoint}: the bucket does not exist. Create it, or set S3_BUCKET to the bucket that holds the photos.`,
    );
  });

  it('says that access was refused, naming the variables and not their values, when the credentials are refused', async () => {
    const before = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };
    process.env.AWS_ACCESS_KEY_ID = 'AKIAWRONGKEY';
    process.env.AWS_SECRET_ACCESS_KEY = 'wrong-secret';
    try {
      const message = await failure(store());
      expect(message).toMatch(/^cannot use the photo bucket S3_BUCKET="buurtkracht-photos" at S3_ENDPOINT=http:\/\/127\.0\.0\.1:\d+: access refused \(HTTP 403\)\. Check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY/);
      expect(message).toContain('s3:ListBucket');
    } finally {
      for (const [name, value] of [['AWS_ACCESS_KEY_ID', before.id], ['AWS_SECRET_ACCESS_KEY', before.secret]] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });

  it('says it cannot connect, showing the endpoint without the password in its URL', async () => {
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as net.AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const message = await failure(store({ endpoint: `http://someone:hunter2@127.0.0.1:${port}` }));
    expect(message).toBe(`cannot use the photo bucket S3_BUCKET="buurtkracht-photos" at S3_ENDPOINT=http://127.0.0.1:${port}: cannot connect (ECONNREFUSED). Check S3_ENDPOINT and that this machine can reach it.`);
  });

  it('gives up after its timeout when the endpoint accepts the connection and never answers', async () => {
    const sockets = new Set<net.Socket>();
    const silent = net.createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const started = Date.now();
      const message = await failure(store({ endpoint: `http://127.0.0.1:${(silent.address() as net.AddressInfo).port}` }, { checkTimeoutMs: 300 }));
      expect(message).toMatch(/: no answer within 0\.3 s\. Check S3_ENDPOINT and that this machine can reach it\.$/);
      expect(Date.now() - started).toBeLessThan(3_000);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('sends no checksum the service did not ask for to an S3_ENDPOINT (some S3-compatible services refuse them)', async () => {
    const seen: http.IncomingHttpHeaders[] = [];
    const recorder = http.createServer((request, response) => {
      seen.push(request.headers);
      request.resume().on('end', () => response.writeHead(200, { etag: '"x"' }).end());
    });
    await new Promise<void>((resolve) => recorder.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${(recorder.address() as net.AddressInfo).port}`;
    const plain = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials: S3RVER_CREDENTIALS });
    try {
      // The SDK as it comes does send one: the recorder would see it.
      await plain.send(new PutObjectCommand({ Bucket: 'b', Key: 'k', Body: Buffer.from('bytes') }));
      await store({ endpoint }).put(uuidv7(), 'thumb', Buffer.from('bytes'));
      const checksums = seen.map((headers) => Object.keys(headers).filter((name) => name.startsWith('x-amz-checksum-') || name === 'x-amz-sdk-checksum-algorithm'));
      expect(checksums[0]!.length).toBeGreaterThan(0);
      expect(checksums[1]).toEqual([]);
    } finally {
      plain.destroy();
      await new Promise((resolve) => recorder.close(resolve));
    }
  });
});
