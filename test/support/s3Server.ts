/**
 * A local S3-compatible server for the attachment store's tests: s3rver (a devDependency) on a free
 * port of 127.0.0.1, its objects in a temporary directory, one bucket made at start. Its account is
 * s3rver's built-in S3RVER/S3RVER; requests are signed and checked as S3 does (SigV4).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

interface S3rverInstance {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
}
type S3rverClass = new (options: Record<string, unknown>) => S3rverInstance;

export interface LocalS3 {
  endpoint: string;
  bucket: string;
  /** Where s3rver keeps the objects (bucket/key…). */
  directory: string;
  env: Record<string, string>;
  stop(): Promise<void>;
}

export async function startLocalS3(bucket = 'guazheng-test'): Promise<LocalS3> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const S3rver = require('s3rver') as S3rverClass;
  const directory = mkdtempSync(path.join(os.tmpdir(), 'gz-s3-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: bucket }] });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    bucket,
    directory,
    env: {
      GZ_ATTACHMENT_STORE: 's3',
      GZ_S3_ENDPOINT: endpoint,
      GZ_S3_BUCKET: bucket,
      GZ_S3_ACCESS_KEY_ID: 'S3RVER',
      GZ_S3_SECRET_ACCESS_KEY: 'S3RVER',
      GZ_S3_FORCE_PATH_STYLE: 'true',
    },
    async stop() {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
