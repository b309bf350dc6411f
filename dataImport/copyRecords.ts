/**
 * Validates records and streams them into PostgreSQL with COPY, inside the
 * caller's transaction. Rows go straight to the table with backpressure;
 * issues are spooled to a temporary file and copied after (one connection
 * can run one COPY at a time), so memory stays flat for any file size.
 */
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { AnySource, RawRecord } from '../domain/sources';
import type { BatchStats } from './batches';
import { copyField, copyLine } from './copyText';
import { checkRow } from './rowCheck';

export interface RecordIn {
  line: number;
  raw: RawRecord;
}

// Rows are sent in chunks of about this many characters: one write per row would be slow.
const CHUNK_CHARS = 64 * 1024;

export async function copyRecords(
  client: PoolClient,
  args: {
    source: AnySource;
    batchId: number;
    file: string;
    records: AsyncIterable<RecordIn>;
    /** Called after every record with the running counts. */
    onRecord?: (stats: BatchStats) => void;
  },
): Promise<BatchStats> {
  const { source, batchId, file } = args;
  const { dbColumns } = source;
  const stats: BatchStats = { rowsTotal: 0, rowsAccepted: 0, rowsRejected: 0 };
  const dir = await mkdtemp(path.join(tmpdir(), 'gz-issues-'));
  const issuePath = path.join(dir, 'issues.copy');
  const issueOut = createWriteStream(issuePath);
  let issueBuf = '';
  let issueCount = 0;

  const flushIssues = async () => {
    if (issueBuf === '') return;
    const ok = issueOut.write(issueBuf);
    issueBuf = '';
    if (!ok) await once(issueOut, 'drain');
  };

  async function* rowChunks(): AsyncGenerator<string> {
    let buf = '';
    for await (const rec of args.records) {
      stats.rowsTotal += 1;
      const { row, issues } = checkRow(source, rec.line, rec.raw);
      for (const i of issues) {
        issueBuf += copyLine([batchId, file, i.line, i.column, i.value, i.reason, i.severity]);
        issueCount += 1;
      }
      if (issueBuf.length >= CHUNK_CHARS) await flushIssues();
      if (row) {
        stats.rowsAccepted += 1;
        // copyLine without the per-row array: batch_id and line are integers, never escaped.
        let text = `${batchId}\t${rec.line}`;
        for (let i = 0; i < dbColumns.length; i++) text += '\t' + copyField(row[dbColumns[i]]);
        buf += text + '\n';
        if (buf.length >= CHUNK_CHARS) {
          yield buf;
          buf = '';
        }
      } else {
        stats.rowsRejected += 1;
      }
      args.onRecord?.(stats);
    }
    if (buf !== '') yield buf;
  }

  try {
    const cols = ['batch_id', 'line', ...source.dbColumns].join(', ');
    await pipeline(Readable.from(rowChunks()), client.query(copyFrom(`COPY ${source.table} (${cols}) FROM STDIN`)));
    await flushIssues();
    issueOut.end();
    await once(issueOut, 'finish');
    if (issueCount > 0) {
      await pipeline(createReadStream(issuePath), client.query(copyFrom('COPY import_issue (batch_id, file, line, col, value, reason, severity) FROM STDIN')));
    }
    return stats;
  } finally {
    issueOut.destroy();
    await rm(dir, { recursive: true, force: true });
  }
}
