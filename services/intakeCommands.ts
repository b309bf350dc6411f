/**
 * Intake that carries personal data (self-check declarations, deregistration requests,
 * complaints): the row is written here, in PostgreSQL, and the city workflow receives its id
 * only. The caller's request id makes each idempotent end to end (row and update).
 */
import type { Client } from '@temporalio/client';
import type { Pool } from 'pg';
import { z } from 'zod';
import { CityCode } from '../domain/cityCode';
import { CampaignNotFoundError } from '../domain/errors';
import { registerComplaint as registerComplaintRow, type RegisterComplaintInput } from './complaintRegistry';
import { addWorkingDays, IsoDate } from '../domain/calendar';
import { calendarDateAt, CampaignConfig, deadlineAt } from '../domain/campaignConfig';
import { parseIdNumber } from '../domain/idNumber';
import {
  cityWorkflowId,
  recordSelfCheckDeclarationUpdate,
  registerComplaintUpdate,
  requestDeregistrationUpdate,
  type ComplaintResult,
} from '../workflows/messages/city';

const IdNumber = z.string().transform((s, ctx) => {
  const p = parseIdNumber(s);
  if (!p.ok) {
    ctx.addIssue({ code: 'custom', message: `身份证号无效: ${p.reason}` });
    return z.NEVER;
  }
  return p.id18;
});
const Ref = z.object({ campaignId: z.string().min(1), cityCode: CityCode, requestId: z.string().min(1).max(120) });

async function loadConfig(pool: Pool, campaignId: string): Promise<CampaignConfig> {
  const { rows } = await pool.query('SELECT config FROM campaign WHERE id = $1', [campaignId]);
  if (!rows[0]) throw new CampaignNotFoundError(campaignId);
  return CampaignConfig.parse(rows[0].config);
}

export const SelfCheckDeclaration = Ref.extend({
  idNumber: IdNumber.optional(),
  unitName: z.string().trim().min(1).optional(),
  unitCode: z.string().trim().length(18).optional(),
  correction: z.enum(['moved_contributions', 'moved_registration', 'deregistration_applied']),
  correctedOn: IsoDate,
  declaredBy: z.string().trim().min(1),
  note: z.string().trim().min(1).max(2000).optional(),
}).refine((d) => d.idNumber || d.unitName, 'a declaration names a person (idNumber) or a unit (unitName)');
export type SelfCheckDeclarationInput = z.input<typeof SelfCheckDeclaration>;

/**
 * A self-check declaration, with the campaign's calendar date of its receipt: a RECTIFIED decision
 * is exempt only when a declaration of the person or of a registration unit was received by the
 * self-check deadline (domain/penaltyPlan.ts judgeLiability).
 */
export async function recordSelfCheckDeclaration(
  client: Client,
  pool: Pool,
  raw: SelfCheckDeclarationInput,
  now: Date = new Date(),
): Promise<{ declarationId: number }> {
  const d = SelfCheckDeclaration.parse(raw);
  const config = await loadConfig(pool, d.campaignId);
  await pool.query(
    `INSERT INTO self_check_declaration (request_id, campaign_id, city_code, id_number, unit_name, unit_code, correction, corrected_on, declared_by, note,
                                         received_at, received_on)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT (request_id) DO NOTHING`,
    [
      d.requestId,
      d.campaignId,
      d.cityCode,
      d.idNumber ?? null,
      d.unitName ?? null,
      d.unitCode ?? null,
      d.correction,
      d.correctedOn,
      d.declaredBy,
      d.note ?? null,
      now.toISOString(),
      calendarDateAt(config, now.getTime()),
    ],
  );
  const id = Number((await pool.query('SELECT id FROM self_check_declaration WHERE request_id = $1', [d.requestId])).rows[0].id);
  await client.workflow.getHandle(cityWorkflowId(d.campaignId, d.cityCode)).executeUpdate(recordSelfCheckDeclarationUpdate, {
    args: [{ id }],
    updateId: `declaration/${d.requestId}`,
  });
  return { declarationId: id };
}

export const DeregistrationRequest = Ref.extend({
  idNumber: IdNumber,
  certNumber: z.string().trim().min(1).optional(),
  requestedBy: z.string().trim().min(1),
});
export type DeregistrationRequestInput = z.input<typeof DeregistrationRequest>;

/**
 * The time limit runs in working days from the campaign's calendar date of receipt. A request for
 * a person whose case is open (or carried over) belongs to that case: it is linked to it
 * (deregistration_request.case_id), its time limit is not watched, the issuing authority cannot
 * cancel the registration while the case is open (it is frozen), and the case goes on: a
 * DEREGISTERED decision on it does not escape the penalties (domain/penaltyPlan.ts). The answer
 * names the case.
 */
export async function requestDeregistration(
  client: Client,
  pool: Pool,
  raw: DeregistrationRequestInput,
  now: Date = new Date(),
): Promise<{ requestId: number; slaDue: string; slaDueAt: string; caseId: string | null; notice?: string }> {
  const d = DeregistrationRequest.parse(raw);
  const config = await loadConfig(pool, d.campaignId);
  const receivedOn = calendarDateAt(config, now.getTime());
  const slaDue = addWorkingDays(receivedOn, config.rules.deregistrationSlaWorkingDays);
  const slaDueAt = new Date(deadlineAt(config, slaDue)).toISOString();
  await pool.query(
    `INSERT INTO deregistration_request (request_id, campaign_id, city_code, id_number, cert_number, requested_by, received_at,
                                         received_on, sla_due, sla_due_at, case_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10,
             (SELECT case_id FROM case_file WHERE campaign_id = $2 AND id_number = $4 AND status IN ('open', 'carried_over', 'decided')))
     ON CONFLICT (request_id) DO NOTHING`,
    [d.requestId, d.campaignId, d.cityCode, d.idNumber, d.certNumber ?? null, d.requestedBy, now.toISOString(), receivedOn, slaDue, slaDueAt],
  );
  const row = (
    await pool.query(
      `SELECT r.id, to_char(r.sla_due, 'YYYY-MM-DD') AS sla_due, r.sla_due_at, r.case_id, c.case_no
       FROM deregistration_request r LEFT JOIN case_file c ON c.case_id = r.case_id WHERE r.request_id = $1`,
      [d.requestId],
    )
  ).rows[0];
  const requestId = Number(row.id);
  await client.workflow.getHandle(cityWorkflowId(d.campaignId, d.cityCode)).executeUpdate(requestDeregistrationUpdate, {
    args: [{ id: requestId }],
    updateId: `deregistration-request/${d.requestId}`,
  });
  const caseId = (row.case_id as string | null) ?? null;
  return {
    requestId,
    slaDue: row.sla_due,
    slaDueAt: (row.sla_due_at as Date).toISOString(),
    caseId,
    ...(caseId ? { notice: duringCaseNotice(row.case_no as string) } : {}),
  };
}

/** What an officer is told when a person with an open case applies to deregister. */
export function duringCaseNotice(caseNo: string): string {
  return (
    `当事人的案件 ${caseNo} 尚在办理中：注销申请已记入该案件，案件继续办理；注册冻结期间不办理注销，` +
    '以「已注销」结案的不免除责任，确认挂证的仍予记录不良行为并3年内不予受理注册'
  );
}

/** A complaint or tip: registered (attached to the person's case, or opening one), then the city starts a new case. */
export async function registerComplaint(
  client: Client,
  pool: Pool,
  input: Omit<RegisterComplaintInput, 'dueAt' | 'receivedAt'> & { receivedAt?: string },
): Promise<ComplaintResult> {
  const due = await pool.query('SELECT due_at FROM deadline WHERE campaign_id = $1 AND deadline_key = $2', [
    input.campaignId,
    `investigation/${input.cityCode}`,
  ]);
  await registerComplaintRow(pool, {
    ...input,
    receivedAt: input.receivedAt ?? new Date().toISOString(),
    ...(due.rows[0] ? { dueAt: (due.rows[0].due_at as Date).toISOString() } : {}),
  });
  return client.workflow.getHandle(cityWorkflowId(input.campaignId, input.cityCode)).executeUpdate(registerComplaintUpdate, {
    args: [{ complaintId: input.complaintId }],
    updateId: `complaint/${input.complaintId}`,
  });
}
