/**
 * Where the bytes of stored photos live: the contract that the folder (MEDIA_DIR,
 * photo-store-folder.ts) and S3-compatible object storage (photo-store-s3.ts) both keep.
 * Each photo has two re-encoded JPEG sizes under its id; media.service.ts decides what is
 * stored, the `media` table says that it was (its row is the commit point), and this
 * store only holds bytes. Nothing removes photos (retention erases rows, not photos), so
 * the store has no delete.
 */
import type { Readable } from 'node:stream';

export type MediaSize = 'display' | 'thumb';
export const MEDIA_SIZES: readonly MediaSize[] = ['display', 'thumb'];

export interface PhotoStore {
  /** Where the photos are, for the log: a folder, or s3://bucket/photos/. */
  readonly location: string;
  /**
   * Stores one size of a photo, whole or not at all: a reader never sees half a file,
   * also when two uploads of the same photo run at once. Storing again replaces it (a
   * retried upload rewrites what an interrupted one left without a row).
   */
  put(id: string, size: MediaSize, bytes: Buffer): Promise<void>;
  /**
   * The stored bytes as a stream, or null when there is nothing under this id and size.
   * A store that cannot be read (a wrong bucket, a folder that is a file) throws instead:
   * that is a fault to log, not a missing photo.
   */
  get(id: string, size: MediaSize): Promise<Readable | null>;
  /**
   * Confirms, once at start, that the store can be used at all, so that a wrong bucket or
   * refused credentials stop the start instead of failing every upload (which phones retry
   * forever). Throws an operator's message naming the setting to fix and no secret.
   */
  check(): Promise<void>;
  /** Releases connections; the store is not used afterwards. */
  close(): Promise<void>;
}
