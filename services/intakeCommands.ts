/**
 * Intake that carries personal data (self-check declarations, deregistration requests,
 * complaints): the row is written here, in PostgreSQL, and the city workflow receives its id
 * only. The caller's request id makes each idempotent end to end (row and update).
 */
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { Pool } from 'pg';
import { z } from 'zod';
import { CityCode } from '../domain/cityCode';
import { CampaignNotFoundError, DomainError } from '../domain/errors';
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
  await assertDeclarationAccepted(pool, config, d, now);
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

/**
 * Issue 21: a declaration is accepted only in the self-check phase (from its start to the city's
 * self-check deadline instant, an extension included), and a correction is never dated after the
 * campaign's date of receipt. Refusals name the field in Chinese.
 */
async function assertDeclarationAccepted(pool: Pool, config: CampaignConfig, d: { cityCode: string; correctedOn: string }, now: Date): Promise<void> {
  const today = calendarDateAt(config, now.getTime());
  const cal = config.calendar.selfCheck;
  const due = await pool.query<{ due_at: Date; due_date: string }>(
    `SELECT due_at, to_char(due_date, 'YYYY-MM-DD') AS due_date FROM deadline WHERE campaign_id = $1 AND deadline_key = $2`,
    [config.id, `selfCheck/${d.cityCode}`],
  );
  const dueAt = due.rows[0] ? due.rows[0].due_at.getTime() : deadlineAt(config, cal.deadline);
  const dueDate = due.rows[0]?.due_date ?? cal.deadline;
  const refuse = (path: string, message: string): never => {
    throw new DomainError('DeclarationRefused', message, [{ path, message }]);
  };
  if (today < cal.start) refuse('correctedOn', `自查自纠阶段自${cal.start}开始，此前不受理自查自纠申报`);
  if (now.getTime() >= dueAt) refuse('correctedOn', `自查自纠阶段已于${dueDate}结束，不再受理自查自纠申报（逾期的整改情况由排查阶段核实）`);
  if (d.correctedOn > today) refuse('correctedOn', `「自纠日期」${d.correctedOn}晚于今天（${today}），不能申报尚未完成的整改`);
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
             -- A person transferred to another city has two cases (issue 20): the newest still running.
             (SELECT case_id FROM case_file WHERE campaign_id = $2 AND id_number = $4 AND status IN ('open', 'carried_over', 'decided')
              ORDER BY opened_at DESC, case_id DESC LIMIT 1))
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
  // This entry hands the complaint to the city workflow, which is complete once the campaign ends: refuse
  // before writing anything rather than open a case no workflow would decide. Complaints as cases of their
  // own (services/complaintCases.ts) outlive the campaign.
  await assertCityWorkflowRunning(client, input.campaignId, input.cityCode);
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

async function assertCityWorkflowRunning(client: Client, campaignId: string, cityCode: string): Promise<void> {
  let running = false;
  try {
    running = (await client.workflow.getHandle(cityWorkflowId(campaignId, cityCode)).describe()).status.name === 'RUNNING';
  } catch (err) {
    if (!(err instanceof WorkflowNotFoundError)) throw err;
  }
  if (!running) {
    throw new DomainError(
      'UpdateRefused',
      '本市（州）专项行动的办理流程已结束，此入口不再登记投诉举报：请在「投诉举报办理」中登记（POST /cities/{cityCode}/complaint-cases），其受理、调查和答复不依赖专项行动',
    );
  }
}
