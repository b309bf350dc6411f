/** The audit log, for auditors: the entries (filtered, paged), an export of the filtered entries as CSV, the filter pickers' values. */
import { Readable } from 'node:stream';
import { z } from 'zod';
import { CityCode } from '../../domain/cityCode';
import { csvLine } from '../../domain/spreadsheetText';
import { plainText } from '../../domain/text';
import { auditFacets, AuditFacets, auditLogExport, AuditPage, listAuditLog, type AuditEntry, type AuditFilter } from '../../readModel/auditLog';
import { PROBLEMS, problemResponses } from '../http/problem';
import type { RouteContext, ZodApp } from './context';
import { Page, tags } from './schemas';

const AUDITOR = ['auditor'] as const;

const AuditQuery = z.object({
  userId: plainText({ max: 100 }).optional(),
  action: plainText({ max: 80 }).optional().describe('e.g. case.decide'),
  assignee: plainText({ max: 100 }).optional().describe('entries about cases whose 承办人 was this user when the action was taken'),
  result: plainText({ max: 80 }).optional().describe('ok, replayed, or a problem code'),
  cityCode: CityCode.optional().describe("the acting officer's city, or a city the request named"),
  from: z.iso.datetime({ offset: true }).optional().describe('at or after'),
  to: z.iso.datetime({ offset: true }).optional().describe('before'),
});
type AuditQuery = z.infer<typeof AuditQuery>;

const filterOf = (q: AuditQuery): AuditFilter => ({
  userId: q.userId ?? null,
  action: q.action ?? null,
  assignee: q.assignee ?? null,
  result: q.result ?? null,
  cityCode: q.cityCode ?? null,
  from: q.from ?? null,
  to: q.to ?? null,
});

/** Streamed as it is read, never serialized as JSON. */
const CsvStream = z.custom<Readable>((v) => v instanceof Readable, 'a CSV stream').meta({ type: 'string' });

const CSV_HEADER = ['编号', '时间', '请求编号', '用户', '角色', '所在市（州）', '操作', '对象', '结果', 'HTTP状态', '详情', '承办人'];

/** The rows as CSV: a byte-order mark (Excel shows the Chinese then), every text cell neutralised against formulas. */
async function* auditCsv(entries: AsyncIterable<AuditEntry>): AsyncIterable<string> {
  yield `\uFEFF${csvLine(CSV_HEADER)}`;
  for await (const e of entries) {
    yield csvLine([e.id, e.at, e.requestId, e.userId, e.role, e.cityCode, e.action, e.target, e.result, e.status, JSON.stringify(e.detail), e.assignee]);
  }
}

export function registerAuditRoutes(app: ZodApp, ctx: RouteContext): void {
  app.get(
    '/audit-log',
    {
      config: { action: 'audit.list', access: { roles: AUDITOR, city: { kind: 'none' } } },
      schema: {
        summary: 'Every write (and every read of personal data) through the API, newest first; filtered by user, action, result, city and time',
        tags: tags.audit,
        querystring: Page.extend(AuditQuery.shape),
        response: { 200: AuditPage, ...problemResponses(400, 401, 403) },
      },
    },
    async (req) => listAuditLog(ctx.pool, { ...filterOf(req.query), page: req.query.page, pageSize: req.query.pageSize }),
  );

  app.get(
    '/audit-log/export',
    {
      // An export leaves the system: it is itself audited, with its filters and row count.
      config: { action: 'audit.export', access: { roles: AUDITOR, city: { kind: 'none' } }, audit: true },
      schema: {
        summary: "The entries the filters select, every page, as CSV (UTF-8 with a byte-order mark; text that would run as a formula is prefixed with ')",
        tags: tags.audit,
        querystring: AuditQuery.extend({ format: z.enum(['csv']).default('csv') }),
        response: {
          200: { description: 'UTF-8 CSV with a byte-order mark, newest first', content: { 'text/csv': { schema: CsvStream } } },
          ...problemResponses(400, 401, 403),
        },
      },
    },
    async (req, reply) => {
      const { format, ...query } = req.query;
      const { rows, entries } = await auditLogExport(ctx.pool, filterOf(query));
      req.auditTarget = `audit-log,rows=${rows}`;
      req.auditDetail = { format, rows, filter: query };
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="audit-log-${new Date().toISOString().slice(0, 10)}.csv"`)
        .send(Readable.from(auditCsv(entries)));
    },
  );

  app.get(
    '/audit-log/facets',
    {
      config: { action: 'audit.facets', access: { roles: AUDITOR, city: { kind: 'none' } } },
      schema: {
        summary: "The filter pickers' values: the users and actions that occur in the log, and the possible results",
        tags: tags.audit,
        response: { 200: AuditFacets.extend({ results: z.array(z.string()).describe('ok, replayed, and every problem code') }), ...problemResponses(401, 403) },
      },
    },
    async () => ({ ...(await auditFacets(ctx.pool)), results: ['ok', 'replayed', ...Object.keys(PROBLEMS)] }),
  );
}
