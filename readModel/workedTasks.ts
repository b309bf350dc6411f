/**
 * Supervision tasks (现场调研督办) and on-site checks (到岗履职排查) as the API reads them: the lists,
 * one task with its attachments, and an on-site check's unit with the staff to check. The unit's
 * projects are not in the data the campaign imports (registrations, social insurance, housing
 * fund), so an on-site check lists the unit's registered staff and says the projects are not known.
 */
import type { Pool } from 'pg';
import { z } from 'zod';
import { TASK_ATTACHMENT_OWNER } from '../domain/attachmentOwner';
import { cityName } from '../domain/cities';
import { maskIdNumber } from '../domain/idNumber';
import { normaliseUnitName } from '../domain/unitMatching';
import { TaskKind, TaskStatus } from '../domain/workedTask';
import { BigintColumn, DateText, Instant, instant, instantOrNull, parseRows, TimestampColumn } from './sqlTypes';

const TABLE: Record<TaskKind, string> = { supervision: 'supervision_task', onsite: 'onsite_check_task' };

const TaskRow = z.object({
  id: BigintColumn,
  campaign_id: z.string(),
  city_code: z.string(),
  reason: z.string(),
  status: TaskStatus,
  created_at: TimestampColumn,
  owner: z.string().nullable(),
  owner_name: z.string().nullable(),
  assigned_by: z.string().nullable(),
  assigned_at: TimestampColumn.nullable(),
  due_date: z.string().nullable(),
  findings: z.string().nullable(),
  findings_by: z.string().nullable(),
  findings_at: TimestampColumn.nullable(),
  result: z.string().nullable(),
  closed_by: z.string().nullable(),
  closed_at: TimestampColumn.nullable(),
  attachments: z.coerce.number().int(),
  unit_name: z.string().nullable(),
  unit_code: z.string().nullable(),
  violations: z.number().int().nullable(),
  staff_total: z.number().int().nullable(),
});

export const WorkedTask = z.object({
  taskId: z.number().int(),
  kind: TaskKind,
  campaignId: z.string(),
  cityCode: z.string(),
  cityName: z.string(),
  reason: z.string().describe("why the task exists: the 通报's lag reasons, or the threshold the unit passed"),
  status: TaskStatus,
  createdAt: Instant,
  owner: z.string().nullable().describe('the username working the task'),
  ownerName: z.string().nullable(),
  assignedBy: z.string().nullable(),
  assignedAt: Instant.nullable(),
  dueDate: DateText.nullable(),
  overdue: z.boolean().describe('not closed and its due date has passed'),
  findings: z.string().nullable(),
  findingsBy: z.string().nullable(),
  findingsAt: Instant.nullable(),
  result: z.string().nullable(),
  closedBy: z.string().nullable(),
  closedAt: Instant.nullable(),
  attachments: z.number().int(),
  unit: z
    .object({
      name: z.string(),
      code: z.string().nullable(),
      thresholdPassed: z.enum(['min_violations', 'min_share', 'both']),
      violations: z.number().int().describe('liable cases at the unit'),
      staffTotal: z.number().int().describe('persons registered at the unit'),
    })
    .nullable()
    .describe('the unit of an on-site check; null for a supervision task'),
});
export type WorkedTask = z.infer<typeof WorkedTask>;

export const TaskAttachment = z.object({
  attachmentId: z.uuid(),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  uploadedBy: z.string(),
  uploadedAt: Instant,
});
export type TaskAttachment = z.infer<typeof TaskAttachment>;

export const KeyStaff = z.object({
  name: z.string(),
  idNumber: z.string().describe('masked for supervisors and auditors'),
  certCategory: z.string(),
  certNumber: z.string(),
  caseId: z.string().nullable().describe('the person’s case in this campaign, if any'),
  caseNo: z.string().nullable(),
  liable: z.boolean().describe('the case found 挂证 (liable)'),
});

export const WorkedTaskDetail = WorkedTask.extend({
  attachmentList: z.array(TaskAttachment),
  keyStaff: z.array(KeyStaff).describe('an on-site check: the unit’s registered staff in the campaign’s snapshot, liable ones first'),
  projects: z.array(z.string()).describe('the unit’s projects, where the data has them (the imported sources carry none today)'),
  projectsKnown: z.boolean(),
});
export type WorkedTaskDetail = z.infer<typeof WorkedTaskDetail>;

function selectTasks(kind: TaskKind, where: string): string {
  const unit =
    kind === 'onsite'
      ? 't.unit_name, t.unit_code::text, t.violations, t.staff_total'
      : 'NULL AS unit_name, NULL AS unit_code, NULL::int AS violations, NULL::int AS staff_total';
  return `SELECT t.id, t.campaign_id, t.city_code::text, t.reason, t.status, t.created_at, t.owner, u.display_name AS owner_name,
                 t.assigned_by, t.assigned_at, to_char(t.due_date, 'YYYY-MM-DD') AS due_date, t.findings, t.findings_by, t.findings_at,
                 t.result, t.closed_by, t.closed_at,
                 (SELECT count(*) FROM attachment a WHERE a.owner_kind = '${TASK_ATTACHMENT_OWNER[kind]}' AND a.owner_id = t.id::text) AS attachments, ${unit}
          FROM ${TABLE[kind]} t LEFT JOIN app_user u ON u.username = t.owner
          WHERE ${where}`;
}

function toTask(kind: TaskKind, r: z.infer<typeof TaskRow>, today: string): WorkedTask {
  return {
    taskId: r.id,
    kind,
    campaignId: r.campaign_id,
    cityCode: r.city_code,
    cityName: cityName(r.city_code),
    reason: kind === 'onsite' ? thresholdText(r.reason, r.violations ?? 0, r.staff_total ?? 0) : r.reason,
    status: r.status,
    createdAt: instant(r.created_at),
    owner: r.owner,
    ownerName: r.owner_name,
    assignedBy: r.assigned_by,
    assignedAt: instantOrNull(r.assigned_at),
    dueDate: r.due_date,
    overdue: r.status !== 'closed' && r.due_date !== null && r.due_date < today,
    findings: r.findings,
    findingsBy: r.findings_by,
    findingsAt: instantOrNull(r.findings_at),
    result: r.result,
    closedBy: r.closed_by,
    closedAt: instantOrNull(r.closed_at),
    attachments: r.attachments,
    unit:
      kind === 'onsite'
        ? {
            name: r.unit_name ?? '',
            code: r.unit_code,
            thresholdPassed: z.enum(['min_violations', 'min_share', 'both']).parse(r.reason),
            violations: r.violations ?? 0,
            staffTotal: r.staff_total ?? 0,
          }
        : null,
  };
}

function thresholdText(reason: string, violations: number, staff: number): string {
  const share = staff > 0 ? `，占注册人员${staff}人的${Math.round((100 * violations) / staff)}%` : '';
  const which = reason === 'min_violations' ? '达到挂证人数标准' : reason === 'min_share' ? '达到挂证比例标准' : '达到挂证人数和比例标准';
  return `确认挂证${violations}人${share}，${which}`;
}

const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

export async function listSupervisionTasks(pool: Pool, campaignId: string): Promise<WorkedTask[]> {
  const { rows } = await pool.query(`${selectTasks('supervision', 't.campaign_id = $1')} ORDER BY t.city_code, t.id`, [campaignId]);
  const d = today();
  return parseRows(TaskRow, rows).map((r) => toTask('supervision', r, d));
}

export async function listOnsiteChecks(pool: Pool, campaignId: string, cityCode: string): Promise<WorkedTask[]> {
  const { rows } = await pool.query(`${selectTasks('onsite', 't.campaign_id = $1 AND t.city_code = $2')} ORDER BY t.violations DESC, t.unit_name`, [
    campaignId,
    cityCode,
  ]);
  const d = today();
  return parseRows(TaskRow, rows).map((r) => toTask('onsite', r, d));
}

/** One task of the campaign (and, for an on-site check, of the city); undefined when there is none. */
export async function findTask(pool: Pool, kind: TaskKind, at: { campaignId: string; cityCode?: string; taskId: number }): Promise<WorkedTask | undefined> {
  const where = kind === 'onsite' ? 't.campaign_id = $1 AND t.id = $2 AND t.city_code = $3' : 't.campaign_id = $1 AND t.id = $2';
  const { rows } = await pool.query(selectTasks(kind, where), kind === 'onsite' ? [at.campaignId, at.taskId, at.cityCode] : [at.campaignId, at.taskId]);
  return rows[0] ? toTask(kind, TaskRow.parse(rows[0]), today()) : undefined;
}

const AttachmentRow = z.object({
  id: z.string(),
  file_name: z.string(),
  content_type: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  uploaded_by: z.string(),
  uploaded_at: TimestampColumn,
});

async function attachmentsOf(pool: Pool, kind: TaskKind, taskId: number): Promise<TaskAttachment[]> {
  const { rows } = await pool.query(
    `SELECT id::text, file_name, content_type, size, sha256, added_by AS uploaded_by, added_at AS uploaded_at FROM attachment
     WHERE owner_kind = $1 AND owner_id = $2 ORDER BY added_at, id`,
    [TASK_ATTACHMENT_OWNER[kind], String(taskId)],
  );
  return parseRows(AttachmentRow, rows).map((r) => ({
    attachmentId: r.id,
    fileName: r.file_name,
    contentType: r.content_type,
    size: r.size,
    sha256: r.sha256,
    uploadedBy: r.uploaded_by,
    uploadedAt: instant(r.uploaded_at),
  }));
}

const StaffRow = z.object({
  name: z.string(),
  id_number: z.string(),
  cert_category: z.string(),
  cert_number: z.string(),
  case_id: z.string().nullable(),
  case_no: z.string().nullable(),
  liable: z.boolean(),
});

/**
 * The unit's registered staff in the campaign's snapshot (by code, or by normalised name where
 * either side has no code, as the threshold counted them), with their cases in this campaign.
 */
async function keyStaffOf(pool: Pool, task: WorkedTask, persons: boolean): Promise<z.infer<typeof KeyStaff>[]> {
  const { rows } = await pool.query(
    `WITH reg AS (
       SELECT DISTINCT ON (g.id_number) g.id_number, g.name, g.cert_category, g.cert_number
       FROM campaign k
       JOIN data_snapshot_batch b ON b.snapshot_id = k.snapshot_id
       JOIN registration g ON g.batch_id = b.batch_id
       WHERE k.id = $1 AND g.status = 'valid'
         AND (g.unit_code = $2 OR (g.unit_name_norm = $3 AND ($2::text IS NULL OR g.unit_code IS NULL)))
       ORDER BY g.id_number
     )
     SELECT reg.name, reg.id_number, reg.cert_category, reg.cert_number, c.case_id, c.case_no, coalesce(c.liability = 'liable', false) AS liable
     FROM reg LEFT JOIN case_file c ON c.campaign_id = $1 AND c.id_number = reg.id_number
     ORDER BY liable DESC, c.case_no NULLS LAST, reg.id_number
     LIMIT 500`,
    [task.campaignId, task.unit?.code ?? null, normaliseUnitName(task.unit?.name ?? '')],
  );
  return parseRows(StaffRow, rows).map((r) => ({
    name: persons ? r.name : `${r.name.slice(0, 1)}**`,
    idNumber: persons ? r.id_number : maskIdNumber(r.id_number),
    certCategory: r.cert_category,
    certNumber: r.cert_number,
    caseId: r.case_id,
    caseNo: r.case_no,
    liable: r.liable,
  }));
}

/** A task with its attachments and, for an on-site check, the staff to check (names and full ID numbers for `persons`). */
export async function taskDetail(
  pool: Pool,
  kind: TaskKind,
  at: { campaignId: string; cityCode?: string; taskId: number },
  persons: boolean,
): Promise<WorkedTaskDetail | undefined> {
  const task = await findTask(pool, kind, at);
  if (!task) return undefined;
  return {
    ...task,
    attachmentList: await attachmentsOf(pool, kind, task.taskId),
    keyStaff: kind === 'onsite' ? await keyStaffOf(pool, task, persons) : [],
    projects: [],
    projectsKnown: false,
  };
}
