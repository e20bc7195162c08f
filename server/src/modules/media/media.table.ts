/** Table shape of uploaded photos; their image bytes live in the photo store (photo-store.ts: MEDIA_DIR or an S3 bucket) under their id. */
import type { Selectable } from 'kysely';

export interface MediaTable {
  /** Made on the device (UUIDv7) and referenced by findings before or after upload. */
  id: string;
  /** SHA-256 (hex) of the bytes the device sent, which it checks before deleting its copy. */
  sha256: string;
  /** 'p:<participant id>' or 's:<staff account id>'. */
  owner: string;
  original_bytes: number;
  width: number;
  height: number;
  created_at: string;
}

export type MediaRow = Selectable<MediaTable>;
