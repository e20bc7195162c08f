/**
 * Photos in an S3-compatible bucket (AWS S3, MinIO, Ceph, most clouds' object storage),
 * so that several app instances share them. Keys repeat the folder layout under photos/:
 * photos/<first two characters of the id>/<id>.<size>.jpg, so an existing MEDIA_DIR moves
 * over with one copy (e.g. `aws s3 sync data/media s3://<bucket>/photos/ --exclude '*.tmp'`).
 * Credentials come from the AWS SDK's default chain (AWS_ACCESS_KEY_ID and
 * AWS_SECRET_ACCESS_KEY, or a role), never from Buurtkracht's own configuration.
 */
import { Readable } from 'node:stream';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { MediaSize, PhotoStore } from './photo-store.js';

export interface S3Settings {
  bucket: string;
  /** null: AWS itself; otherwise the service's URL, e.g. https://s3.example.org or http://127.0.0.1:9000. */
  endpoint: string | null;
  region: string;
  /** bucket in the path (https://host/bucket/key) rather than the host name, as MinIO and most local servers need. */
  forcePathStyle: boolean;
}

export const photoKey = (id: string, size: MediaSize) => `photos/${id.slice(0, 2)}/${id}.${size}.jpg`;

export function s3PhotoStore(settings: S3Settings): PhotoStore {
  const client = new S3Client({
    region: settings.region,
    ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
    forcePathStyle: settings.forcePathStyle,
    // A bucket that stops answering fails the request (an upload is retried by the device)
    // instead of holding it, and its socket, open for good.
    requestHandler: { connectionTimeout: 5_000, socketTimeout: 30_000 },
  });
  const Bucket = settings.bucket;
  return {
    location: `s3://${Bucket}/photos/`,
    async put(id, size, bytes) {
      // One PUT is atomic: the object appears whole or not at all, and the last one wins.
      await client.send(new PutObjectCommand({ Bucket, Key: photoKey(id, size), Body: bytes, ContentType: 'image/jpeg' }));
    },
    async get(id, size) {
      try {
        const object = await client.send(new GetObjectCommand({ Bucket, Key: photoKey(id, size) }));
        if (!(object.Body instanceof Readable)) throw new Error(`S3 gave no readable body for ${photoKey(id, size)}`);
        return object.Body;
      } catch (error) {
        // Only a missing key is a missing photo; a missing bucket or refused credentials are faults.
        if ((error as { name?: unknown }).name === 'NoSuchKey') return null;
        throw error;
      }
    },
    async close() {
      client.destroy();
    },
  };
}
