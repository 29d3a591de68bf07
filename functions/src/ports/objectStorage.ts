/**
 * Object storage (S3) behind a small interface: presigned URLs for the client's direct upload and
 * download, and the few calls the server makes itself. The one adapter is the real S3 client; in
 * tests and `npm start` it talks to a local S3-compatible server (s3rver), never to a mock.
 */
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';

export interface PresignPut {
  key: string;
  contentType: string;
  /** Exact length in bytes: signed, so S3 refuses any other. */
  size: number;
  /** Stored as x-amz-meta-*; ASCII values only (encode anything else). */
  metadata: Record<string, string>;
  expiresInSeconds: number;
}

export interface PresignGet {
  key: string;
  /** Content-Disposition for the response, e.g. `inline; filename*=UTF-8''…`. */
  contentDisposition?: string;
  expiresInSeconds: number;
}

export interface StoredObject {
  contentType?: string;
  size?: number;
  metadata: Record<string, string>;
}

export interface ObjectStorage {
  /** A URL the client PUTs the bytes to, with `headers`; nothing is stored until it does. */
  presignPut(request: PresignPut): Promise<{ url: string; headers: Record<string, string> }>;
  presignGet(request: PresignGet): Promise<string>;
  /** undefined when there is no such object. */
  head(key: string): Promise<StoredObject | undefined>;
  copy(from: string, to: string): Promise<void>;
  /** Idempotent: deleting a missing object is fine. */
  delete(key: string): Promise<void>;
  /** An object written by the server a chunk at a time (e.g. a ledger), never whole in memory. */
  upload(key: string, contentType: string): ObjectUpload;
}

/**
 * Chunks go in with `write`; `flush` sends what fills whole parts (await it between batches of
 * writes: it is the back-pressure); `complete` sends the rest and gives the object's size.
 */
export interface ObjectUpload {
  write(chunk: Uint8Array): void;
  flush(): Promise<void>;
  complete(): Promise<number>;
  /** Drops the parts sent so far (after a failure). */
  abort(): Promise<void>;
}

export interface S3Options {
  region: string;
  bucket: string;
  /** A local S3-compatible server's URL; unset in AWS. */
  endpoint?: string;
}

/** s3rver's built-in account; it checks the key id exists (it does not verify SigV4 signatures). */
const LOCAL_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

export function s3Client(options: Omit<S3Options, 'bucket'>): S3Client {
  return new S3Client({
    region: options.region,
    // Without this the SDK signs a CRC32 of an empty body into every presigned PUT, and S3 then
    // refuses the real bytes (aws-sdk-js-v3 #6810). Checksums are added only where S3 requires them.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    ...(options.endpoint ? { endpoint: options.endpoint, forcePathStyle: true, credentials: LOCAL_CREDENTIALS } : {}),
  });
}

export function s3ObjectStorage(options: S3Options, client: S3Client = s3Client(options)): ObjectStorage {
  const Bucket = options.bucket;
  return {
    async presignPut({ key, contentType, size, metadata, expiresInSeconds }) {
      const command = new PutObjectCommand({ Bucket, Key: key, ContentType: contentType, ContentLength: size, Metadata: metadata });
      const url = await getSignedUrl(client, command, {
        expiresIn: expiresInSeconds,
        // Type and length are signed headers; the metadata is hoisted into the (signed) query string.
        signableHeaders: new Set(['content-type', 'content-length']),
      });
      return { url, headers: { 'content-type': contentType } };
    },

    presignGet({ key, contentDisposition, expiresInSeconds }) {
      const command = new GetObjectCommand({
        Bucket,
        Key: key,
        ...(contentDisposition ? { ResponseContentDisposition: contentDisposition } : {}),
      });
      return getSignedUrl(client, command, { expiresIn: expiresInSeconds });
    },

    async head(key) {
      try {
        const found = await client.send(new HeadObjectCommand({ Bucket, Key: key }));
        return {
          ...(found.ContentType !== undefined ? { contentType: found.ContentType } : {}),
          ...(found.ContentLength !== undefined ? { size: found.ContentLength } : {}),
          metadata: found.Metadata ?? {},
        };
      } catch (error) {
        if (error instanceof S3ServiceException && error.$metadata.httpStatusCode === 404) return undefined;
        throw error;
      }
    },

    async copy(from, to) {
      await client.send(
        new CopyObjectCommand({ Bucket, Key: to, CopySource: `${Bucket}/${from.split('/').map(encodeURIComponent).join('/')}` }),
      );
    },

    async delete(key) {
      await client.send(new DeleteObjectCommand({ Bucket, Key: key }));
    },

    upload: (key, contentType) => multipartUpload(client, Bucket, key, contentType),
  };
}

/** S3's smallest part but the last; memory holds one part and the chunks gathering for the next. */
export const PART_BYTES = 5 * 1024 * 1024;

/**
 * S3 multipart upload with the client's own commands (CreateMultipartUpload / UploadPart /
 * Complete): an object smaller than one part goes in one PutObject. Not @aws-sdk/lib-storage:
 * the runtime's copy of it is not documented, and this is all a server-written file needs.
 */
function multipartUpload(client: S3Client, Bucket: string, Key: string, ContentType: string): ObjectUpload {
  let gathered: Uint8Array[] = [];
  let gatheredBytes = 0;
  let total = 0;
  let uploadId: string | undefined;
  const parts: { ETag: string; PartNumber: number }[] = [];

  const take = (): Buffer => {
    const body = Buffer.concat(gathered, gatheredBytes);
    gathered = [];
    gatheredBytes = 0;
    return body;
  };
  const sendPart = async (Body: Buffer) => {
    uploadId ??= (await client.send(new CreateMultipartUploadCommand({ Bucket, Key, ContentType }))).UploadId;
    const PartNumber = parts.length + 1;
    const { ETag } = await client.send(new UploadPartCommand({ Bucket, Key, UploadId: uploadId, PartNumber, Body, ContentLength: Body.length }));
    parts.push({ ETag: ETag ?? '', PartNumber });
  };

  return {
    write(chunk) {
      gathered.push(chunk);
      gatheredBytes += chunk.length;
      total += chunk.length;
    },
    async flush() {
      while (gatheredBytes >= PART_BYTES) {
        const body = take();
        await sendPart(body.subarray(0, PART_BYTES));
        if (body.length > PART_BYTES) {
          gathered = [body.subarray(PART_BYTES)];
          gatheredBytes = body.length - PART_BYTES;
        }
      }
    },
    async complete() {
      await this.flush();
      if (!uploadId) {
        const Body = take();
        await client.send(new PutObjectCommand({ Bucket, Key, ContentType, Body, ContentLength: Body.length }));
        return total;
      }
      if (gatheredBytes > 0) await sendPart(take());
      await client.send(new CompleteMultipartUploadCommand({ Bucket, Key, UploadId: uploadId, MultipartUpload: { Parts: parts } }));
      return total;
    },
    async abort() {
      gathered = [];
      gatheredBytes = 0;
      if (uploadId) await client.send(new AbortMultipartUploadCommand({ Bucket, Key, UploadId: uploadId })).catch(() => {});
    },
  };
}
