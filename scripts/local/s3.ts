/// <reference path="./s3rver.d.ts" />
/**
 * An S3-compatible server from npm (s3rver, pure Node) in this process: the attachments bucket for
 * `npm start` (data kept in .data/s3) and for the integration tests (a temp dir, a bucket per test
 * file). The real S3 client and presigner talk to it; nothing is mocked.
 *
 * What it does not do, so the tests never lean on it: verify SigV4 signatures (it accepts any
 * signature and unsigned requests) — the server's own check of every upload (HEAD: type and size
 * against the declaration) is what keeps bad files out, and the deployed bucket is private.
 */
import { CreateBucketCommand, PutBucketCorsCommand, S3Client } from '@aws-sdk/client-s3';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import { s3Client } from '../../functions/src/ports/objectStorage';

/** The attachments bucket of the `dev` stage (serverless.yml `params.dev.bucketName`). */
export const DEV_BUCKET = 'parklink-dev-attachments';

export interface LocalS3 {
  endpoint: string;
  stop(): Promise<void>;
}

export interface LocalS3Options {
  port: number;
  /** Folder for the objects; omit for a temp dir removed on stop. */
  dataDir?: string;
  /** Buckets to create at start (kept when they exist). */
  buckets?: string[];
}

/** The browser's (h5) direct upload and download, as serverless.yml allows them on the real bucket. */
const CORS_XML = `<CORSConfiguration>
  <CORSRule>
    <AllowedOrigin>*</AllowedOrigin>
    <AllowedMethod>PUT</AllowedMethod>
    <AllowedMethod>GET</AllowedMethod>
    <AllowedMethod>HEAD</AllowedMethod>
    <AllowedHeader>*</AllowedHeader>
    <MaxAgeSeconds>3000</MaxAgeSeconds>
  </CORSRule>
</CORSConfiguration>`;

export async function startS3(options: LocalS3Options): Promise<LocalS3> {
  const temporary = !options.dataDir;
  const directory = options.dataDir ?? mkdtempSync(join(tmpdir(), 'parklink-s3-'));
  mkdirSync(directory, { recursive: true });
  const server = new S3rver({
    address: '127.0.0.1',
    port: options.port,
    directory,
    silent: true,
    // Path-style only (http://127.0.0.1:port/bucket/key), as the adapter asks with forcePathStyle.
    vhostBuckets: false,
    configureBuckets: (options.buckets ?? []).map((name) => ({ name, configs: [CORS_XML] })),
  });
  const address = await server.run();
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    async stop() {
      await server.close();
      if (temporary) rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** A new bucket, with the same CORS rules (one per integration test file). */
export async function createBucket(endpoint: string, bucket: string): Promise<void> {
  const client: S3Client = s3Client({ region: 'cn-north-1', endpoint });
  try {
    await client.send(new CreateBucketCommand({ Bucket: bucket }));
    await client.send(
      new PutBucketCorsCommand({
        Bucket: bucket,
        CORSConfiguration: {
          CORSRules: [{ AllowedOrigins: ['*'], AllowedMethods: ['PUT', 'GET', 'HEAD'], AllowedHeaders: ['*'], MaxAgeSeconds: 3000 }],
        },
      }),
    );
  } finally {
    client.destroy();
  }
}
