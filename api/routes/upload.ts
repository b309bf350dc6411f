/**
 * Receives an uploaded data file into a private temporary directory: as the raw request body
 * (text/csv, an .xlsx type, application/octet-stream) or as multipart/form-data (field "file").
 * The size limit is enforced while bytes arrive, before anything is parsed.
 */
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Problem } from '../http/problem';

export const UPLOAD_TYPES = [
  'text/csv',
  'text/plain',
  'application/octet-stream',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.ms-excel',
  'multipart/form-data',
];

export interface Upload {
  filePath: string;
  fileName: string;
  bytes: number;
  /** Removes the temporary directory. */
  discard(): Promise<void>;
}

/** Keeps a plain base name with its extension (the importer reads the format from it). */
export function safeFileName(name: string | undefined, fallback: string): string {
  const base = path
    .basename(name ?? '')
    .replace(/[^\p{L}\p{N}._-]/gu, '_')
    .slice(-120);
  return base && base !== '.' && base !== '..' ? base : fallback;
}

function limitBytes(limit: number): Transform & { bytes: number } {
  const t = new Transform({
    transform(chunk: Buffer, _enc, done) {
      t.bytes += chunk.length;
      if (t.bytes > limit) done(new Problem('payload_too_large', `uploads are limited to ${Math.round(limit / 1024 / 1024)} MB`));
      else done(null, chunk);
    },
  }) as Transform & { bytes: number };
  t.bytes = 0;
  return t;
}

export async function receiveUpload(body: Readable, contentType: string, opts: { fileName?: string; limitBytes: number }): Promise<Upload> {
  const dir = path.join(os.tmpdir(), 'guazheng-uploads', randomUUID());
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const discard = () => rm(dir, { recursive: true, force: true });
  try {
    const counted = limitBytes(opts.limitBytes);
    if (contentType.startsWith('multipart/form-data')) {
      // Node's own multipart reader (undici); the limit above already bounds what it buffers.
      const form = await new Response(Readable.toWeb(body.pipe(counted)) as ReadableStream, { headers: { 'content-type': contentType } }).formData();
      const file = form.get('file');
      if (!file || typeof file === 'string') {
        throw new Problem('validation_failed', 'multipart upload: put the file in a field named "file"', {
          errors: [{ path: 'body.file', message: '「文件」必须填写：请把数据文件放在名为 file 的表单字段中上传' }],
        });
      }
      const fileName = safeFileName(opts.fileName ?? file.name, 'upload.csv');
      const filePath = path.join(dir, fileName);
      await writeFile(filePath, Buffer.from(await file.arrayBuffer()), { mode: 0o600 });
      return { filePath, fileName, bytes: file.size, discard };
    }
    const fileName = safeFileName(opts.fileName, contentType.includes('spreadsheetml') ? 'upload.xlsx' : 'upload.csv');
    const filePath = path.join(dir, fileName);
    await pipeline(body, counted, createWriteStream(filePath, { mode: 0o600 }));
    return { filePath, fileName, bytes: counted.bytes, discard };
  } catch (err) {
    await discard();
    if (err instanceof Problem) throw err;
    if ((err as { cause?: unknown }).cause instanceof Problem) throw (err as { cause: Problem }).cause;
    throw new Problem('validation_failed', 'the upload could not be read', { errors: [{ path: 'body', message: '上传的文件无法读取，请重新上传' }] });
  }
}
