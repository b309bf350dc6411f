/** A penalty procedure's files: its generated documents and its attachments, each only through the procedure it belongs to. */
import type { Pool } from 'pg';
/** One procedure's generated document (the download), when it belongs to that procedure. */
export async function procedureDocumentId(pool: Pool, procedureId: string, documentId: string): Promise<boolean> {
  const { rows } = await pool.query(
    `SELECT 1 FROM penalty_procedure WHERE procedure_id = $1
        AND $2::uuid IN (notice_document_id, hearing_document_id, decision_document_id, ministry_document_id)`,
    [procedureId, documentId],
  );
  return rows.length > 0;
}

/** One of the procedure's attachments with its bytes. */
export async function procedureAttachment(
  pool: Pool,
  procedureId: string,
  attachmentId: string,
): Promise<{ fileName: string; contentType: string; content: Buffer } | undefined> {
  const { rows } = await pool.query<{ file_name: string; content_type: string; bytes: Buffer }>(
    'SELECT file_name, content_type, bytes FROM procedure_attachment WHERE procedure_id = $1 AND attachment_id = $2',
    [procedureId, attachmentId],
  );
  const r = rows[0];
  return r ? { fileName: r.file_name, contentType: r.content_type, content: r.bytes } : undefined;
}
