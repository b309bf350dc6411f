/** 人社's labour-relationship findings on a case (issue 21), newest first: every finding is kept. */
import type { Pool } from 'pg';
import { z } from 'zod';
import { ExamUnit, LabourRelation } from '../domain/labourFinding';
import { Instant, instant, parseRows, TimestampColumn } from './sqlTypes';

export const LabourFinding = z.object({
  id: z.number().int(),
  caseId: z.string(),
  labourRelation: LabourRelation.describe('where the labour relationship (劳动关系) is recorded, compared with the registered unit'),
  labourUnitName: z.string().nullable().describe('the unit holding the labour relationship, when another'),
  examUnit: ExamUnit.describe('the unit of the qualification exam application (报考单位), compared with the registered unit'),
  examUnitName: z.string().nullable(),
  note: z.string().nullable(),
  recordedBy: z.string(),
  recordedAt: Instant,
});
export type LabourFinding = z.infer<typeof LabourFinding>;

const Row = z.object({
  id: z.coerce.number().int(),
  case_id: z.string(),
  labour_relation: LabourRelation,
  labour_unit_name: z.string().nullable(),
  exam_unit: ExamUnit,
  exam_unit_name: z.string().nullable(),
  note: z.string().nullable(),
  recorded_by: z.string(),
  recorded_at: TimestampColumn,
});

const toFinding = (r: z.infer<typeof Row>): LabourFinding => ({
  id: r.id,
  caseId: r.case_id,
  labourRelation: r.labour_relation,
  labourUnitName: r.labour_unit_name,
  examUnit: r.exam_unit,
  examUnitName: r.exam_unit_name,
  note: r.note,
  recordedBy: r.recorded_by,
  recordedAt: instant(r.recorded_at),
});

export async function listLabourFindings(pool: Pool, caseId: string): Promise<LabourFinding[]> {
  const { rows } = await pool.query('SELECT * FROM case_labour_finding WHERE case_id = $1 ORDER BY recorded_at DESC, id DESC', [caseId]);
  return parseRows(Row, rows).map(toFinding);
}

export async function findLabourFinding(pool: Pool, id: number): Promise<LabourFinding | undefined> {
  const { rows } = await pool.query('SELECT * FROM case_labour_finding WHERE id = $1', [id]);
  return parseRows(Row, rows).map(toFinding)[0];
}
