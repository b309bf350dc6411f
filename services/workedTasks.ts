/**
 * Working a supervision task or an on-site check (issue 20): assign its owner and due date, record
 * the findings, attach files, close it with its result. Each step is one transaction on the task's
 * row (locked), refused when the task is closed; nothing here crosses Temporal: the findings' text
 * stays in PostgreSQL, the files in the attachment store (services/attachments/).
 */
import type { Pool, PoolClient } from 'pg';
import { TASK_ATTACHMENT_OWNER } from '../domain/attachmentOwner';
import { DomainError } from '../domain/errors';
import { containsIdNumber } from '../domain/personalDataFilter';
import { TASK_KIND_LABELS, TASK_OWNER_ROLE, type TaskKind, type TaskStatus } from '../domain/workedTask';
import { inTransaction } from '../platform/transactions';
import type { AttachmentStore } from './attachments/attachmentStore';

const TABLE: Record<TaskKind, string> = { supervision: 'supervision_task', onsite: 'onsite_check_task' };

export interface TaskRef {
  campaignId: string;
  /** An on-site check's city (the path's); a supervision task is the province's. */
  cityCode?: string;
  taskId: number;
}

interface LockedTask {
  city_code: string;
  status: TaskStatus;
  owner: string | null;
  findings: string | null;
}

/** The request fields a refusal can name (result: 办理结果, where a query's `result` is another field). */
const LABELS = { owner: '承办人', findings: '核查发现', result: '办理结果' } as const;

const refused = (message: string, field?: keyof typeof LABELS) =>
  new DomainError('UpdateRefused', message, field ? [{ path: field, message: `「${LABELS[field]}」${message}` }] : []);

async function lockTask(client: PoolClient, kind: TaskKind, ref: TaskRef): Promise<LockedTask> {
  const { rows } = await client.query<LockedTask>(
    `SELECT city_code::text, status, owner, findings FROM ${TABLE[kind]} WHERE campaign_id = $1 AND id = $2 FOR UPDATE`,
    [ref.campaignId, ref.taskId],
  );
  const task = rows[0];
  if (!task || (ref.cityCode !== undefined && task.city_code !== ref.cityCode)) {
    throw new DomainError('NotFound', `没有编号为 ${ref.taskId} 的${TASK_KIND_LABELS[kind]}任务`);
  }
  if (task.status === 'closed') throw refused(`该${TASK_KIND_LABELS[kind]}任务已办结，不能再修改`);
  return task;
}

function refuseIdNumbers(field: 'findings' | 'result', text: string): void {
  if (containsIdNumber(text)) throw refused('不得包含身份证号：工作报告会印出此内容，人员请以案件编号指代', field);
}

/** The owner works the task from now on; the due date is the assigner's (no rule fixes it). */
export async function assignTaskOwner(pool: Pool, kind: TaskKind, ref: TaskRef, a: { owner: string; dueDate: string; by: string; at?: Date }): Promise<void> {
  await inTransaction(pool, async (client) => {
    const task = await lockTask(client, kind, ref);
    const { rows } = await client.query<{ role: string; city_code: string | null }>(
      'SELECT role, city_code::text FROM app_user WHERE username = $1 AND disabled_at IS NULL',
      [a.owner],
    );
    const user = rows[0];
    const role = TASK_OWNER_ROLE[kind];
    if (!user || user.role !== role || (role === 'city_officer' && user.city_code !== task.city_code)) {
      throw refused(role === 'city_officer' ? '须为本市（州）在用的经办人账号' : '须为在用的省级协调人账号', 'owner');
    }
    await client.query(
      `UPDATE ${TABLE[kind]} SET owner = $3, assigned_by = $4, assigned_at = $5, due_date = $6, status = 'in_progress'
       WHERE campaign_id = $1 AND id = $2`,
      [ref.campaignId, ref.taskId, a.owner, a.by, a.at ?? new Date(), a.dueDate],
    );
  });
}

/** What was found, replacing the earlier text (the audit log keeps who recorded when); a task without an owner becomes the recorder's. */
export async function recordTaskFindings(pool: Pool, kind: TaskKind, ref: TaskRef, a: { findings: string; by: string; at?: Date }): Promise<void> {
  refuseIdNumbers('findings', a.findings);
  await inTransaction(pool, async (client) => {
    await lockTask(client, kind, ref);
    const at = a.at ?? new Date();
    await client.query(
      `UPDATE ${TABLE[kind]} SET findings = $3, findings_by = $4, findings_at = $5, status = 'in_progress',
              owner = coalesce(owner, $4), assigned_by = coalesce(assigned_by, $4), assigned_at = coalesce(assigned_at, $5)
       WHERE campaign_id = $1 AND id = $2`,
      [ref.campaignId, ref.taskId, a.findings, a.by, at],
    );
  });
}

export interface StoredAttachment {
  attachmentId: string;
  contentType: string;
  sha256: string;
  size: number;
}

/**
 * A file of the findings, in the one attachment store (owner kind supervision_task or onsite_check,
 * the task's number): refused while the task is closed; typed by its bytes, size-limited and scanned
 * by the store. The same bytes again answer the attachment already there.
 */
export async function storeTaskAttachment(
  pool: Pool,
  store: AttachmentStore,
  kind: TaskKind,
  ref: TaskRef,
  a: { fileName: string; bytes: Buffer; by: string; at?: Date },
): Promise<StoredAttachment & { fileName: string }> {
  await inTransaction(pool, (client) => lockTask(client, kind, ref));
  const stored = await store.add(
    { kind: TASK_ATTACHMENT_OWNER[kind], id: String(ref.taskId) },
    { fileName: a.fileName, bytes: a.bytes, addedBy: a.by, at: a.at },
  );
  return { attachmentId: stored.attachmentId, fileName: stored.fileName, contentType: stored.contentType, sha256: stored.sha256, size: stored.size };
}

/** Closes the task with its result; the findings must be in first (the reports print both). */
export async function closeTask(pool: Pool, kind: TaskKind, ref: TaskRef, a: { result: string; by: string; at?: Date }): Promise<void> {
  refuseIdNumbers('result', a.result);
  await inTransaction(pool, async (client) => {
    const task = await lockTask(client, kind, ref);
    if (!task.findings) throw refused('办结前须先录入核查发现');
    const at = a.at ?? new Date();
    await client.query(
      `UPDATE ${TABLE[kind]} SET status = 'closed', result = $3, closed_by = $4, closed_at = $5${kind === 'supervision' ? ', done_at = $5' : ''}
       WHERE campaign_id = $1 AND id = $2`,
      [ref.campaignId, ref.taskId, a.result, a.by, at],
    );
  });
}
