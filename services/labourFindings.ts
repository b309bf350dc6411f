/** Records 人社's labour-relationship finding on a case (issue 21); idempotent by the caller's request id. */
import type { Pool } from 'pg';
import type { ExamUnit, LabourRelation } from '../domain/labourFinding';

export interface LabourFindingInput {
  caseId: string;
  labourRelation: LabourRelation;
  labourUnitName?: string;
  examUnit: ExamUnit;
  examUnitName?: string;
  note?: string;
  recordedBy: string;
  requestId: string;
}

/** The finding's id (the first one's, when the request was made before). */
export async function recordLabourFinding(pool: Pool, i: LabourFindingInput): Promise<number> {
  const { rows } = await pool.query<{ id: string }>(
    `WITH ins AS (
       INSERT INTO case_labour_finding (case_id, labour_relation, labour_unit_name, exam_unit, exam_unit_name, note, recorded_by, request_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (request_id) DO NOTHING RETURNING id)
     SELECT id FROM ins UNION ALL SELECT id FROM case_labour_finding WHERE request_id = $8 LIMIT 1`,
    [i.caseId, i.labourRelation, i.labourUnitName ?? null, i.examUnit, i.examUnitName ?? null, i.note ?? null, i.recordedBy, i.requestId],
  );
  return Number(rows[0].id);
}
