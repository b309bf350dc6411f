/**
 * Penalty procedures (issue 19), read: the steps due for the caller (a city officer their city's
 * city-level procedures, the coordinator the province's; supervisors and auditors every one), a
 * case's procedures with their steps, measures, documents, services and deadlines in working days;
 * a generated document's download (.docx) and an attachment's; the upload of an attachment (a
 * statement's, a hearing's, a service's proof), whose id a command then names. The commands are in
 * procedureCommandRoutes.ts. A procedure is named by its case and level: its workflow id
 * (`penalty-procedure/<caseId>/<level>`) has slashes no path parameter can carry.
 */
import type { Readable } from 'node:stream';
import { z } from 'zod';
import { CityCode } from '../../domain/cityCode';
import { procedureIdOf, ProcedureLevel, ProcedureStep } from '../../domain/penaltyProcedure';
import { nameText, plainText } from '../../domain/text';
import { generatedDocument } from '../../documents/renderDocument';
import { ProcedureDetail, procedureDetails } from '../../readModel/procedureDetail';
import { procedureDocumentId } from '../../readModel/procedureFiles';
import { ProcedurePartyFilter, ProcedureStatusFilter, ProceduresDue, proceduresDue } from '../../readModel/proceduresDue';
import { INTERMEDIARY_HANDLERS } from '../../domain/intermediary';
import { storeProcedureAttachment } from '../../services/penaltyProcedure';
import type { Principal } from '../auth/principal';
import { OFFICER_OR_COORDINATOR, READ_ALL } from '../authz/access';
import { Problem, problemResponses } from '../http/problem';
import type { RouteContext, ZodApp } from './context';
import { assertActsAtLevel } from './procedureLevel';
import { CaseParams, Page } from './schemas';
import { ATTACHMENT_UPLOAD_TYPES, AttachmentId, receiveAttachment, sendAttachment, UPLOAD_DESCRIPTION } from './attachmentUpload';
import { isCityRole } from '../../domain/roles';

export const procedureTags = ['procedures'];
export const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const FileBody = z.custom<Buffer>((v) => Buffer.isBuffer(v), 'a file').meta({ type: 'string', format: 'binary' });

export const ProcedureParams = CaseParams.extend({ level: ProcedureLevel.meta({ title: '程序级别' }) });

const DueQuery = Page.extend({
  campaignId: plainText({ max: 60 }).optional().meta({ title: '行动编号' }),
  cityCode: CityCode.optional().meta({ title: '市（州）代码' }),
  level: ProcedureLevel.optional().meta({ title: '程序级别' }),
  step: ProcedureStep.optional().meta({ title: '程序环节' }),
  approvals: z.enum(['true', 'false']).optional().meta({ title: '只看待审批' }),
  status: ProcedureStatusFilter.default('open').meta({ title: '办理状态' }),
  party: ProcedurePartyFilter.optional().meta({ title: '当事人类别' }),
});

/** Whose procedures a caller sees: a city officer their city's city-level ones, the coordinator the province's unless asked otherwise. */
function scopeOf(p: Principal, q: z.infer<typeof DueQuery>): { cityCode?: string; level?: ProcedureLevel } {
  if (isCityRole(p.role)) return { cityCode: p.cityCode ?? undefined, level: 'city' };
  if (p.role === 'province_coordinator') return { cityCode: q.cityCode, level: q.level ?? 'province' };
  return { cityCode: q.cityCode, level: q.level };
}

/** Officers and coordinators read what officers wrote (facts, evidence); supervisors and auditors do not. */
const seesTexts = (p: Principal) => p.role === 'city_officer' || p.role === 'province_coordinator';

/** Intermediary orders' procedures are listed for those who handle intermediaries (domain/intermediary.ts): their party is no case. */
const seesIntermediaries = (p: Principal) => INTERMEDIARY_HANDLERS.read.includes(p.role);

export function contentDisposition(fileName: string, fallback: string): string {
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export async function registerProcedureRoutes(app: ZodApp, ctx: RouteContext): Promise<void> {
  const { pool } = ctx;
  const limitBytes = ctx.settings.GZ_ATTACHMENT_LIMIT_MB * 1024 * 1024;

  app.get(
    '/procedures',
    {
      config: { action: 'procedure.list', access: { roles: READ_ALL, city: { kind: 'filter' } } },
      schema: {
        summary: 'The penalty procedures the caller works on (待办程序), nearest running deadline first, with what is awaited and the working days left',
        description:
          "A city officer gets their city's city-level procedures; the province coordinator the province's (level=province) unless asking for level=city; " +
          'supervisors and auditors every one. approvals=true keeps those waiting for the responsible person (负责人审批). ' +
          "Escalated intermediary orders' procedures (caseId null, the order and the intermediary's name in `intermediary`) are listed for those who " +
          'handle intermediaries (INTERMEDIARY_HANDLERS.read), within the same scope; party=case or party=intermediary keeps one kind.',
        tags: procedureTags,
        querystring: DueQuery,
        response: { 200: ProceduresDue, ...problemResponses(400, 401, 403) },
      },
    },
    async (req) => {
      const q = req.query;
      const p = req.principal!;
      return proceduresDue(pool, {
        ...q,
        ...scopeOf(p, q),
        approvals: q.approvals === 'true',
        campaignId: q.campaignId,
        intermediaries: seesIntermediaries(p),
      });
    },
  );

  app.get(
    '/cases/:caseId/procedures',
    {
      config: { action: 'procedure.read', access: { roles: READ_ALL, city: { kind: 'case', param: 'caseId' } } },
      schema: {
        summary: "A case's penalty procedures (the city's, then the province's): steps taken and awaited, measures, documents, services, deadlines",
        tags: procedureTags,
        params: CaseParams,
        response: { 200: z.object({ items: z.array(ProcedureDetail) }), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (req) => ({ items: await procedureDetails(pool, req.params.caseId, undefined, { withTexts: seesTexts(req.principal!) }) }),
  );

  app.get(
    '/cases/:caseId/procedures/:level',
    {
      config: { action: 'procedure.read', access: { roles: READ_ALL, city: { kind: 'case', param: 'caseId' } } },
      schema: {
        summary: 'One penalty procedure of a case (level city or province): its steps, next action, measures, documents, services and deadlines',
        tags: procedureTags,
        params: ProcedureParams,
        response: { 200: ProcedureDetail, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const [detail] = await procedureDetails(pool, req.params.caseId, req.params.level, { withTexts: seesTexts(req.principal!) });
      if (!detail) throw new Problem('not_found', `案件 ${req.params.caseId} 没有${req.params.level === 'city' ? '市（州）' : '省级'}处罚程序`);
      return detail;
    },
  );

  app.get(
    '/cases/:caseId/procedures/:level/documents/:documentId',
    {
      config: { action: 'procedure.document_download', access: { roles: READ_ALL, city: { kind: 'case', param: 'caseId' } }, audit: true },
      schema: {
        summary: 'Download a document the procedure generated (告知书, 听证通知书, 决定书, 处理建议: .docx), as stored with its number and checksum',
        tags: procedureTags,
        params: ProcedureParams.extend({ documentId: z.uuid().meta({ title: '文书编号' }) }),
        response: { 200: { description: 'The .docx file', content: { [DOCX]: { schema: FileBody } } }, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      const { caseId, level, documentId } = req.params;
      const found = (await procedureDocumentId(pool, procedureIdOf(caseId, level), documentId)) ? await generatedDocument(pool, documentId) : undefined;
      if (!found) throw new Problem('not_found', `该处罚程序没有文书 ${documentId}`);
      req.auditTarget = `procedure=${procedureIdOf(caseId, level)},document=${documentId}`;
      const name = `${found.meta.number ?? found.meta.kind}.docx`;
      return reply
        .type(DOCX)
        .header('content-disposition', contentDisposition(name, `${found.meta.kind}-${documentId.slice(0, 8)}.docx`))
        .send(found.content);
    },
  );

  app.get(
    '/cases/:caseId/procedures/:level/attachments/:attachmentId',
    {
      config: { action: 'procedure.attachment_download', access: { roles: OFFICER_OR_COORDINATOR, city: { kind: 'case', param: 'caseId' } }, audit: true },
      schema: {
        summary: "Download an attachment of the procedure (a statement's, a hearing's, a proof of service): personal data, for officers and coordinators",
        tags: procedureTags,
        params: ProcedureParams.extend({ attachmentId: AttachmentId }),
        response: {
          200: { description: 'The file as uploaded', content: { 'application/octet-stream': { schema: FileBody } } },
          ...problemResponses(400, 401, 403, 404),
        },
      },
    },
    async (req, reply) => {
      const { caseId, level, attachmentId } = req.params;
      const found = await ctx.attachments.open({ kind: 'procedure', id: procedureIdOf(caseId, level) }, attachmentId);
      if (!found) throw new Problem('not_found', `该处罚程序没有附件 ${attachmentId}`);
      req.auditTarget = `procedure=${procedureIdOf(caseId, level)},attachment=${attachmentId}`;
      return sendAttachment(reply, found);
    },
  );

  await app.register(async (scope: ZodApp) => {
    scope.addContentTypeParser(ATTACHMENT_UPLOAD_TYPES, (_req, payload, done) => done(null, payload));
    scope.post(
      '/cases/:caseId/procedures/:level/attachments',
      {
        // Fastify refuses a declared length over this before the handler; up to it, the upload's own count refuses in Chinese.
        bodyLimit: 2 * limitBytes,
        config: { action: 'procedure.attachment_upload', access: { roles: OFFICER_OR_COORDINATOR, city: { kind: 'case', param: 'caseId' } }, audit: true },
        schema: {
          summary: "Upload an attachment (a statement's, a hearing record's, a proof of service); a command then names its id",
          description: `${UPLOAD_DESCRIPTION} A city officer uploads to their city's procedure, the coordinator to the province's.`,
          tags: procedureTags,
          params: ProcedureParams,
          querystring: z.object({ fileName: nameText({ max: 200 }).optional() }),
          consumes: ATTACHMENT_UPLOAD_TYPES,
          response: {
            201: z.object({ attachmentId: z.string(), fileName: z.string(), contentType: z.string(), sha256: z.string(), size: z.number().int() }),
            ...problemResponses(400, 401, 403, 404, 413, 415, 422),
          },
        },
      },
      async (req, reply) => {
        const { caseId, level } = req.params;
        assertActsAtLevel(req.principal!, level);
        const file = await receiveAttachment(req.body as Readable, req.headers, { fileName: req.query.fileName, limitBytes });
        const stored = await storeProcedureAttachment(pool, ctx.attachments, { caseId, level, ...file, uploadedBy: req.principal!.userId });
        req.auditTarget = `procedure=${procedureIdOf(caseId, level)},attachment=${stored.attachmentId}`;
        req.auditDetail = { sha256: stored.sha256, size: stored.size, contentType: stored.contentType };
        return reply.code(201).send(stored);
      },
    );
  });
}
