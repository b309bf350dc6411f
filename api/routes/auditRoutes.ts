/** The audit log, for auditors. */
import { z } from 'zod';
import { problemResponses } from '../http/problem';
import type { RouteContext, ZodApp } from './context';
import { AnyObject, Page, tags } from './schemas';

export function registerAuditRoutes(app: ZodApp, ctx: RouteContext): void {
  app.get('/audit-log', {
    config: { action: 'audit.list', access: { roles: ['auditor'], city: { kind: 'none' } } },
    schema: {
      summary: 'Every write through the API, newest first',
      tags: tags.audit,
      querystring: Page.extend({
        userId: z.string().max(100).optional(),
        action: z.string().max(80).optional(),
        result: z.string().max(80).optional(),
        from: z.iso.datetime({ offset: true }).optional(),
        to: z.iso.datetime({ offset: true }).optional(),
      }),
      response: { 200: z.object({ items: z.array(AnyObject), total: z.number() }), ...problemResponses(401, 403) },
    },
  }, async (req) => {
    const q = req.query;
    const where = `($1::text IS NULL OR user_id = $1) AND ($2::text IS NULL OR action = $2) AND ($3::text IS NULL OR result = $3)
      AND ($4::timestamptz IS NULL OR at >= $4) AND ($5::timestamptz IS NULL OR at < $5)`;
    const args = [q.userId ?? null, q.action ?? null, q.result ?? null, q.from ?? null, q.to ?? null];
    const [total, rows] = await Promise.all([
      ctx.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE ${where}`, args),
      ctx.pool.query(`SELECT * FROM audit_log WHERE ${where} ORDER BY id DESC LIMIT $6 OFFSET $7`, [...args, q.pageSize, (q.page - 1) * q.pageSize]),
    ]);
    return {
      total: total.rows[0].n,
      items: rows.rows.map((r) => ({
        id: Number(r.id), at: (r.at as Date).toISOString(), requestId: r.request_id, userId: r.user_id, role: r.role, cityCode: r.city_code,
        action: r.action, target: r.target, result: r.result, status: r.status, detail: r.detail,
      })),
    };
  });
}
