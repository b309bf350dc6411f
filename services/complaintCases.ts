/**
 * Complaints as cases of their own (issue 20 items 1–2; docs/complaints.md), the client side the API
 * shares: registration (number, rows, contact in one transaction, then the files through the one
 * attachment store; idempotent by the request's key), the start of the complaint's workflow (after the rows; repeated by every later
 * command and by the API at start-up until it is recorded, so a crash in between is recovered), an
 * officer's step (its row first, then the workflow's update under the row's id), the unit inquiry's
 * work, and the province's settings (published channels, time limits).
 */
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { Pool } from 'pg';
import { shanghaiDate } from '../domain/calendar';
import type { ComplaintChannel } from '../domain/complaintChannel';
import { complaintNoOf, complaintWorkflowId, DAY_MS, stepRefusal, type ComplaintStatus, type ComplaintStep } from '../domain/complaintCase';
import { DomainError } from '../domain/errors';
import type { Officer } from '../domain/officer';
import { inTransaction } from '../platform/transactions';
import { complaintStepUpdate, type ComplaintState, type ComplaintWorkflowInput } from '../workflows/messages/complaint';
import { postgresAttachmentStore, type AttachmentStore } from './attachments/attachmentStore';
import { asDomainError } from './caseCorrections';

export interface ComplaintDeps {
  pool: Pool;
  client: Client;
  /** The worker's task queue. */
  taskQueue: string;
  /** The one attachment store (the embedded PostgreSQL one when not given). */
  attachments?: AttachmentStore;
}

export type ComplaintSubject = { kind: 'person'; idNumber: string } | { kind: 'unit'; uscc?: string; unitName?: string };

export interface ComplaintContact {
  name?: string;
  phone?: string;
  email?: string;
  address?: string;
}

export interface ComplaintFile {
  fileName: string;
  bytes: Buffer;
}

export interface RegisterComplaintCase {
  /** Idempotency: the same key registers once. */
  requestKey: string;
  cityCode: string;
  channel: ComplaintChannel;
  source: 'officer' | 'public';
  subject: ComplaintSubject;
  content: string;
  receivedAt?: string;
  registeredBy: string;
  contact?: ComplaintContact;
  attachments?: ComplaintFile[];
}

export interface RegisteredComplaint {
  complaintNo: string;
  /** The complainant's secret query code: given once, stored only as its hash. A repeat of the same request issues a new one. */
  queryCode: string;
  acceptDueAt: string;
  /** False when the same request had registered it before. */
  created: boolean;
}

/** 12 characters without look-alikes (no 0/O, 1/I/L). */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export function newQueryCode(): string {
  const bytes = randomBytes(12);
  return Array.from(bytes, (b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('');
}
const sha256 = (s: string | Buffer) => createHash('sha256').update(s).digest('hex');

/** The city's campaign a complaint belongs to: the latest one that includes the city. */
async function campaignOfCity(pool: Pool | import('pg').PoolClient, cityCode: string): Promise<string | undefined> {
  const { rows } = await pool.query<{ id: string }>(`SELECT id FROM campaign WHERE config->'cities' ? $1 ORDER BY launched_at DESC, id LIMIT 1`, [cityCode]);
  return rows[0]?.id;
}

export async function registerComplaintCase(deps: ComplaintDeps, r: RegisterComplaintCase): Promise<RegisteredComplaint> {
  const store = deps.attachments ?? postgresAttachmentStore(deps.pool);
  // Size, type and the virus scan refuse a file before anything is written: a complaint is never kept
  // without a file its sender sent (who would then have no number to ask with). The store checks again when it adds.
  const files = r.attachments ?? [];
  for (const f of files) await store.inspect(f);
  const queryCode = newQueryCode();
  const registered = await inTransaction(deps.pool, async (client) => {
    const known = await client.query<{ complaint_no: string; accept_due_at: Date }>(
      'UPDATE complaint_case SET query_code_sha256 = $2 WHERE request_key = $1 RETURNING complaint_no, accept_due_at',
      [r.requestKey, sha256(queryCode)],
    );
    if (known.rows[0]) return { complaintNo: known.rows[0].complaint_no, queryCode, acceptDueAt: known.rows[0].accept_due_at.toISOString(), created: false };
    const campaignId = await campaignOfCity(client, r.cityCode);
    if (!campaignId) throw new DomainError('NotFound', `市（州）${r.cityCode} 没有专项治理行动，暂不能登记投诉举报`);
    const periods = await client.query<{ accept_days: number }>('SELECT accept_days FROM complaint_period_setting');
    const receivedAt = r.receivedAt ? new Date(r.receivedAt) : new Date();
    const year = Number(shanghaiDate(receivedAt).slice(0, 4));
    // Gap-free: the counter moves in this transaction, so a registration rolled back gives its number back.
    const seq = await client.query<{ last_seq: number }>(
      `INSERT INTO complaint_number_counter (city_code, year, last_seq) VALUES ($1, $2, 1)
       ON CONFLICT (city_code, year) DO UPDATE SET last_seq = complaint_number_counter.last_seq + 1 RETURNING last_seq`,
      [r.cityCode, year],
    );
    const complaintNo = complaintNoOf(r.cityCode, year, seq.rows[0].last_seq);
    const acceptDueAt = new Date(Date.now() + periods.rows[0].accept_days * DAY_MS).toISOString();
    const s = r.subject;
    await client.query(
      `INSERT INTO complaint_case (complaint_no, request_key, city_code, year, seq, campaign_id, channel, source, subject_kind, subject_id_number,
                                   subject_uscc, subject_unit_name, content, received_at, registered_by, accept_due_at, query_code_sha256)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`,
      [
        complaintNo,
        r.requestKey,
        r.cityCode,
        year,
        seq.rows[0].last_seq,
        campaignId,
        r.channel,
        r.source,
        s.kind,
        s.kind === 'person' ? s.idNumber : null,
        s.kind === 'unit' ? (s.uscc ?? null) : null,
        s.kind === 'unit' ? (s.unitName ?? null) : null,
        r.content,
        receivedAt,
        r.registeredBy,
        acceptDueAt,
        sha256(queryCode),
      ],
    );
    const c = r.contact ?? {};
    if (c.name || c.phone || c.email || c.address) {
      await client.query('INSERT INTO complaint_contact (complaint_no, name, phone, email, address) VALUES ($1, $2, $3, $4, $5)', [
        complaintNo,
        c.name ?? null,
        c.phone ?? null,
        c.email ?? null,
        c.address ?? null,
      ]);
    }
    return { complaintNo, queryCode, acceptDueAt, created: true };
  });
  // Through the one store, after the rows (it writes on its own connection): the same bytes for the
  // same complaint are one attachment, so a repeated request adds nothing.
  for (const f of files) await store.add({ kind: 'complaint', id: registered.complaintNo }, { fileName: f.fileName, bytes: f.bytes, addedBy: r.registeredBy });
  await startComplaintWorkflow(deps, registered.complaintNo);
  return registered;
}

/** Starts the complaint's workflow unless it runs (or ran) already, and records that it did. */
export async function startComplaintWorkflow(deps: ComplaintDeps, complaintNo: string): Promise<void> {
  const { rows } = await deps.pool.query<{ city_code: string; campaign_id: string; accept_due_at: Date; started: boolean; remind: number }>(
    `SELECT city_code, campaign_id, accept_due_at, workflow_started_at IS NOT NULL AS started,
            (SELECT remind_days_before FROM complaint_period_setting) AS remind
     FROM complaint_case WHERE complaint_no = $1`,
    [complaintNo],
  );
  const c = rows[0];
  if (!c) throw new DomainError('NotFound', `没有编号为 ${complaintNo} 的投诉举报`);
  if (c.started) return;
  const input: ComplaintWorkflowInput = {
    complaintNo,
    cityCode: c.city_code,
    campaignId: c.campaign_id,
    acceptDueAt: c.accept_due_at.toISOString(),
    remindDaysBefore: c.remind,
  };
  try {
    await deps.client.workflow.start('complaintWorkflow', {
      taskQueue: deps.taskQueue,
      workflowId: complaintWorkflowId(c.campaign_id, complaintNo),
      args: [input],
      // One workflow per number, ever: a finished complaint is not started again.
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
  await deps.pool.query('UPDATE complaint_case SET workflow_started_at = now() WHERE complaint_no = $1 AND workflow_started_at IS NULL', [complaintNo]);
}

/** Complaints whose workflow start was not recorded (a crash after the rows): started now. Answers how many. */
export async function startUnstartedComplaints(deps: ComplaintDeps): Promise<number> {
  const { rows } = await deps.pool.query<{ complaint_no: string }>(
    'SELECT complaint_no FROM complaint_case WHERE workflow_started_at IS NULL ORDER BY registered_at LIMIT 1000',
  );
  for (const r of rows) await startComplaintWorkflow(deps, r.complaint_no);
  return rows.length;
}

export interface StepTexts {
  reason?: string;
  reopenReason?: string;
  result?: string;
  reply?: string;
}

const REQUIRED_TEXT: Partial<Record<ComplaintStep, { field: keyof StepTexts; label: string }>> = {
  not_accept: { field: 'reason', label: '不予受理理由' },
  conclude: { field: 'result', label: '办理结果' },
  reply: { field: 'reply', label: '答复内容' },
};

/** An officer's step: the row (who, the texts) first, then the workflow's update under the row's id. */
export async function takeComplaintStep(
  deps: ComplaintDeps,
  a: { complaintNo: string; cityCode: string; step: ComplaintStep; texts: StepTexts; officer: Officer; requestId?: string },
): Promise<ComplaintState> {
  const { rows } = await deps.pool.query<{ status: ComplaintStatus; campaign_id: string }>(
    'SELECT status, campaign_id FROM complaint_case WHERE complaint_no = $1 AND city_code = $2',
    [a.complaintNo, a.cityCode],
  );
  if (!rows[0]) throw new DomainError('NotFound', `本市（州）没有编号为 ${a.complaintNo} 的投诉举报`);
  const required = REQUIRED_TEXT[a.step];
  if (required && !a.texts[required.field]) {
    throw new DomainError('UpdateRefused', `请填写「${required.label}」`, [{ path: required.field, message: `请填写「${required.label}」` }]);
  }
  const stepId = a.requestId ? `complaint-step/${a.complaintNo}/${a.requestId}` : `complaint-step/${a.complaintNo}/${randomUUID()}`;
  const inserted = await deps.pool.query(
    `INSERT INTO complaint_step (complaint_no, step_id, step, officer_id, officer_role, texts) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (complaint_no, step_id) DO NOTHING`,
    [a.complaintNo, stepId, a.step, a.officer.userId, a.officer.role, JSON.stringify(a.texts)],
  );
  if (!inserted.rowCount) {
    const prior = await deps.pool.query<{ step: string }>('SELECT step FROM complaint_step WHERE complaint_no = $1 AND step_id = $2', [a.complaintNo, stepId]);
    if (prior.rows[0]?.step !== a.step) throw new DomainError('KeyReused', '该请求编号已用于另一办理步骤');
  } else {
    // Refused at once when the read model already says so (the workflow's validator judges again).
    const why = stepRefusal(rows[0].status, a.step);
    if (why) {
      await deps.pool.query('DELETE FROM complaint_step WHERE complaint_no = $1 AND step_id = $2 AND applied_at IS NULL', [a.complaintNo, stepId]);
      throw new DomainError('ComplaintStepRefused', why);
    }
  }
  await startComplaintWorkflow(deps, a.complaintNo);
  try {
    return await deps.client.workflow
      .getHandle(complaintWorkflowId(rows[0].campaign_id, a.complaintNo))
      .executeUpdate(complaintStepUpdate, { args: [{ stepId, step: a.step }], updateId: stepId });
  } catch (err) {
    throw asDomainError(err);
  }
}

/** The complainant asks with the number and the query code; undefined unless both match. */
export async function complaintForCode(pool: Pool, complaintNo: string, queryCode: string): Promise<boolean> {
  const { rows } = await pool.query<{ query_code_sha256: string }>('SELECT query_code_sha256 FROM complaint_case WHERE complaint_no = $1', [complaintNo]);
  const expected = Buffer.from(rows[0]?.query_code_sha256 ?? '0'.repeat(64), 'hex');
  const given = Buffer.from(sha256(queryCode.trim().toUpperCase()), 'hex');
  return timingSafeEqual(expected, given) && rows.length > 0;
}

/** The unit inquiry's work: owner, findings, close with its result. */
export async function workUnitInquiry(
  pool: Pool,
  a: { cityCode: string; inquiryId: number; owner?: string; findings?: string; result?: string; by: string },
): Promise<void> {
  const { rows } = await pool.query<{ status: string }>('SELECT status FROM unit_inquiry WHERE id = $1 AND city_code = $2', [a.inquiryId, a.cityCode]);
  if (!rows[0]) throw new DomainError('NotFound', `本市（州）没有编号为 ${a.inquiryId} 的单位核查`);
  if (rows[0].status === 'closed') throw new DomainError('ComplaintStepRefused', `单位核查 ${a.inquiryId} 已办结，不能再更改`);
  await pool.query(
    `UPDATE unit_inquiry SET owner = coalesce($2, owner), findings = coalesce($3, findings),
            result = coalesce($4, result), status = CASE WHEN $4::text IS NULL THEN status ELSE 'closed' END,
            closed_at = CASE WHEN $4::text IS NULL THEN closed_at ELSE now() END, closed_by = CASE WHEN $4::text IS NULL THEN closed_by ELSE $5 END
     WHERE id = $1`,
    [a.inquiryId, a.owner ?? null, a.findings ?? null, a.result ?? null, a.by],
  );
}

/** The province publishes a city's hotline and mailbox (empty both: the city publishes none). */
export async function setComplaintChannels(pool: Pool, a: { cityCode: string; hotline?: string; mailbox?: string; by: string }): Promise<void> {
  await pool.query(
    `INSERT INTO complaint_channel_setting (city_code, hotline, mailbox, updated_by, updated_at) VALUES ($1, $2, $3, $4, now())
     ON CONFLICT (city_code) DO UPDATE SET hotline = EXCLUDED.hotline, mailbox = EXCLUDED.mailbox, updated_by = EXCLUDED.updated_by, updated_at = now()`,
    [a.cityCode, a.hotline ?? null, a.mailbox ?? null, a.by],
  );
}

/** The province's time limits (calendar days); they apply to complaints registered or accepted afterwards. */
export async function setComplaintPeriods(pool: Pool, a: { acceptDays: number; handleDays: number; remindDaysBefore: number; by: string }): Promise<void> {
  await pool.query('UPDATE complaint_period_setting SET accept_days = $1, handle_days = $2, remind_days_before = $3, updated_by = $4, updated_at = now()', [
    a.acceptDays,
    a.handleDays,
    a.remindDaysBefore,
    a.by,
  ]);
}
