/**
 * Complaints as cases (docs/complaints.md): a city's list (status and due filters), one complaint with
 * its steps, attachments and unit inquiry, the complainant's status answer (status and reply only),
 * and the province's settings (published channels, time limits). The complainant's contact is read
 * only when the caller says so (the handling city's officers); the subject's ID number is masked for
 * every other reader.
 */
import type { Pool } from 'pg';
import { z } from 'zod';
import { JILIN_CITIES } from '../domain/cities';
import { ComplaintStatus } from '../domain/complaintCase';
import { maskIdNumber } from '../domain/idNumber';
import { Instant, instant, instantOrNull } from './sqlTypes';

export const ComplaintCaseSummary = z.object({
  complaintNo: z.string(),
  cityCode: z.string(),
  channel: z.string(),
  source: z.enum(['officer', 'public']),
  subjectKind: z.enum(['person', 'unit']),
  status: ComplaintStatus,
  receivedAt: Instant,
  acceptDueAt: Instant,
  handleDueAt: Instant.nullable(),
  /** The limit that runs now (acceptance, then handling), null once replied or not accepted. */
  dueAt: Instant.nullable(),
  overdue: z.boolean(),
  caseId: z.string().nullable(),
});
export type ComplaintCaseSummary = z.infer<typeof ComplaintCaseSummary>;

export const ComplaintListQuery = z.object({
  status: ComplaintStatus.optional().meta({ title: '办理状态' }),
  due: z.enum(['overdue', 'due_soon']).optional().meta({ title: '期限' }).describe('overdue: past its running limit; due_soon: within 3 days of it'),
  page: z.coerce.number().int().min(1).max(100_000).default(1).meta({ title: '页码' }),
  pageSize: z.coerce.number().int().min(1).max(200).default(50).meta({ title: '每页条数' }),
});
export type ComplaintListQuery = z.infer<typeof ComplaintListQuery>;

const RUNNING_DUE = `CASE WHEN status = 'registered' THEN accept_due_at WHEN status IN ('accepted', 'investigating', 'concluded') THEN handle_due_at END`;

interface Row {
  complaint_no: string;
  city_code: string;
  channel: string;
  source: 'officer' | 'public';
  subject_kind: 'person' | 'unit';
  status: ComplaintStatus;
  received_at: Date;
  accept_due_at: Date;
  handle_due_at: Date | null;
  due_at: Date | null;
  case_id: string | null;
}

const summaryOf = (r: Row, now: number): ComplaintCaseSummary => ({
  complaintNo: r.complaint_no,
  cityCode: r.city_code,
  channel: r.channel,
  source: r.source,
  subjectKind: r.subject_kind,
  status: r.status,
  receivedAt: instant(r.received_at),
  acceptDueAt: instant(r.accept_due_at),
  handleDueAt: instantOrNull(r.handle_due_at),
  dueAt: instantOrNull(r.due_at),
  overdue: r.due_at !== null && r.due_at.getTime() <= now,
  caseId: r.case_id,
});

export async function listComplaintCases(pool: Pool, cityCode: string, q: ComplaintListQuery): Promise<{ items: ComplaintCaseSummary[]; total: number }> {
  const where = [`city_code = $1`];
  const args: unknown[] = [cityCode];
  if (q.status) {
    args.push(q.status);
    where.push(`status = $${args.length}`);
  }
  if (q.due === 'overdue') where.push(`${RUNNING_DUE} <= now()`);
  if (q.due === 'due_soon') where.push(`${RUNNING_DUE} > now() AND ${RUNNING_DUE} <= now() + interval '3 days'`);
  const total = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM complaint_case WHERE ${where.join(' AND ')}`, args);
  const { rows } = await pool.query<Row>(
    `SELECT complaint_no, city_code, channel, source, subject_kind, status, received_at, accept_due_at, handle_due_at, ${RUNNING_DUE} AS due_at, case_id
     FROM complaint_case WHERE ${where.join(' AND ')}
     ORDER BY ${RUNNING_DUE} NULLS LAST, complaint_no LIMIT $${args.length + 1} OFFSET $${args.length + 2}`,
    [...args, q.pageSize, (q.page - 1) * q.pageSize],
  );
  const now = Date.now();
  return { items: rows.map((r) => summaryOf(r, now)), total: Number(total.rows[0].n) };
}

export const ComplaintContactView = z.object({
  name: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  address: z.string().nullable(),
});

export const ComplaintStepView = z.object({
  step: z.string(),
  officerId: z.string(),
  requestedAt: Instant,
  appliedAt: Instant.nullable(),
  texts: z.record(z.string(), z.string()),
});

export const UnitInquiryView = z.object({
  inquiryId: z.number().int(),
  unitCode: z.string().nullable(),
  unitName: z.string().nullable(),
  status: z.enum(['open', 'closed']),
  owner: z.string().nullable(),
  findings: z.string().nullable(),
  result: z.string().nullable(),
  openedAt: Instant,
  closedAt: Instant.nullable(),
});

export const ComplaintCaseDetail = ComplaintCaseSummary.extend({
  campaignId: z.string(),
  subjectIdNumber: z.string().nullable().describe('masked unless the reader works the city’s cases'),
  subjectUscc: z.string().nullable(),
  subjectUnitName: z.string().nullable(),
  content: z.string(),
  registeredBy: z.string(),
  notAcceptedReason: z.string().nullable(),
  result: z.string().nullable(),
  reply: z.string().nullable(),
  repliedAt: Instant.nullable(),
  caseLink: z.string().nullable(),
  reopenReason: z.string().nullable(),
  contact: ComplaintContactView.nullable().optional().describe('the handling city’s officers only; absent for everyone else'),
  steps: z.array(ComplaintStepView),
  attachments: z.array(
    z.object({
      attachmentId: z.string(),
      fileName: z.string(),
      contentType: z.string(),
      size: z.number().int(),
      sha256: z.string(),
      addedBy: z.string(),
      addedAt: Instant,
    }),
  ),
  inquiry: UnitInquiryView.nullable(),
});
export type ComplaintCaseDetail = z.infer<typeof ComplaintCaseDetail>;

export async function complaintCaseDetail(
  pool: Pool,
  cityCode: string,
  complaintNo: string,
  reader: { persons: boolean; contact: boolean },
): Promise<ComplaintCaseDetail | undefined> {
  const { rows } = await pool.query(`SELECT *, ${RUNNING_DUE} AS due_at FROM complaint_case WHERE complaint_no = $1 AND city_code = $2`, [
    complaintNo,
    cityCode,
  ]);
  const r = rows[0];
  if (!r) return undefined;
  const [steps, files, inquiry, contact] = await Promise.all([
    pool.query('SELECT step, officer_id, requested_at, applied_at, texts FROM complaint_step WHERE complaint_no = $1 ORDER BY requested_at, step_id', [
      complaintNo,
    ]),
    // The one attachment store's rows (migration 078 copied the older complaint_attachment ones, ids kept).
    pool.query(
      `SELECT id::text, file_name, content_type, size, sha256, added_by, added_at FROM attachment
       WHERE owner_kind = 'complaint' AND owner_id = $1 ORDER BY added_at, id`,
      [complaintNo],
    ),
    pool.query('SELECT * FROM unit_inquiry WHERE complaint_no = $1', [complaintNo]),
    reader.contact ? pool.query('SELECT name, phone, email, address FROM complaint_contact WHERE complaint_no = $1', [complaintNo]) : undefined,
  ]);
  const i = inquiry.rows[0];
  return {
    ...summaryOf(r as Row, Date.now()),
    campaignId: r.campaign_id,
    subjectIdNumber: r.subject_id_number ? (reader.persons ? r.subject_id_number : maskIdNumber(r.subject_id_number)) : null,
    subjectUscc: r.subject_uscc,
    subjectUnitName: r.subject_unit_name,
    content: r.content,
    registeredBy: r.registered_by,
    notAcceptedReason: r.not_accepted_reason,
    result: r.result,
    reply: r.reply,
    repliedAt: instantOrNull(r.replied_at),
    caseLink: r.case_link,
    reopenReason: r.reopen_reason,
    ...(contact ? { contact: contact.rows[0] ?? null } : {}),
    steps: steps.rows.map((s) => ({
      step: s.step,
      officerId: s.officer_id,
      requestedAt: instant(s.requested_at),
      appliedAt: instantOrNull(s.applied_at),
      texts: s.texts as Record<string, string>,
    })),
    attachments: files.rows.map((f) => ({
      attachmentId: f.id,
      fileName: f.file_name,
      contentType: f.content_type,
      size: f.size,
      sha256: f.sha256,
      addedBy: f.added_by,
      addedAt: instant(f.added_at),
    })),
    inquiry: i
      ? {
          inquiryId: Number(i.id),
          unitCode: i.unit_code,
          unitName: i.unit_name,
          status: i.status,
          owner: i.owner,
          findings: i.findings,
          result: i.result,
          openedAt: instant(i.opened_at),
          closedAt: instantOrNull(i.closed_at),
        }
      : null,
  };
}

/** What the complainant sees: the status and the answer, nothing about the person or unit complained of. */
export const PublicComplaintStatus = z.object({
  complaintNo: z.string(),
  status: ComplaintStatus,
  receivedAt: Instant,
  acceptDueAt: Instant,
  handleDueAt: Instant.nullable(),
  notAcceptedReason: z.string().nullable(),
  reply: z.string().nullable(),
  repliedAt: Instant.nullable(),
});

export async function publicComplaintStatus(pool: Pool, complaintNo: string): Promise<z.infer<typeof PublicComplaintStatus> | undefined> {
  const { rows } = await pool.query(
    'SELECT complaint_no, status, received_at, accept_due_at, handle_due_at, not_accepted_reason, reply, replied_at FROM complaint_case WHERE complaint_no = $1',
    [complaintNo],
  );
  const r = rows[0];
  if (!r) return undefined;
  return {
    complaintNo: r.complaint_no,
    status: r.status,
    receivedAt: instant(r.received_at),
    acceptDueAt: instant(r.accept_due_at),
    handleDueAt: instantOrNull(r.handle_due_at),
    notAcceptedReason: r.not_accepted_reason,
    reply: r.reply,
    repliedAt: instantOrNull(r.replied_at),
  };
}

export const ComplaintChannelView = z.object({
  cityCode: z.string(),
  cityName: z.string(),
  hotline: z.string().nullable(),
  mailbox: z.string().nullable(),
});

/** Every city of the province with what it publishes (null where nothing is published yet). */
export async function complaintChannels(pool: Pool): Promise<z.infer<typeof ComplaintChannelView>[]> {
  const { rows } = await pool.query<{ city_code: string; hotline: string | null; mailbox: string | null }>(
    'SELECT city_code, hotline, mailbox FROM complaint_channel_setting',
  );
  const byCity = new Map(rows.map((r) => [r.city_code, r]));
  return JILIN_CITIES.map((c) => ({
    cityCode: c.code,
    cityName: c.name,
    hotline: byCity.get(c.code)?.hotline ?? null,
    mailbox: byCity.get(c.code)?.mailbox ?? null,
  }));
}

export const ComplaintPeriodsView = z.object({
  acceptDays: z.number().int(),
  handleDays: z.number().int(),
  remindDaysBefore: z.number().int(),
  updatedBy: z.string(),
  updatedAt: Instant,
});

export async function complaintPeriods(pool: Pool): Promise<z.infer<typeof ComplaintPeriodsView>> {
  const { rows } = await pool.query('SELECT accept_days, handle_days, remind_days_before, updated_by, updated_at FROM complaint_period_setting');
  const r = rows[0];
  return {
    acceptDays: r.accept_days,
    handleDays: r.handle_days,
    remindDaysBefore: r.remind_days_before,
    updatedBy: r.updated_by,
    updatedAt: instant(r.updated_at),
  };
}
