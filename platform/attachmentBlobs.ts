/**
 * Where an attachment's bytes live: three interchangeable backends behind one small interface. Keys
 * are the content's SHA-256 (hex), so a write is idempotent and the same file attached twice is
 * kept once; the metadata (owner, name, type, who added it) is the store's table, not the backend's.
 * Writes are all-or-nothing: PostgreSQL in one statement, the filesystem by renaming a complete
 * temporary file, S3 by one PUT.
 */
import { GetObjectCommand, PutObjectCommand, HeadObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Pool } from 'pg';
import type { AttachmentBackendName } from '../domain/attachmentOwner';
import type { AttachmentConfig, S3Settings } from './attachmentConfig';

export interface BlobBackend {
  readonly name: AttachmentBackendName;
  /** Stores the bytes under the key unless they are there already. */
  put(key: string, bytes: Buffer, contentType: string): Promise<void>;
  /** The bytes, or undefined when the key holds none. */
  get(key: string): Promise<Buffer | undefined>;
}

const KEY = /^[0-9a-f]{64}$/;
function checkKey(key: string): string {
  // Keys are checksums: nothing else can reach a path or an object name.
  if (!KEY.test(key)) throw new Error('an attachment key is a SHA-256 in hex');
  return key;
}

/** The default: bytes in the attachment_content table (migration 073), beside their metadata. */
export function postgresBlobs(pool: Pool): BlobBackend {
  return {
    name: 'postgres',
    async put(key, bytes) {
      await pool.query('INSERT INTO attachment_content (storage_key, content) VALUES ($1, $2) ON CONFLICT (storage_key) DO NOTHING', [checkKey(key), bytes]);
    },
    async get(key) {
      const { rows } = await pool.query<{ content: Buffer }>('SELECT content FROM attachment_content WHERE storage_key = $1', [checkKey(key)]);
      return rows[0]?.content;
    },
  };
}

/** Files under a directory (default <GZ_DATA_DIR>/attachments), fanned out by the key's first two bytes: ab/cd/abcd…. */
export function filesystemBlobs(dir: string): BlobBackend {
  const fileOf = (key: string) => path.join(dir, key.slice(0, 2), key.slice(2, 4), checkKey(key));
  return {
    name: 'filesystem',
    async put(key, bytes) {
      const file = fileOf(key);
      if (
        await stat(file).then(
          (s) => s.size === bytes.length,
          () => false,
        )
      )
        return;
      await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
      const partial = `${file}.${randomUUID()}.partial`;
      try {
        await writeFile(partial, bytes, { mode: 0o600 });
        await rename(partial, file);
      } finally {
        await rm(partial, { force: true });
      }
    },
    async get(key) {
      return readFile(fileOf(key)).catch((err: NodeJS.ErrnoException) => {
        if (err.code === 'ENOENT') return undefined;
        throw err;
      });
    },
  };
}

const notThere = (err: unknown) =>
  err instanceof S3ServiceException && (err.name === 'NoSuchKey' || err.name === 'NotFound' || err.$metadata.httpStatusCode === 404);

/** An S3-compatible bucket (AWS, MinIO, a cloud's object storage): objects <prefix><key>. */
export function s3Blobs(s: S3Settings): BlobBackend & { client: S3Client } {
  const client = new S3Client({
    region: s.region,
    forcePathStyle: s.forcePathStyle,
    ...(s.endpoint ? { endpoint: s.endpoint } : {}),
    ...(s.credentials ? { credentials: s.credentials } : {}),
    // Checksums only where the API requires them: many S3-compatible servers refuse the newer trailing checksums.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const objectOf = (key: string) => `${s.prefix}${checkKey(key)}`;
  return {
    name: 's3',
    client,
    async put(key, bytes, contentType) {
      const there = await client.send(new HeadObjectCommand({ Bucket: s.bucket, Key: objectOf(key) })).then(
        (h) => h.ContentLength === bytes.length,
        (err: unknown) => {
          if (notThere(err)) return false;
          throw err;
        },
      );
      if (there) return;
      await client.send(
        new PutObjectCommand({
          Bucket: s.bucket,
          Key: objectOf(key),
          Body: bytes,
          ContentType: contentType,
          ContentLength: bytes.length,
          Metadata: { sha256: key },
        }),
      );
    },
    async get(key) {
      try {
        const out = await client.send(new GetObjectCommand({ Bucket: s.bucket, Key: objectOf(key) }));
        return out.Body ? Buffer.from(await out.Body.transformToByteArray()) : undefined;
      } catch (err) {
        if (notThere(err)) return undefined;
        throw err;
      }
    },
  };
}

export interface BlobBackends {
  /** Where new attachments go (GZ_ATTACHMENT_STORE). */
  current: BlobBackend;
  /** Each backend an attachment row may name: a file stays readable where it was stored after the setting changes. */
  byName(name: AttachmentBackendName): BlobBackend;
}

/** The backends of the configuration: PostgreSQL and the directory always, S3 when its bucket is set. */
export function openBlobBackends(config: AttachmentConfig, pool: Pool): BlobBackends {
  const all: Partial<Record<AttachmentBackendName, BlobBackend>> = {
    postgres: postgresBlobs(pool),
    filesystem: filesystemBlobs(config.dir),
    ...(config.s3 ? { s3: s3Blobs(config.s3) } : {}),
  };
  const byName = (name: AttachmentBackendName): BlobBackend => {
    const b = all[name];
    if (!b) throw new Error(`attachments stored in ${name} cannot be read: its settings (GZ_S3_BUCKET …) are not set`);
    return b;
  };
  return { current: byName(config.store), byName };
}
