/**
 * A local S3-compatible server for tests of photos in object storage: s3rver, in this
 * process, on a free loopback port, keeping its buckets as files in a temporary folder.
 * It knows one account, S3RVER / S3RVER; it refuses an unknown access key id but does not
 * verify V4 signatures, so it shows that credentials arrive, not that the secret is right.
 *
 * The app's AWS SDK takes credentials from its default chain, which reads process.env, not
 * the app's config: start() sets AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY there and
 * close() puts back what was there before.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CreateBucketCommand, DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';

export const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

const CREDENTIAL_VARIABLES = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'] as const;

export interface S3TestServer {
  /** http://127.0.0.1:<port>, for S3_ENDPOINT (with S3_FORCE_PATH_STYLE: s3rver has no host names per bucket). */
  endpoint: string;
  bucket: string;
  /** The app's settings for this bucket, as S3_* variables. */
  env: Record<string, string>;
  /** Every key in the bucket, sorted. */
  keys(): Promise<string[]>;
  /** An object's bytes, read around the app, or null when there is none. */
  read(key: string): Promise<Buffer | null>;
  remove(key: string): Promise<void>;
  close(): Promise<void>;
}

export async function startS3TestServer(bucket = 'buurtkracht-photos'): Promise<S3TestServer> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'buurtkracht-s3-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, directory, silent: true });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials: S3RVER_CREDENTIALS });
  const before = Object.fromEntries(CREDENTIAL_VARIABLES.map((name) => [name, process.env[name]]));
  process.env.AWS_ACCESS_KEY_ID = S3RVER_CREDENTIALS.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = S3RVER_CREDENTIALS.secretAccessKey;
  delete process.env.AWS_SESSION_TOKEN;
  try {
    // Made through the S3 API rather than s3rver's own set-up, as one would on a real service.
    await client.send(new CreateBucketCommand({ Bucket: bucket }));
  } catch (error) {
    await close();
    throw error;
  }

  async function close() {
    for (const name of CREDENTIAL_VARIABLES) {
      if (before[name] === undefined) delete process.env[name];
      else process.env[name] = before[name];
    }
    client.destroy();
    await server.close();
    fs.rmSync(directory, { recursive: true, force: true });
  }

  return {
    endpoint,
    bucket,
    env: { S3_BUCKET: bucket, S3_ENDPOINT: endpoint, S3_FORCE_PATH_STYLE: 'true' },
    async keys() {
      const listed = await client.send(new ListObjectsV2Command({ Bucket: bucket }));
      return (listed.Contents ?? []).map((object) => object.Key!).sort();
    },
    async read(key) {
      try {
        const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        return Buffer.from(await object.Body!.transformToByteArray());
      } catch (error) {
        if ((error as { name?: unknown }).name === 'NoSuchKey') return null;
        throw error;
      }
    },
    async remove(key) {
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    },
    close,
  };
}
