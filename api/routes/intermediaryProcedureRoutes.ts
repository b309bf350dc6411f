/**
 * The due-process procedure of an escalated intermediary order (情节严重, docs/intermediaries.md):
 * the penalty procedure's commands (procedureCommandRoutes.ts, the same bodies and answers) at
 * POST /campaigns/{campaignId}/cities/{cityCode}/intermediaries/{intermediaryId}/orders/{orderId}/procedure/<command>,
 * each with an Idempotency-Key. Those who act on intermediaries (domain/intermediary.ts
 * INTERMEDIARY_HANDLERS) act on it in their city; the approvals are the responsible person's. Not
 * here: the ministry's answer (an intermediary's procedure is the city's), a recheck of the basis (it
 * was chosen at the escalation) and attachments (no upload route for an order's procedure yet).
 * Read by those who read intermediaries: GET …/orders/{orderId}/procedure, the procedure in full as
 * GET /cases/{caseId}/procedures/{level} answers a case's (the console's procedure card), and
 * …/procedure/documents/{documentId}, a document it generated (告知书, 决定书: .docx, audited). The
 * order's summary (step, what is due, the notice's number) is also on GET …/intermediaries/{intermediaryId}.
 */
import { z } from 'zod';
import { DomainError } from '../../domain/errors';
import { INTERMEDIARY_HANDLERS } from '../../domain/intermediary';
import { generatedDocument } from '../../documents/renderDocument';
import { orderProcedureDetail, orderProcedureId } from '../../readModel/orderProcedureDetail';
import { ProcedureDetail } from '../../readModel/procedureDetail';
import { procedureDocumentId } from '../../readModel/procedureFiles';
import { intermediaryProcedureIdOf, intermediaryProcedureSubject } from '../../domain/procedureId';
import { ProcedureState } from '../../workflows/messages/penaltyProcedure';
import { officerOf } from '../auth/principal';
import type { ProcedureCommandName } from '../commands/procedureCommands';
import { commandIdOf, idempotencyKeyOf, runIdempotent } from '../http/idempotency';
import { Problem, problemResponses } from '../http/problem';
import type { RouteContext, ZodApp } from './context';
import { BODIES, COMMANDS, idempotencyHeader } from './procedureCommandRoutes';
import { contentDisposition, DOCX, FileBody } from './procedureRoutes';
import { CityParams } from './schemas';

const OrderParams = CityParams.extend({
  intermediaryId: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  orderId: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
});

/** The commands an order's procedure takes (the ministry's answer and a basis recheck are a case's only). */
const ORDER_COMMANDS: ProcedureCommandName[] = (Object.keys(COMMANDS) as ProcedureCommandName[]).filter(
  (n) => n !== 'recordMinistryAnswer' && n !== 'recheckBasis',
);

const PATH = '/campaigns/:campaignId/cities/:cityCode/intermediaries/:intermediaryId/orders/:orderId/procedure';

export function registerIntermediaryProcedureRoutes(app: ZodApp, ctx: RouteContext): void {
  const { pool } = ctx;
  const city = { kind: 'param', param: 'cityCode' } as const;
  const read = { roles: INTERMEDIARY_HANDLERS.read, city };

  app.get(
    PATH,
    {
      config: { action: 'intermediary_procedure.read', access: read },
      schema: {
        summary:
          "An escalated intermediary order's procedure in full (the intermediary its party, the basis chosen at the escalation): steps taken and awaited, measures, documents, services, deadlines",
        tags: ['intermediaries'],
        params: OrderParams,
        response: { 200: ProcedureDetail, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (req) => {
      // Those who read intermediaries are officers and coordinators: they read the proposal's facts and evidence.
      const detail = await orderProcedureDetail(pool, req.params, { withTexts: true });
      if (!detail) throw new Problem('not_found', `整改令 ${req.params.orderId} 没有处罚程序`);
      return detail;
    },
  );

  app.get(
    `${PATH}/documents/:documentId`,
    {
      config: { action: 'intermediary_procedure.document_download', access: read, audit: true },
      schema: {
        summary: "Download a document an intermediary order's procedure generated (告知书, 听证通知书, 决定书: .docx), as stored with its number and checksum",
        tags: ['intermediaries'],
        params: OrderParams.extend({ documentId: z.uuid().meta({ title: '文书编号' }) }),
        response: { 200: { description: 'The .docx file', content: { [DOCX]: { schema: FileBody } } }, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      const { documentId } = req.params;
      const procedureId = await orderProcedureId(pool, req.params);
      const found = procedureId && (await procedureDocumentId(pool, procedureId, documentId)) ? await generatedDocument(pool, documentId) : undefined;
      if (!found) throw new Problem('not_found', `该处罚程序没有文书 ${documentId}`);
      req.auditTarget = `procedure=${procedureId},document=${documentId}`;
      req.auditDetail = { intermediaryId: req.params.intermediaryId, orderId: req.params.orderId };
      const name = `${found.meta.number ?? found.meta.kind}.docx`;
      return reply
        .type(DOCX)
        .header('content-disposition', contentDisposition(name, `${found.meta.kind}-${documentId.slice(0, 8)}.docx`))
        .send(found.content);
    },
  );

  for (const name of ORDER_COMMANDS) {
    const route = COMMANDS[name];
    app.post(
      `${PATH}/${route.path}`,
      {
        config: {
          action: route.action.replace(/^procedure\./, 'intermediary_procedure.'),
          access: { roles: INTERMEDIARY_HANDLERS.act, city, ...(route.responsible ? { responsible: true as const } : {}) },
          audit: true,
        },
        schema: {
          summary: `${route.summary} (an escalated intermediary order's procedure)`,
          tags: ['intermediaries'],
          params: OrderParams,
          headers: idempotencyHeader.partial(),
          body: BODIES[name],
          response: { 200: ProcedureState, ...problemResponses(400, 401, 403, 404, 409, 422) },
        },
      },
      async (req, reply) => {
        const { campaignId, cityCode, intermediaryId, orderId } = req.params;
        const { rowCount } = await pool.query(
          `SELECT 1 FROM intermediary_order o JOIN intermediary i ON i.id = o.intermediary_id
           WHERE o.id = $1 AND i.id = $2 AND i.campaign_id = $3 AND i.city_code = $4 AND o.status = 'escalated'`,
          [orderId, intermediaryId, campaignId, cityCode],
        );
        if (!rowCount) throw new DomainError('NotFound', `order ${orderId} is no escalated order of intermediary ${intermediaryId} in this city`);
        const body = req.body as Record<string, unknown>;
        if ((Array.isArray(body.attachmentIds) && body.attachmentIds.length > 0) || body.proofAttachmentId !== undefined) {
          throw new Problem('validation_failed', 'an intermediary procedure takes no attachment yet', {
            errors: [{ path: 'body.attachmentIds', message: '「附件」中介机构处罚程序暂不支持上传附件，请在案卷中留存' }],
          });
        }
        const key = idempotencyKeyOf(req, true)!;
        req.auditTarget = `procedure=${intermediaryProcedureIdOf(campaignId, orderId)}`;
        req.auditDetail = { command: name, idempotencyKey: key, intermediaryId, orderId };
        const res = await runIdempotent(pool, req, key, async () => ({
          status: 200,
          body: await ctx.commands.procedureCommand({
            name,
            caseId: intermediaryProcedureSubject(campaignId, orderId),
            level: 'city',
            requestId: commandIdOf(req, key),
            args: body as never,
            officer: officerOf(req.principal!),
          }),
        }));
        if (res.replayed) reply.header('idempotent-replay', 'true');
        return reply.code(200).send(ProcedureState.parse(res.body));
      },
    );
  }
}
