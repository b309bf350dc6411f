/**
 * Everything the rehearsal produced, as files in the output folder: each report the workflows
 * rendered (reports/<scope>/<file name>, the masked copies beside the full ones) and each generated
 * document of the penalty procedures (documents/<kind>/<number>.docx, numbered as issued; an
 * unnumbered one, e.g. a 送达回证, by its procedure key). Files are written 0600 in 0700 folders:
 * the reports and documents name persons (synthetic here, real in a copy of production data).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Pool } from 'pg';
import { cityName } from '../../domain/cities';

export interface WrittenFiles {
  reports: number;
  documents: number;
}

const safeName = (s: string) => s.replace(/[/\\:*?"<>|\s]+/g, '_');

function write(dir: string, name: string, content: Buffer): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeFileSync(path.join(dir, safeName(name)), content, { mode: 0o600 });
}

export async function writeOutputFiles(pool: Pool, campaignId: string, outDir: string): Promise<WrittenFiles> {
  const reports = await pool.query<{ city_code: string | null; file_name: string; content: Buffer }>(
    'SELECT city_code::text, file_name, content FROM report WHERE campaign_id = $1 ORDER BY report_id',
    [campaignId],
  );
  for (const r of reports.rows)
    write(path.join(outDir, 'reports', r.city_code ? `${r.city_code}-${cityName(r.city_code)}` : '22-省级'), r.file_name, r.content);

  const documents = await pool.query<{ kind: string; number: string | null; idempotency_key: string; content: Buffer }>(
    'SELECT kind, number, idempotency_key, content FROM generated_document ORDER BY created_at, id',
  );
  for (const d of documents.rows) write(path.join(outDir, 'documents', d.kind), `${d.number ?? d.idempotency_key}.docx`, d.content);
  return { reports: reports.rowCount ?? 0, documents: documents.rowCount ?? 0 };
}
