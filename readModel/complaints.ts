/** A city's complaints and tips (投诉举报). Without `persons` the subject's ID number is masked and the texts left out. */
import type { Pool } from 'pg';
import { z } from 'zod';
import { maskIdNumber } from '../domain/idNumber';
import { Instant, instant, parseRows, TimestampColumn } from './sqlTypes';

const ComplaintRow = z.object({
  complaint_id: z.string(),
  received_at: TimestampColumn,
  channel: z.string(),
  subject_id_number: z.string().nullable(),
  subject_unit: z.string().nullable(),
  content: z.string(),
  case_id: z.string().nullable(),
  registered_at: TimestampColumn,
});

export const Complaint = z.object({
  complaintId: z.string(),
  receivedAt: Instant,
  channel: z.string(),
  caseId: z.string().nullable().describe('the case it joined or opened; null when it names a unit only'),
  registeredAt: Instant,
  subjectIdNumber: z.string().nullable().describe('masked for supervisors and auditors'),
  subjectUnit: z.string().nullable().optional().describe('officers and coordinators only'),
  content: z.string().optional().describe('officers and coordinators only'),
});
export type Complaint = z.infer<typeof Complaint>;

export async function listComplaints(
  pool: Pool,
  q: { campaignId: string; cityCode: string; page: number; pageSize: number },
  persons: boolean,
): Promise<Complaint[]> {
  const { rows } = await pool.query(
    `SELECT complaint_id, received_at, channel, subject_id_number, subject_unit, content, case_id, registered_at
     FROM complaint WHERE campaign_id = $1 AND city_code = $2 ORDER BY received_at LIMIT $3 OFFSET $4`,
    [q.campaignId, q.cityCode, q.pageSize, (q.page - 1) * q.pageSize],
  );
  return parseRows(ComplaintRow, rows).map((r) => ({
    complaintId: r.complaint_id,
    receivedAt: instant(r.received_at),
    channel: r.channel,
    caseId: r.case_id,
    registeredAt: instant(r.registered_at),
    subjectIdNumber: r.subject_id_number ? (persons ? r.subject_id_number : maskIdNumber(r.subject_id_number)) : null,
    ...(persons ? { subjectUnit: r.subject_unit, content: r.content } : {}),
  }));
}
