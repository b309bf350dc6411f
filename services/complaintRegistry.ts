/**
 * Complaints and tips (投诉举报对象逐一登记、认真查处): each is registered once (the complaint id is
 * the caller's idempotency key) and attached to the person's case in the campaign, or opens a
 * new case with origin 'complaint' (one case per person per campaign). A complaint naming only
 * a unit is registered without a case.
 *
 * The API writes the row before it tells the city workflow (the update carries the complaint id,
 * never the person's ID number): one idempotent transaction keyed by the caller's idempotency key,
 * so a crash between the two is repaired by the caller's retry.
 */
import type { Pool } from 'pg';
import { z } from 'zod';
import { CampaignId, CityCode } from '../domain/campaignConfig';
import { ComplaintChannel } from '../domain/complaintChannel';
import { parseIdNumber } from '../domain/idNumber';
import { CASE_SEQ_LOCK_SQL } from '../domain/caseKeys';
import { inTransaction } from '../platform/transactions';

export const RegisterComplaintInput = z
  .object({
    complaintId: z.string().trim().min(1).max(120),
    campaignId: CampaignId,
    cityCode: CityCode,
    receivedAt: z.iso.datetime({ offset: true }),
    channel: ComplaintChannel,
    subjectIdNumber: z
      .string()
      .transform((s, ctx) => {
        const p = parseIdNumber(s);
        if (!p.ok) {
          ctx.addIssue({ code: 'custom', message: `subjectIdNumber: ${p.reason}` });
          return z.NEVER;
        }
        return p.id18;
      })
      .optional(),
    subjectUnit: z.string().trim().min(1).max(300).optional(),
    content: z.string().trim().min(1).max(10_000),
    /** A new case's overdue instant (the city's investigation deadline). */
    dueAt: z.iso.datetime({ offset: true }).optional(),
  })
  .refine((c) => c.subjectIdNumber !== undefined || c.subjectUnit !== undefined, {
    message: 'a complaint names a person (subjectIdNumber) or a unit (subjectUnit)',
  });
export type RegisterComplaintInput = z.input<typeof RegisterComplaintInput>;

export interface RegisterComplaintResult {
  complaintId: string;
  /** The case it belongs to; null for a complaint about a unit only. */
  caseId: string | null;
  /** True when this complaint opened the case: the caller starts its case workflow. */
  created: boolean;
  caseStatus: string | null;
}

export async function registerComplaint(pool: Pool, raw: RegisterComplaintInput): Promise<RegisterComplaintResult> {
  const c = RegisterComplaintInput.parse(raw);
  return inTransaction(pool, async (client) => {
    await client.query(CASE_SEQ_LOCK_SQL, [c.campaignId, c.cityCode]);
    const known = await client.query<{ case_id: string | null; opened_case: boolean }>('SELECT case_id, opened_case FROM complaint WHERE complaint_id = $1', [
      c.complaintId,
    ]);
    if (known.rowCount) return resultFor(client, c.complaintId, known.rows[0].case_id, known.rows[0].opened_case);
    let caseId: string | null = null;
    let created = false;
    if (c.subjectIdNumber) {
      // A transfer gives the person a second case, in the receiving city: this city's first, then a running one.
      const existing = await client.query<{ case_id: string }>(
        `SELECT case_id FROM case_file WHERE campaign_id = $1 AND id_number = $2
         ORDER BY (city_code = $3) DESC, (status IN ('open', 'carried_over')) DESC, opened_at DESC LIMIT 1`,
        [c.campaignId, c.subjectIdNumber, c.cityCode],
      );
      caseId = existing.rows[0]?.case_id ?? null;
      if (!caseId) {
        const opened = await client.query<{ case_id: string }>(
          `WITH next AS (SELECT coalesce(max(seq), 0) + 1 AS seq FROM case_file WHERE campaign_id = $1 AND city_code = $2)
           INSERT INTO case_file (case_id, case_no, campaign_id, city_code, seq, id_number, origin, status, opened_at, due_at)
           SELECT $1 || '-' || $2 || '-' || lpad(next.seq::text, 6, '0'), $2 || '-' || lpad(next.seq::text, 6, '0'),
                  $1, $2, next.seq, $3, 'complaint', 'open', $4, $5
           FROM next RETURNING case_id`,
          [c.campaignId, c.cityCode, c.subjectIdNumber, c.receivedAt, c.dueAt ?? null],
        );
        caseId = opened.rows[0].case_id;
        created = true;
        await client.query('INSERT INTO registration_freeze (id_number, case_id, frozen_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [
          c.subjectIdNumber,
          caseId,
          c.receivedAt,
        ]);
      }
    }
    await client.query(
      `INSERT INTO complaint (complaint_id, campaign_id, city_code, received_at, channel, subject_id_number, subject_unit,
                              content, case_id, opened_case)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [c.complaintId, c.campaignId, c.cityCode, c.receivedAt, c.channel, c.subjectIdNumber ?? null, c.subjectUnit ?? null, c.content, caseId, created],
    );
    if (caseId) {
      // The officer reads every complaint about the person beside the other evidence.
      await client.query(
        `INSERT INTO case_evidence (case_id, kind, payload, gathered_at)
         SELECT $1, 'complaints', jsonb_agg(jsonb_build_object('complaintId', complaint_id, 'receivedAt', received_at,
                  'channel', channel, 'subjectUnit', subject_unit, 'content', content) ORDER BY received_at, complaint_id), now()
         FROM complaint WHERE case_id = $1
         ON CONFLICT (case_id, kind) DO UPDATE SET payload = EXCLUDED.payload, gathered_at = EXCLUDED.gathered_at`,
        [caseId],
      );
    }
    return resultFor(client, c.complaintId, caseId, created);
  });
}

async function resultFor(client: import('pg').PoolClient, complaintId: string, caseId: string | null, created: boolean): Promise<RegisterComplaintResult> {
  if (!caseId) return { complaintId, caseId: null, created: false, caseStatus: null };
  const s = await client.query<{ status: string }>('SELECT status FROM case_file WHERE case_id = $1', [caseId]);
  return { complaintId, caseId, created, caseStatus: s.rows[0]?.status ?? null };
}
