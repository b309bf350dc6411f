/**
 * Where attachments (evidence files) are stored and how they are scanned, read from the environment
 * once and validated (docs/deployment.md, "Attachments"). A bad value stops start-up naming the
 * variable; credentials are never echoed.
 */
import path from 'node:path';
import { z } from 'zod';

const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off']).transform((v) => ['true', '1', 'yes', 'on'].includes(v));
const port = z.coerce.number().int().min(1).max(65535);

export const AttachmentEnvSchema = z.object({
  GZ_ATTACHMENT_STORE: z.enum(['postgres', 'filesystem', 's3']).default('postgres').describe('where new attachments are stored'),
  GZ_ATTACHMENT_DIR: z.string().min(1).optional().describe('the filesystem store’s directory; default <GZ_DATA_DIR>/attachments'),
  GZ_S3_ENDPOINT: z.string().url().optional().describe('an S3-compatible endpoint (MinIO, a cloud’s object storage); unset = AWS by region'),
  GZ_S3_REGION: z.string().min(1).default('us-east-1'),
  GZ_S3_BUCKET: z.string().min(3).max(63).optional().describe('the bucket (must exist); required for the s3 store'),
  GZ_S3_PREFIX: z
    .string()
    .regex(/^([A-Za-z0-9._-]+\/)*$/, 'expected folder names ending in /, e.g. guazheng/attachments/')
    .default('attachments/'),
  GZ_S3_ACCESS_KEY_ID: z.string().min(1).optional().describe('unset = the SDK’s default credential chain'),
  GZ_S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  GZ_S3_FORCE_PATH_STYLE: bool.default(true).describe('bucket in the path (MinIO and most S3-compatible servers) rather than the host name'),
  GZ_ATTACHMENT_SCAN: z.enum(['none', 'clamd']).default('none').describe('the virus scan before a file is stored'),
  GZ_CLAMD_HOST: z.string().min(1).default('127.0.0.1'),
  GZ_CLAMD_PORT: port.default(3310),
  GZ_CLAMD_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
});

export interface S3Settings {
  endpoint?: string;
  region: string;
  bucket: string;
  prefix: string;
  forcePathStyle: boolean;
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

export interface AttachmentConfig {
  store: 'postgres' | 'filesystem' | 's3';
  /** The filesystem store's directory (absolute). */
  dir: string;
  /** Set when the S3 variables are: required for the s3 store, and to read files an s3 store wrote earlier. */
  s3?: S3Settings;
  scan: { kind: 'none' } | { kind: 'clamd'; host: string; port: number; timeoutMs: number };
}

/** Parses the attachment variables; throws one line per bad variable. `dataDir` is the resolved GZ_DATA_DIR. */
export function loadAttachmentConfig(env: NodeJS.ProcessEnv, dataDir: string): AttachmentConfig {
  const relevant = Object.fromEntries(Object.keys(AttachmentEnvSchema.shape).flatMap((k) => (env[k] === undefined || env[k] === '' ? [] : [[k, env[k]]])));
  const parsed = AttachmentEnvSchema.safeParse(relevant);
  if (!parsed.success) {
    throw new Error(
      parsed.error.issues
        .map((i) => {
          const name = String(i.path[0]);
          const shown = /KEY|SECRET|ENDPOINT/.test(name) ? '(value hidden)' : JSON.stringify(env[name]);
          return `environment variable ${name}=${shown} is invalid: ${i.message}`;
        })
        .join('\n'),
    );
  }
  const e = parsed.data;
  if (e.GZ_ATTACHMENT_STORE === 's3' && !e.GZ_S3_BUCKET)
    throw new Error('GZ_ATTACHMENT_STORE=s3 needs GZ_S3_BUCKET (and GZ_S3_ENDPOINT for an S3-compatible server)');
  if (Boolean(e.GZ_S3_ACCESS_KEY_ID) !== Boolean(e.GZ_S3_SECRET_ACCESS_KEY))
    throw new Error('GZ_S3_ACCESS_KEY_ID and GZ_S3_SECRET_ACCESS_KEY must be set together');
  return {
    store: e.GZ_ATTACHMENT_STORE,
    dir: path.resolve(e.GZ_ATTACHMENT_DIR ?? path.join(dataDir, 'attachments')),
    ...(e.GZ_S3_BUCKET
      ? {
          s3: {
            ...(e.GZ_S3_ENDPOINT ? { endpoint: e.GZ_S3_ENDPOINT } : {}),
            region: e.GZ_S3_REGION,
            bucket: e.GZ_S3_BUCKET,
            prefix: e.GZ_S3_PREFIX,
            forcePathStyle: e.GZ_S3_FORCE_PATH_STYLE,
            ...(e.GZ_S3_ACCESS_KEY_ID && e.GZ_S3_SECRET_ACCESS_KEY
              ? { credentials: { accessKeyId: e.GZ_S3_ACCESS_KEY_ID, secretAccessKey: e.GZ_S3_SECRET_ACCESS_KEY } }
              : {}),
          },
        }
      : {}),
    scan:
      e.GZ_ATTACHMENT_SCAN === 'clamd' ? { kind: 'clamd', host: e.GZ_CLAMD_HOST, port: e.GZ_CLAMD_PORT, timeoutMs: e.GZ_CLAMD_TIMEOUT_MS } : { kind: 'none' },
  };
}
