/**
 * Photos as files in one folder (MEDIA_DIR), the default for a single app instance:
 * <folder>/<first two characters of the id>/<id>.<size>.jpg. Backups copy this layout as
 * it is (backup.service.ts reads it through mediaFile), so it does not change.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { MediaSize, PhotoStore } from './photo-store.js';

export const mediaFile = (mediaDir: string, id: string, size: MediaSize) => path.join(mediaDir, id.slice(0, 2), `${id}.${size}.jpg`);

async function writeAtomically(file: string, bytes: Buffer): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  // Its own name per write: two uploads of the same photo at once must not share one.
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await fs.writeFile(temporary, bytes);
    await fs.rename(temporary, file);
  } catch (error) {
    // A full disk leaves a partial file behind; it would only take more of the space.
    await fs.rm(temporary, { force: true }).catch(() => undefined);
    throw error;
  }
}

export function folderPhotoStore(mediaDir: string): PhotoStore {
  return {
    location: mediaDir,
    put: (id, size, bytes) => writeAtomically(mediaFile(mediaDir, id, size), bytes),
    async get(id, size): Promise<Readable | null> {
      // Opened before answering, so that a missing file is known while a 404 can still be sent.
      const handle = await fs.open(mediaFile(mediaDir, id, size), 'r').catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return null;
        throw error;
      });
      return handle ? handle.createReadStream() : null;
    },
    // Nothing to check: the folder is made with the first photo, and readiness watches its disk.
    check: async () => undefined,
    close: async () => undefined,
  };
}
