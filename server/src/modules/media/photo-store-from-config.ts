/** Picks the photo store a configuration asks for: the S3 bucket when S3_BUCKET is set, else MEDIA_DIR. */
import type { Config } from '../../config.js';
import { folderPhotoStore } from './photo-store-folder.js';
import type { PhotoStore } from './photo-store.js';

export async function createPhotoStore(config: Pick<Config, 'mediaDir' | 's3'>): Promise<PhotoStore> {
  if (!config.s3) return folderPhotoStore(config.mediaDir);
  // Loaded only when asked for: the AWS SDK adds about 150 ms and its memory to every start.
  const { s3PhotoStore } = await import('./photo-store-s3.js');
  return s3PhotoStore(config.s3);
}
