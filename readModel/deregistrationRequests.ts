/** A city's requests to deregister (申请注销) with their fast-track time limits. Without `persons` the ID number is masked. */
import type { Pool } from 'pg';
import { z } from 'zod';
import { maskIdNumber } from '../domain/idNumber';
import { BigintColumn, DateText, Instant, instant, instantOrNull, parseRows, TimestampColumn } from './sqlTypes';

export const DeregistrationOutcome = z.enum(['cancelled', 'refused']);

const RequestRow = z.object({
  id: BigintColumn,
  id_number: z.string(),
  cert_number: z.string().nullable(),
  requested_by: z.string(),
  received_at: TimestampColumn,
  sla_due: z.string(),
  sla_due_at: TimestampColumn,
  processed_at: TimestampColumn.nullable(),
  outcome: DeregistrationOutcome.nullable(),
  case_id: z.string().nullable(),
});

export const DeregistrationRequest = z.object({
  id: z.number().int(),
  idNumber: z.string().describe('masked for supervisors and auditors'),
  certNumber: z.string().nullable().optional().describe('officers and coordinators only'),
  requestedBy: z.string(),
  receivedAt: Instant,
  slaDue: DateText.describe('the last working day allowed'),
  slaDueAt: Instant,
  processedAt: Instant.nullable(),
  outcome: DeregistrationOutcome.nullable(),
  caseId: z
    .string()
    .nullable()
    .describe("the case it belongs to: made while the person's case was open, it is handled inside the case and its time limit is not watched"),
});
export type DeregistrationRequest = z.infer<typeof DeregistrationRequest>;

export async function listDeregistrationRequests(
  pool: Pool,
  q: { campaignId: string; cityCode: string; page: number; pageSize: number },
  persons: boolean,
): Promise<DeregistrationRequest[]> {
  const { rows } = await pool.query(
    `SELECT id, id_number, cert_number, requested_by, received_at, to_char(sla_due, 'YYYY-MM-DD') AS sla_due, sla_due_at, processed_at, outcome, case_id
     FROM deregistration_request WHERE campaign_id = $1 AND city_code = $2 ORDER BY id LIMIT $3 OFFSET $4`,
    [q.campaignId, q.cityCode, q.pageSize, (q.page - 1) * q.pageSize],
  );
  return parseRows(RequestRow, rows).map((r) => ({
    id: r.id,
    idNumber: persons ? r.id_number : maskIdNumber(r.id_number),
    ...(persons ? { certNumber: r.cert_number } : {}),
    requestedBy: r.requested_by,
    receivedAt: instant(r.received_at),
    slaDue: r.sla_due,
    slaDueAt: instant(r.sla_due_at),
    processedAt: instantOrNull(r.processed_at),
    outcome: r.outcome,
    caseId: r.case_id,
  }));
}
