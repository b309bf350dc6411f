/**
 * Worked tasks (issue 20): the province's supervision tasks (现场调研督办, one per city the 通报
 * found lagging) and the cities' on-site checks (到岗履职排查, one per unit past the
 * pronounced-hanging threshold). Each kind has the same operations: list, detail, assign the owner
 * and due date, record the findings, upload and download a findings' attachment, close with the
 * result. The province coordinator works supervision tasks, a city's officers its on-site checks;
 * supervisors and auditors read both.
 */
import { findCampaign } from '../../readModel/campaigns';
import type { Readable } from 'node:stream';
import { z } from 'zod';
import { TASK_ATTACHMENT_OWNER } from '../../domain/attachmentOwner';
import { IsoDate } from '../../domain/calendar';
import { freeText, plainText } from '../../domain/text';
import { TASK_KIND_LABELS, type TaskKind } from '../../domain/workedTask';
import type { Role } from '../../domain/roles';
import { findTask, listOnsiteChecks, listSupervisionTasks, taskDetail, WorkedTask, WorkedTaskDetail } from '../../readModel/workedTasks';
import { assignTaskOwner, closeTask, recordTaskFindings, storeTaskAttachment, type TaskRef } from '../../services/workedTasks';
import { wakeTaskDueWatch } from '../../services/taskDueWatch';
import type { Principal } from '../auth/principal';
import { COORDINATOR, OFFICER, READ_ALL, type CityScope } from '../authz/access';
import { Problem, problemResponses } from '../http/problem';
import type { RouteContext, ZodApp } from './context';
import { CampaignParams, CityParams } from './schemas';
import { ATTACHMENT_UPLOAD_TYPES, AttachmentId, BinaryFile, receiveAttachment, sendAttachment, UPLOAD_DESCRIPTION } from './attachmentUpload';

const tags = { tasks: ['supervision and on-site checks'] };
const TaskId = z.coerce.number().int().positive().meta({ title: '任务编号' });

const AssignOwner = z.object({
  owner: plainText({ min: 2, max: 63, trim: true }).meta({ title: '承办人' }),
  dueDate: IsoDate.meta({ title: '办理期限' }),
});
const Findings = z.object({ findings: freeText({ min: 1, max: 10_000 }).meta({ title: '核查发现' }) });
const Closing = z.object({ result: freeText({ min: 1, max: 4_000 }).meta({ title: '办理结果' }) });
const AttachmentStored = z.object({
  attachmentId: z.uuid(),
  fileName: z.string(),
  contentType: z.string().describe('read from the bytes, not from the request'),
  sha256: z.string(),
  size: z.number().int(),
});

/** What differs between the two kinds: where they live, who works them, who reads them. */
interface KindRoutes {
  kind: TaskKind;
  /** The list's path; a task is `${base}/:taskId`. */
  base: string;
  params: typeof CampaignParams | typeof CityParams;
  city: CityScope;
  workers: readonly Role[];
  readers: readonly Role[];
  action: string;
}

const KINDS: KindRoutes[] = [
  {
    kind: 'supervision',
    base: '/campaigns/:campaignId/supervision-tasks',
    params: CampaignParams,
    city: { kind: 'none' },
    workers: COORDINATOR,
    readers: ['province_coordinator', 'supervisor', 'auditor'],
    action: 'supervision_task',
  },
  {
    kind: 'onsite',
    base: '/campaigns/:campaignId/cities/:cityCode/onsite-checks',
    params: CityParams,
    city: { kind: 'param', param: 'cityCode' },
    workers: OFFICER,
    readers: READ_ALL,
    action: 'onsite_check',
  },
];

/** Names and full ID numbers of the staff to check: the roles that work cases. */
const seesPersons = (p: Principal) => p.role === 'city_officer' || p.role === 'province_coordinator';

const refOf = (kind: TaskKind, p: { campaignId: string; cityCode?: string; taskId: number }): TaskRef => ({
  campaignId: p.campaignId,
  taskId: p.taskId,
  ...(kind === 'onsite' ? { cityCode: p.cityCode } : {}),
});

export async function registerTaskRoutes(app: ZodApp, ctx: RouteContext): Promise<void> {
  const { pool } = ctx;
  const limitBytes = ctx.settings.GZ_ATTACHMENT_LIMIT_MB * 1024 * 1024;
  for (const k of KINDS) {
    const label = TASK_KIND_LABELS[k.kind];
    const TaskParams = k.params.extend({ taskId: TaskId });
    const access = (roles: readonly Role[]) => ({ roles, city: k.city });
    const detailOf = async (req: { params: { campaignId: string; cityCode?: string; taskId: number }; principal?: Principal }) => {
      const found = await taskDetail(pool, k.kind, refOf(k.kind, req.params), seesPersons(req.principal!));
      if (!found) throw new Problem('not_found', `没有编号为 ${req.params.taskId} 的${label}任务`);
      return found;
    };
    /**
     * The task's due-date watch reads it again (started on the first owner and due date). The change is
     * committed already: a Temporal outage is logged, not answered as a failure (the watch re-reads
     * the task before every alert, and the next change wakes it).
     */
    const watchDue = async (p: { campaignId: string; taskId: number }) => {
      try {
        await wakeTaskDueWatch(ctx.client, ctx.config.TASK_QUEUE, { kind: k.kind, campaignId: p.campaignId, taskId: p.taskId });
      } catch (err) {
        ctx.log(`task due watch of ${k.kind} task ${p.taskId} not reached: ${(err as Error).name}`);
      }
    };
    /** The task as a command left it (without the staff list a detail reads). */
    const taskOnly = async (req: { params: { campaignId: string; cityCode?: string; taskId: number } }) => {
      const found = await findTask(pool, k.kind, refOf(k.kind, req.params));
      if (!found) throw new Problem('not_found', `没有编号为 ${req.params.taskId} 的${label}任务`);
      return found;
    };

    app.get(
      k.base,
      {
        config: { action: `${k.action}.list`, access: access(k.readers), audit: true },
        schema: {
          summary: k.kind === 'supervision' ? 'The campaign’s supervision tasks (现场调研督办)' : 'A city’s on-site checks (到岗履职排查)',
          tags: tags.tasks,
          params: k.params,
          response: { 200: z.object({ items: z.array(WorkedTask) }), ...problemResponses(400, 401, 403, 404) },
        },
      },
      async (req) => {
        const p = req.params as { campaignId: string; cityCode?: string };
        // An empty list would say the campaign has no tasks: a campaign that does not exist is 404, as on every campaign route.
        if (!(await findCampaign(pool, p.campaignId))) throw new Problem('not_found', `没有专项行动 ${p.campaignId}`);
        return { items: k.kind === 'supervision' ? await listSupervisionTasks(pool, p.campaignId) : await listOnsiteChecks(pool, p.campaignId, p.cityCode!) };
      },
    );

    app.get(
      `${k.base}/:taskId`,
      {
        config: { action: `${k.action}.read`, access: access(k.readers), audit: true },
        schema: {
          summary: `One ${k.kind === 'supervision' ? 'supervision task' : 'on-site check'}: owner, due date, findings, result, attachments${k.kind === 'onsite' ? ', the unit and its staff to check' : ''}`,
          tags: tags.tasks,
          params: TaskParams,
          response: { 200: WorkedTaskDetail, ...problemResponses(400, 401, 403, 404) },
        },
      },
      async (req) => detailOf(req),
    );

    app.put(
      `${k.base}/:taskId/owner`,
      {
        config: { action: `${k.action}.assign`, access: access(k.workers), audit: true },
        schema: {
          summary: `Assign the owner (承办人) and due date; the task is then in progress`,
          tags: tags.tasks,
          params: TaskParams,
          body: AssignOwner,
          response: { 200: WorkedTask, ...problemResponses(400, 401, 403, 404, 422) },
        },
      },
      async (req) => {
        req.auditDetail = { owner: req.body.owner, dueDate: req.body.dueDate };
        await assignTaskOwner(pool, k.kind, refOf(k.kind, req.params), { ...req.body, by: req.principal!.userId });
        await watchDue(req.params);
        return taskOnly(req);
      },
    );

    app.put(
      `${k.base}/:taskId/findings`,
      {
        config: { action: `${k.action}.findings`, access: access(k.workers), audit: true },
        schema: {
          summary: 'Record what was found (replaces the earlier text; the audit log keeps each recording). No ID numbers: the work reports print it',
          tags: tags.tasks,
          params: TaskParams,
          body: Findings,
          response: { 200: WorkedTask, ...problemResponses(400, 401, 403, 404, 422) },
        },
      },
      async (req) => {
        await recordTaskFindings(pool, k.kind, refOf(k.kind, req.params), { findings: req.body.findings, by: req.principal!.userId });
        return taskOnly(req);
      },
    );

    app.post(
      `${k.base}/:taskId/closing`,
      {
        config: { action: `${k.action}.close`, access: access(k.workers), audit: true },
        schema: {
          summary: 'Close the task with its result (its findings first); a closed task no longer changes',
          tags: tags.tasks,
          params: TaskParams,
          body: Closing,
          response: { 200: WorkedTask, ...problemResponses(400, 401, 403, 404, 422) },
        },
      },
      async (req) => {
        await closeTask(pool, k.kind, refOf(k.kind, req.params), { result: req.body.result, by: req.principal!.userId });
        await watchDue(req.params);
        return taskOnly(req);
      },
    );

    app.get(
      `${k.base}/:taskId/attachments/:attachmentId`,
      {
        config: { action: `${k.action}.attachment_download`, access: access(k.readers), audit: true },
        schema: {
          summary: 'Download one attachment of the findings',
          tags: tags.tasks,
          params: TaskParams.extend({ attachmentId: AttachmentId }),
          response: {
            200: { description: 'The file, with the content type its bytes showed at upload', content: { 'application/octet-stream': { schema: BinaryFile } } },
            ...problemResponses(400, 401, 403, 404),
          },
        },
      },
      async (req, reply) => {
        // The task this campaign's (and city's), the attachment the task's: else 404.
        const task = await findTask(pool, k.kind, refOf(k.kind, req.params));
        const found = task && (await ctx.attachments.open({ kind: TASK_ATTACHMENT_OWNER[k.kind], id: String(req.params.taskId) }, req.params.attachmentId));
        if (!found) throw new Problem('not_found', `该${label}任务没有附件 ${req.params.attachmentId}`);
        return sendAttachment(reply, found);
      },
    );

    // Uploads arrive as streams; only this scope accepts file content types.
    await app.register(async (scope: ZodApp) => {
      scope.addContentTypeParser(ATTACHMENT_UPLOAD_TYPES, (_req, payload, done) => done(null, payload));
      scope.post(
        `${k.base}/:taskId/attachments`,
        {
          // Fastify refuses a declared length over this before the handler; up to it, the upload's own count refuses in Chinese.
          bodyLimit: 2 * limitBytes,
          config: { action: `${k.action}.attachment_upload`, access: access(k.workers), audit: true },
          schema: {
            summary: 'Attach a file to the findings (PDF, PNG, JPEG, DOCX, XLSX, typed by its content)',
            description: UPLOAD_DESCRIPTION,
            tags: tags.tasks,
            params: TaskParams,
            querystring: z.object({ fileName: plainText({ min: 1, max: 200, trim: true }).optional() }),
            consumes: ATTACHMENT_UPLOAD_TYPES,
            response: { 201: AttachmentStored, ...problemResponses(400, 401, 403, 404, 413, 415, 422) },
          },
        },
        async (req, reply) => {
          const file = await receiveAttachment(req.body as Readable, req.headers, { fileName: req.query.fileName, limitBytes });
          const stored = await storeTaskAttachment(pool, ctx.attachments, k.kind, refOf(k.kind, req.params), { ...file, by: req.principal!.userId });
          req.auditDetail = { attachment: stored.attachmentId, sha256: stored.sha256, size: stored.size, contentType: stored.contentType };
          return reply.code(201).send(stored);
        },
      );
    });
  }
}
