/** A penalty procedure's generated documents, each only through the procedure it belongs to (its attachments: the attachment store, services/attachments/). */
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
