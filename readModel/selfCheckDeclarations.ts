/** A city's self-check declarations (自查自纠). Without `persons` the ID number is masked and the note left out. */
import type { Pool } from 'pg';
import { z } from 'zod';
import { maskIdNumber } from '../domain/idNumber';
import { BigintColumn, DateText, Instant, instant, parseRows, TimestampColumn } from './sqlTypes';

export const Correction = z.enum(['moved_contributions', 'moved_registration', 'deregistration_applied']);

const DeclarationRow = z.object({
  id: BigintColumn,
  id_number: z.string().nullable(),
  unit_name: z.string().nullable(),
  unit_code: z.string().nullable(),
  correction: Correction,
  corrected_on: z.string(),
  declared_by: z.string(),
  received_at: TimestampColumn,
  note: z.string().nullable(),
});

export const SelfCheckDeclaration = z.object({
  id: z.number().int(),
  idNumber: z.string().nullable().describe('masked for supervisors and auditors'),
  unitName: z.string().nullable(),
  unitCode: z.string().nullable(),
  correction: Correction,
  correctedOn: DateText,
  declaredBy: z.string(),
  receivedAt: Instant,
  note: z.string().nullable().optional().describe('officers and coordinators only'),
});
export type SelfCheckDeclaration = z.infer<typeof SelfCheckDeclaration>;

export async function listSelfCheckDeclarations(
  pool: Pool,
  q: { campaignId: string; cityCode: string; page: number; pageSize: number },
  persons: boolean,
): Promise<SelfCheckDeclaration[]> {
  const { rows } = await pool.query(
    `SELECT id, id_number, unit_name, unit_code, correction, to_char(corrected_on, 'YYYY-MM-DD') AS corrected_on, declared_by, received_at, note
     FROM self_check_declaration WHERE campaign_id = $1 AND city_code = $2 ORDER BY id LIMIT $3 OFFSET $4`,
    [q.campaignId, q.cityCode, q.pageSize, (q.page - 1) * q.pageSize],
  );
  return parseRows(DeclarationRow, rows).map((r) => ({
    id: r.id,
    idNumber: r.id_number ? (persons ? r.id_number : maskIdNumber(r.id_number)) : null,
    unitName: r.unit_name,
    unitCode: r.unit_code,
    correction: r.correction,
    correctedOn: r.corrected_on,
    declaredBy: r.declared_by,
    receivedAt: instant(r.received_at),
    ...(persons ? { note: r.note } : {}),
  }));
}
