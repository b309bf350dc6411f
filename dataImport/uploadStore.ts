/**
 * An uploaded file's bytes in PostgreSQL (data_import_upload), in chunks of 1 MiB: the API stores them
 * inside the transaction that records the import request, the worker that imports them writes them
 * back to a private temporary file. The database is the one store the API and every worker share,
 * so no shared disk is needed and a request never exists without its file.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Pool, PoolClient } from 'pg';

const CHUNK_BYTES = 1024 * 1024;

/** Inside the caller's transaction. Returns the bytes stored. */
export async function storeUpload(client: PoolClient, importId: string, filePath: string): Promise<number> {
  let seq = 0;
  let bytes = 0;
  for await (const chunk of createReadStream(filePath, { highWaterMark: CHUNK_BYTES })) {
    const buf = chunk as Buffer;
    await client.query('INSERT INTO data_import_upload (import_id, seq, bytes) VALUES ($1, $2, $3)', [importId, seq++, buf]);
    bytes += buf.length;
  }
  // An empty file still has its one (empty) chunk: the importer refuses it by name, as any empty file.
  if (seq === 0) await client.query('INSERT INTO data_import_upload (import_id, seq, bytes) VALUES ($1, 0, $2)', [importId, Buffer.alloc(0)]);
  return bytes;
}

/**
 * Writes the upload to `filePath`, one chunk in memory at a time. False when its bytes are gone
 * (the import already ended, which removed them).
 */
export async function restoreUpload(pool: Pool, importId: string, filePath: string): Promise<boolean> {
  const { rows } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM data_import_upload WHERE import_id = $1', [importId]);
  const chunks = rows[0].n;
  if (chunks === 0) return false;
  const out = createWriteStream(filePath, { mode: 0o600 });
  try {
    for (let seq = 0; seq < chunks; seq++) {
      const r = await pool.query<{ bytes: Buffer }>('SELECT bytes FROM data_import_upload WHERE import_id = $1 AND seq = $2', [importId, seq]);
      if (!r.rows[0]) throw new Error(`upload ${importId} lacks chunk ${seq}`);
      if (!out.write(r.rows[0].bytes)) await once(out, 'drain');
    }
  } finally {
    out.end();
    await once(out, 'close');
  }
  return true;
}
