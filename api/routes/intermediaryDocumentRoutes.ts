/**
 * The documents of an intermediary's rectification order (docs/intermediaries.md, docs/documents.md):
 * its 责令限期整改通知书 (made when the order is issued; made here if that failed) and, once escalated, the
 * documents its penalty procedure generated (告知书, 听证通知书, 决定书, 送达回证 in a unit's wording), listed
 * and downloaded as .docx. The procedure's id has slashes no path parameter carries, so the order names
 * it (as intermediaryProcedureRoutes.ts). Those who read intermediaries (INTERMEDIARY_HANDLERS.read) of
 * the path's city read them, as they read the order; each download is audited.
 */
import { z } from 'zod';
import { DOCUMENT_KIND_LABELS, DocumentKind } from '../../domain/documents';
import { INTERMEDIARY_HANDLERS } from '../../domain/intermediary';
import { intermediaryProcedureSubject } from '../../domain/procedureId';
import { orderNotice } from '../../services/intermediaryOrderNotice';
import { Problem, problemResponses } from '../http/problem';
import type { RouteContext, ZodApp } from './context';
import { CityParams } from './schemas';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const FileBody = z.custom<Buffer>((v) => Buffer.isBuffer(v), 'a file').meta({ type: 'string', format: 'binary' });
const docxResponse = { description: 'The .docx file', content: { [DOCX]: { schema: FileBody } } };
const tags = ['intermediaries'];

const OrderParams = CityParams.extend({
  intermediaryId: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).meta({ title: '中介机构编号' }),
  orderId: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).meta({ title: '责令整改编号' }),
});

export const OrderDocuments = z.object({
  items: z.array(
    z.object({
      documentId: z.uuid(),
      kind: DocumentKind,
      label: z.string(),
      number: z.string().nullable(),
      createdAt: z.string().describe('ISO 8601'),
    }),
  ),
});

function contentDisposition(fileName: string, fallback: string): string {
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export function registerIntermediaryDocumentRoutes(app: ZodApp, ctx: RouteContext): void {
  const { pool } = ctx;
  const access = { roles: INTERMEDIARY_HANDLERS.read, city: { kind: 'param', param: 'cityCode' } } as const;
  const base = '/campaigns/:campaignId/cities/:cityCode/intermediaries/:intermediaryId/orders/:orderId';

  /** The order of this intermediary in the path's city and campaign, or 404. */
  const checkOrder = async (p: z.infer<typeof OrderParams>): Promise<void> => {
    const { rowCount } = await pool.query(
      `SELECT 1 FROM intermediary_order o JOIN intermediary i ON i.id = o.intermediary_id
       WHERE o.id = $1 AND i.id = $2 AND i.campaign_id = $3 AND i.city_code = $4`,
      [p.orderId, p.intermediaryId, p.campaignId, p.cityCode],
    );
    if (!rowCount) throw new Problem('not_found', `中介机构 ${p.intermediaryId} 在本市（州）没有责令整改 ${p.orderId}`);
  };

  app.get(
    `${base}/notice`,
    {
      config: { action: 'intermediary.order_notice', access, audit: true },
      schema: {
        summary:
          "Download the order's 责令限期整改通知书 (.docx), numbered by the city's 人力资源和社会保障局 (长人社责改〔2026〕第0001号); the same file every time",
        tags,
        params: OrderParams,
        response: { 200: docxResponse, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      const p = req.params;
      const notice = await orderNotice(pool, p, p.intermediaryId, p.orderId);
      if (!notice) throw new Problem('not_found', `中介机构 ${p.intermediaryId} 在本市（州）没有责令整改 ${p.orderId}`);
      req.auditTarget = `intermediary-order=${p.orderId},document=${notice.documentId}`;
      return reply
        .type(DOCX)
        .header('content-disposition', contentDisposition(`${notice.number || '责令限期整改通知书'}.docx`, `order-notice-${p.orderId}.docx`))
        .send(notice.content);
    },
  );

  app.get(
    `${base}/procedure/documents`,
    {
      config: { action: 'intermediary_procedure.documents', access },
      schema: {
        summary: "The documents an escalated order's penalty procedure generated (and the order's notice), oldest first",
        tags,
        params: OrderParams,
        response: { 200: OrderDocuments, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (req) => {
      await checkOrder(req.params);
      const { rows } = await pool.query<{ id: string; kind: DocumentKind; number: string | null; created_at: Date }>(
        'SELECT id, kind, number, created_at FROM generated_document WHERE subject_ref = $1 ORDER BY created_at, number',
        [intermediaryProcedureSubject(req.params.campaignId, req.params.orderId)],
      );
      return {
        items: rows.map((r) => ({
          documentId: r.id,
          kind: r.kind,
          label: DOCUMENT_KIND_LABELS[r.kind],
          number: r.number,
          createdAt: r.created_at.toISOString(),
        })),
      };
    },
  );
  // One document's download is intermediaryProcedureRoutes.ts' (GET …/procedure/documents/{documentId}).
}
