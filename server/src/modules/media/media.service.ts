/**
 * Photos of findings. An upload is checked (size, hash, real image type), re-encoded
 * with sharp, which drops EXIF (GPS position, phone model) and turns it upright, into a
 * display size and a thumbnail; the original bytes are not kept. Uploading the same id
 * with the same bytes again is a no-op, so an interrupted upload can simply be retried.
 * The two sizes go to a PhotoStore (photo-store.ts: MEDIA_DIR or an S3 bucket).
 */
import { createHash } from 'node:crypto';
import sharp, { type OutputInfo } from 'sharp';
import type { Viewer } from '../../auth/viewer.js';
import type { DbOrTrx } from '../../db/database.js';
import { ACCEPTED_KINDS, sniffImage } from './image-check.js';
import * as repo from './media.repo.js';
import type { PhotoStore } from './photo-store.js';

// The folder layout, which backups read (backup.service.ts).
export { mediaFile } from './photo-store-folder.js';

export const DISPLAY_MAX_PX = 1600;
export const THUMB_MAX_PX = 320;

export type UploadOutcome =
  | { kind: 'stored' | 'already-stored'; id: string; sha256: string; width: number; height: number }
  | { kind: 'hash-mismatch' | 'unsupported-type' | 'heic' | 'conflict' | 'not-allowed' | 'unreadable' };

export const ownerOf = (viewer: Viewer): string | null =>
  viewer.kind === 'participant' ? `p:${viewer.participantId}` : viewer.kind === 'staff' && viewer.role !== 'PARTNER' ? `s:${viewer.accountId}` : null;

/** The owner a photo must have to be shown with a finding: the finding's recorder. */
export const recorderOwner = (finding: { participant_id: string | null; staff_account_id: string | null }): string | null =>
  finding.participant_id ? `p:${finding.participant_id}` : finding.staff_account_id ? `s:${finding.staff_account_id}` : null;

/**
 * Of the photos a finding cites, those already uploaded by someone other than its
 * recorder. A finding may cite only its recorder's photos; an id not uploaded yet is
 * fine (offline, the finding may arrive before its photo; see media-access.service.ts).
 */
export async function photosOfOthers(db: DbOrTrx, viewer: Viewer, photoIds: readonly string[]): Promise<string[]> {
  const owner = ownerOf(viewer);
  return (await repo.ownersOf(db, photoIds)).filter((m) => m.owner !== owner).map((m) => m.id);
}

export async function storeUpload(db: DbOrTrx, photos: PhotoStore, viewer: Viewer, input: { id: string; sha256: string; bytes: Buffer }, now = new Date()): Promise<UploadOutcome> {
  const owner = ownerOf(viewer);
  if (!owner) return { kind: 'not-allowed' };
  const sha256 = createHash('sha256').update(input.bytes).digest('hex');
  if (sha256 !== input.sha256.toLowerCase()) return { kind: 'hash-mismatch' };
  const existing = await repo.findMedia(db, input.id);
  if (existing) {
    if (existing.sha256 !== sha256 || existing.owner !== owner) return { kind: 'conflict' };
    return { kind: 'already-stored', id: existing.id, sha256, width: existing.width, height: existing.height };
  }
  const kind = sniffImage(input.bytes);
  if (kind === 'heic') return { kind: 'heic' };
  if (!kind || !ACCEPTED_KINDS.includes(kind)) return { kind: 'unsupported-type' };
  let display: { data: Buffer; info: OutputInfo };
  let thumb: Buffer;
  try {
    // rotate() applies the EXIF orientation; sharp writes no metadata unless asked to.
    const upright = sharp(input.bytes, { failOn: 'error', limitInputPixels: 50_000_000 }).rotate();
    display = await upright.clone().resize(DISPLAY_MAX_PX, DISPLAY_MAX_PX, { fit: 'inside', withoutEnlargement: true }).jpeg({ quality: 82, mozjpeg: true }).toBuffer({ resolveWithObject: true });
    thumb = await upright.clone().resize(THUMB_MAX_PX, THUMB_MAX_PX, { fit: 'inside', withoutEnlargement: true }).jpeg({ quality: 75 }).toBuffer();
  } catch {
    return { kind: 'unreadable' };
  }
  await photos.put(input.id, 'display', display.data);
  await photos.put(input.id, 'thumb', thumb);
  // The row is the commit point: files without a row are rewritten by the next attempt.
  await repo.insertMedia(db, { id: input.id, sha256, owner, original_bytes: input.bytes.length, width: display.info.width, height: display.info.height, created_at: now.toISOString() });
  return { kind: 'stored', id: input.id, sha256, width: display.info.width, height: display.info.height };
}
