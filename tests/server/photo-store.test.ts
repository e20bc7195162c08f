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
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mediaFile } from '../../server/src/modules/media/photo-store-folder.js';
import { createPhotoStore } from '../../server/src/modules/media/photo-store-from-config.js';
import { photoKey } from '../../server/src/modules/media/photo-store-s3.js';
import { MEDIA_SIZES, type MediaSize, type PhotoStore } from '../../server/src/modules/media/photo-store.js';
import { startS3TestServer } from '../support/s3-test-server.js';

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
