/**
 * Media kept in an S3-compatible bucket (AWS, MinIO, Garage, R2, Wasabi...), configured with
 * Mastodon's S3_* variables. The SDK is loaded on first use, not at start: an instance on
 * local storage never pays its memory, and one on S3 pays it only once media moves.
 * `permission: null` sends no ACL, for stores that refuse them (R2).
 */
import { createReadStream } from 'node:fs';
import type * as S3Sdk from '@aws-sdk/client-s3';
import type { S3Config } from '../../config/schema.ts';
import type {
  FileStream,
  ListedFile,
  MediaStorage,
  StoredFile,
} from '../../domain/media-attachments/ports.ts';
import { checkKey } from './keys.ts';

type Sdk = typeof S3Sdk;

export function s3Storage(config: S3Config): MediaStorage {
  let loaded: Promise<{ sdk: Sdk; client: S3Sdk.S3Client }> | null = null;
  const connect = () =>
    (loaded ??= import('@aws-sdk/client-s3').then((sdk) => ({
      sdk,
      client: new sdk.S3Client({
        region: config.region,
        endpoint: config.endpoint,
        forcePathStyle: config.forcePathStyle,
        credentials:
          config.accessKeyId && config.secretAccessKey
            ? { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey }
            : undefined,
        requestHandler: {
          connectionTimeout: config.openTimeoutMs,
          requestTimeout: config.readTimeoutMs,
        },
        // Fewer retries than the SDK's default: an upload request waits on these.
        maxAttempts: 2,
        // Checksums only where the API requires them: many S3-compatible stores do not
        // understand the SDK's default chunked, checksum-trailing uploads.
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
      }),
    })));
  const isMissing = (error: unknown) => {
    const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
    return e.name === 'NoSuchKey' || e.name === 'NotFound' || e.$metadata?.httpStatusCode === 404;
  };
  return {
    async put(key, body, contentType, options = {}) {
      const { sdk, client } = await connect();
      // A single PUT is all or nothing on S3: no partial object is ever visible. A file on
      // disk is streamed with its length, never read into memory.
      await client.send(
        new sdk.PutObjectCommand({
          Bucket: config.bucket,
          Key: checkKey(key),
          ...(Buffer.isBuffer(body)
            ? { Body: body }
            : { Body: createReadStream(body.path), ContentLength: body.size }),
          ContentType: contentType,
          CacheControl: 'public, max-age=315576000, immutable',
          ...(config.permission && !options.private
            ? { ACL: config.permission as 'public-read' }
            : {}),
        }),
      );
    },
    async get(key): Promise<StoredFile | null> {
      const { sdk, client } = await connect();
      try {
        const answer = await client.send(
          new sdk.GetObjectCommand({ Bucket: config.bucket, Key: checkKey(key) }),
        );
        const bytes = await answer.Body?.transformToByteArray();
        return {
          body: Buffer.from(bytes ?? new Uint8Array()),
          contentType: answer.ContentType ?? 'application/octet-stream',
        };
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
    },
    async exists(key) {
      const { sdk, client } = await connect();
      try {
        await client.send(new sdk.HeadObjectCommand({ Bucket: config.bucket, Key: checkKey(key) }));
        return true;
      } catch (error) {
        if (isMissing(error)) return false;
        throw error;
      }
    },
    async delete(key) {
      const { sdk, client } = await connect();
      await client.send(new sdk.DeleteObjectCommand({ Bucket: config.bucket, Key: checkKey(key) }));
    },
    async read(key, range): Promise<FileStream | null> {
      const { sdk, client } = await connect();
      try {
        const answer = await client.send(
          new sdk.GetObjectCommand({
            Bucket: config.bucket,
            Key: checkKey(key),
            ...(range ? { Range: `bytes=${range.start}-${range.end}` } : {}),
          }),
        );
        if (!answer.Body) return null;
        // `Content-Range: bytes a-b/size` carries the whole size of a ranged answer.
        const whole = /\/(\d+)$/.exec(answer.ContentRange ?? '')?.[1];
        return {
          body: answer.Body.transformToWebStream() as ReadableStream<Uint8Array>,
          size: whole ? Number(whole) : (answer.ContentLength ?? 0),
          contentType: answer.ContentType ?? 'application/octet-stream',
        };
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
    },
    async list(prefix, options): Promise<ListedFile[]> {
      const { sdk, client } = await connect();
      const answer = await client.send(
        new sdk.ListObjectsV2Command({
          Bucket: config.bucket,
          Prefix: prefix,
          MaxKeys: Math.min(options.limit, 1000),
          ...(options.after ? { StartAfter: options.after } : {}),
        }),
      );
      return (answer.Contents ?? [])
        .filter((o) => o.Key !== undefined)
        .map((o) => ({
          key: o.Key!,
          size: o.Size ?? 0,
          modifiedAt: o.LastModified?.getTime() ?? 0,
        }));
    },
  };
}
