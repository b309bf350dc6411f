/**
 * A CSV export streamed straight from PostgreSQL (`COPY … TO STDOUT (FORMAT csv)`), each field passed
 * through the shared cell rule (domain/spreadsheetText.ts) on its way to the file, so a value that a
 * spreadsheet would run as a formula arrives as text. COPY alone cannot: it writes values verbatim.
 */
import { createWriteStream } from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse } from 'csv-parse';
import type { PoolClient } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { csvLine } from '../domain/spreadsheetText';

/** Runs the COPY into `outPath` (LF line ends, as COPY writes them); returns the rows COPY sent. */
export async function copyCsvToFile(client: PoolClient, copySql: string, outPath: string, opts: { bom?: boolean } = {}): Promise<number> {
  const out = createWriteStream(outPath);
  if (opts.bom) out.write('\uFEFF');
  const copy = client.query(copyTo(copySql));
  const rewrite = new Transform({
    writableObjectMode: true,
    transform(record: string[], _enc, done) {
      done(null, csvLine(record, '\n'));
    },
  });
  await pipeline(copy, parse({ relax_column_count: false }), rewrite, out);
  return copy.rowCount;
}
