/** The audit log, for auditors. */
import { z } from 'zod';
import { AuditEntry, listAuditLog } from '../../readModel/auditLog';
import { problemResponses } from '../http/problem';
import type { RouteContext, ZodApp } from './context';
import { Page, tags } from './schemas';
import { plainText } from '../../domain/text';

export function registerAuditRoutes(app: ZodApp, ctx: RouteContext): void {
  app.get(
    '/audit-log',
    {
      config: { action: 'audit.list', access: { roles: ['auditor'], city: { kind: 'none' } } },
      schema: {
        summary: 'Every write through the API, newest first',
        tags: tags.audit,
        querystring: Page.extend({
          userId: plainText({ max: 100 }).optional(),
          action: plainText({ max: 80 }).optional(),
          result: plainText({ max: 80 }).optional(),
          from: z.iso.datetime({ offset: true }).optional(),
          to: z.iso.datetime({ offset: true }).optional(),
        }),
        response: { 200: z.object({ items: z.array(AuditEntry), total: z.number().int() }), ...problemResponses(400, 401, 403) },
      },
    },
    async (req) => {
      const q = req.query;
      return listAuditLog(ctx.pool, {
        userId: q.userId ?? null,
        action: q.action ?? null,
        result: q.result ?? null,
        from: q.from ?? null,
        to: q.to ?? null,
        page: q.page,
        pageSize: q.pageSize,
      });
    },
  );
}
