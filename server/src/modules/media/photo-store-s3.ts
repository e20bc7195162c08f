/**
 * Photos in an S3-compatible bucket (AWS S3, MinIO, Ceph, most clouds' object storage),
 * so that several app instances share them. Keys repeat the folder layout under photos/:
 * photos/<first two characters of the id>/<id>.<size>.jpg, so an existing MEDIA_DIR moves
 * over with one copy (e.g. `aws s3 sync data/media s3://<bucket>/photos/ --exclude '*.tmp'`).
 * Credentials come from the AWS SDK's default chain (AWS_ACCESS_KEY_ID and
 * AWS_SECRET_ACCESS_KEY, or a role), never from Buurtkracht's own configuration.
 */
import { Readable } from 'node:stream';
import { GetObjectCommand, HeadBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
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

/** How long the start-up check waits for the bucket to answer. */
export const CHECK_TIMEOUT_MS = 5_000;

/** The endpoint for messages: without a user and password, should its URL carry them. */
function shownEndpoint(endpoint: string): string {
  const url = new URL(endpoint);
  url.username = '';
  url.password = '';
  return url.origin + url.pathname.replace(/\/$/, '');
}

/** Which settings the check used, as an operator would look them up. */
const describeBucket = (settings: S3Settings) =>
  `S3_BUCKET="${settings.bucket}" ${settings.endpoint ? `at S3_ENDPOINT=${shownEndpoint(settings.endpoint)}` : `on AWS S3 (S3_REGION=${settings.region})`}`;

/**
 * Why HeadBucket failed, from the error's name, HTTP status or network code only: the SDK's
 * own messages are not repeated, so nothing of the credentials can reach the log.
 */
function whyUnusable(error: unknown, settings: S3Settings, timeoutMs: number): string {
  const e = error as { name?: string; code?: string; $metadata?: { httpStatusCode?: number } };
  const status = e.$metadata?.httpStatusCode;
  if (e.name === 'AbortError' || e.name === 'TimeoutError') return `no answer within ${timeoutMs / 1000} s. Check S3_ENDPOINT${settings.endpoint ? '' : ' (unset: AWS itself)'} and that this machine can reach it`;
  if (e.name === 'CredentialsProviderError') return 'no credentials found. Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or give this machine a role with access to the bucket';
  if (status === 404 || e.name === 'NotFound' || e.name === 'NoSuchBucket') return 'the bucket does not exist. Create it, or set S3_BUCKET to the bucket that holds the photos';
  if (status === 403 || status === 401) return `access refused (HTTP ${status}). Check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or the role), and that they may use this bucket: s3:ListBucket on it, s3:GetObject and s3:PutObject on its objects`;
  if (status === 301 || e.name === 'PermanentRedirect') return 'the bucket is in another region. Set S3_REGION to the bucket\'s region';
  if (status !== undefined) return `the service answered HTTP ${status}${e.name ? ` (${e.name})` : ''}`;
  return `cannot connect${e.code ? ` (${e.code})` : e.name ? ` (${e.name})` : ''}. Check S3_ENDPOINT${settings.endpoint ? '' : ' (unset: AWS itself)'} and that this machine can reach it`;
}

export function s3PhotoStore(settings: S3Settings, options: { checkTimeoutMs?: number } = {}): PhotoStore {
  const checkTimeoutMs = options.checkTimeoutMs ?? CHECK_TIMEOUT_MS;
  const client = new S3Client({
    region: settings.region,
    ...(settings.endpoint
      ? {
          endpoint: settings.endpoint,
          // Recent SDKs send a CRC32 checksum with every upload and check one on every
          // download; several S3-compatible services refuse the former or send none.
          requestChecksumCalculation: 'WHEN_REQUIRED' as const,
          responseChecksumValidation: 'WHEN_REQUIRED' as const,
        }
      : {}),
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
        // Only a missing key is a missing photo; a missing bucket (also a 404) or refused
        // credentials are faults. Without s3:ListBucket, S3 answers a missing key with
        // AccessDenied: that stays a fault too, and check() refuses to start without it.
        if ((error as { name?: unknown }).name === 'NoSuchKey') return null;
        throw error;
      }
    },
    async check() {
      try {
        // HeadBucket needs s3:ListBucket, as telling a missing photo from a refused one does.
        await client.send(new HeadBucketCommand({ Bucket }), { abortSignal: AbortSignal.timeout(checkTimeoutMs) });
      } catch (error) {
        throw new Error(`cannot use the photo bucket ${describeBucket(settings)}: ${whyUnusable(error, settings, checkTimeoutMs)}.`);
      }
    },
    async close() {
      client.destroy();
    },
  };
}
