/**
 * Publication (issue 19 item 6; docs/publication.md): the feed the 吉林省建筑市场监管公共服务平台
 * pulls (JSON and CSV, every publication and withdrawal since a moment), and the public search of
 * the console's public page: no log-in, rate-limited per address like log-in, a name or a
 * certificate number required and matched exactly, only what is published today, ID numbers masked.
 */
import { z } from 'zod';
import { shanghaiDate } from '../../domain/calendar';
import { onField } from '../../domain/fieldMessages';
import { PeriodRecordKind, PublishedRecordKind } from '../../domain/publication';
import { freeText, nameText, plainText } from '../../domain/text';
import { FeedPage, feedCsv, toFeedRecord } from '../../dataImport/platformFeed';
import { PublicationPeriod, publicationPeriods } from '../../readModel/publicationPeriods';
import { setPublicationPeriod } from '../../services/publicationPeriods';
import { withdrawPublication } from '../../services/publicationWithdrawal';
import { parseFeedCursor, publicationChanges, searchPublishedRecords, type Publication } from '../../readModel/publication';
import { DateText, Instant } from '../../readModel/sqlTypes';
import { COORDINATOR, READ_ALL } from '../authz/access';
import { Problem, problemResponses } from '../http/problem';
import { PUBLIC_SEARCH_ROUTE } from '../http/rateLimits';
import type { RouteContext, ZodApp } from './context';
import { tags } from './schemas';

const FEED_PAGE_MAX = 5000;

const FeedQuery = z.object({
  since: z.iso
    .datetime({ offset: true, error: onField('应为带时区的时间（ISO 8601），例如 2025-01-01T00:00:00+08:00') })
    .optional()
    .meta({ title: '起始时间' })
    .describe('changes at or after this instant; omit for everything'),
  cursor: plainText({ max: 80 })
    .optional()
    .meta({ title: '续取位置' })
    .describe('the next_cursor of the previous page: changes strictly after it (wins over since)'),
  limit: z.coerce.number().int().min(1).max(FEED_PAGE_MAX).default(1000).meta({ title: '每页条数' }),
});
type FeedQuery = z.infer<typeof FeedQuery>;

async function feedPage(ctx: RouteContext, q: FeedQuery): Promise<{ page: FeedPage; rows: Publication[] }> {
  let after: ReturnType<typeof parseFeedCursor>;
  if (q.cursor !== undefined) {
    after = parseFeedCursor(q.cursor);
    if (!after)
      throw new Problem('validation_failed', 'cursor is not one this feed gave', {
        errors: [{ path: 'querystring.cursor', message: '「续取位置」不是本接口给出的值' }],
      });
  }
  const rows = await publicationChanges(ctx.pool, { ...(after ? { after } : q.since !== undefined ? { since: q.since } : {}), limit: q.limit });
  // A full page may have more behind it; a short one is the end for now (the platform asks again later).
  const last = rows[rows.length - 1];
  return { page: { records: rows.map(toFeedRecord), next_cursor: rows.length === q.limit && last ? last.cursor : null }, rows };
}

const PublicRecord = z.object({
  recordKind: PublishedRecordKind,
  personName: z.string().nullable(),
  idNumberMasked: z.string().nullable().describe('first 6 and last 4 characters only'),
  certNumbers: z.array(z.string()),
  certCategories: z.array(z.string()),
  unitName: z.string().nullable(),
  unitCode: z.string().nullable(),
  cityCode: z.string(),
  authorityName: z.string().nullable(),
  decisionNo: z.string().nullable(),
  basis: z.string().nullable(),
  imposedOn: DateText,
  publishedFrom: DateText,
  publishedUntil: DateText,
});

const PUBLIC_RESULTS_MAX = 50;

export function registerPublicationRoutes(app: ZodApp, ctx: RouteContext): void {
  app.get(
    '/publication/feed.json',
    {
      config: { action: 'publication.feed', access: { roles: COORDINATOR, city: { kind: 'none' } }, audit: true },
      schema: {
        summary: 'Published bad-conduct records and registration bars, and their withdrawals, in the order they happened (for the provincial platform)',
        tags: tags.publication,
        querystring: FeedQuery,
        response: { 200: FeedPage, ...problemResponses(400, 401, 403) },
      },
    },
    async (req) => (await feedPage(ctx, req.query)).page,
  );

  app.get(
    '/publication/feed.csv',
    {
      config: { action: 'publication.feed_csv', access: { roles: COORDINATOR, city: { kind: 'none' } }, audit: true },
      schema: {
        summary: 'The same feed as CSV (UTF-8 with a byte-order mark; the next page\u2019s cursor in the X-Next-Cursor header)',
        tags: tags.publication,
        querystring: FeedQuery,
        response: {
          200: { description: 'UTF-8 CSV, the JSON keys as header', content: { 'text/csv': { schema: z.string() } } },
          ...problemResponses(400, 401, 403),
        },
      },
    },
    async (req, reply) => {
      const { page } = await feedPage(ctx, req.query);
      if (page.next_cursor !== null) reply.header('x-next-cursor', page.next_cursor);
      return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="publication-feed.csv"').send(feedCsv(page.records));
    },
  );

  app.post(
    PUBLIC_SEARCH_ROUTE,
    {
      config: { action: 'public.records.search', access: { public: true } },
      schema: {
        summary: 'Search the published records (no log-in): by a name or a certificate number, exact match; only records published today',
        tags: tags.publication,
        body: z
          .object({
            name: nameText({ min: 2, max: 100 }).optional().meta({ title: '姓名或单位名称' }),
            certNumber: plainText({ min: 4, max: 60, trim: true }).optional(),
          })
          .refine((b) => b.name !== undefined || b.certNumber !== undefined, {
            path: ['name'],
            error: onField('和「注册证书编号」至少填写一项'),
          }),
        response: {
          200: z.object({ records: z.array(PublicRecord), onDate: DateText, truncated: z.boolean() }),
          ...problemResponses(400, 429),
        },
      },
    },
    async (req, reply) => {
      const onDate = shanghaiDate(new Date());
      const rows = await searchPublishedRecords(ctx.pool, { ...req.body, onDate, limit: PUBLIC_RESULTS_MAX + 1 });
      reply.header('cache-control', 'no-store');
      return {
        records: rows.slice(0, PUBLIC_RESULTS_MAX).map((p) => ({
          recordKind: p.recordKind,
          personName: p.personName,
          idNumberMasked: p.idNumberMasked,
          certNumbers: p.certNumbers,
          certCategories: p.certCategories,
          unitName: p.unitName,
          unitCode: p.unitCode,
          cityCode: p.cityCode,
          authorityName: p.authorityName,
          decisionNo: p.decisionNo,
          basis: p.basis,
          imposedOn: p.imposedOn,
          publishedFrom: p.publishedFrom,
          publishedUntil: p.publishedUntil,
        })),
        onDate,
        truncated: rows.length > PUBLIC_RESULTS_MAX,
      };
    },
  );

  const PeriodsAnswer = z.object({ items: z.array(PublicationPeriod) });

  app.get(
    '/publication/periods',
    {
      config: { action: 'publication.periods', access: { roles: READ_ALL, city: { kind: 'none' } } },
      schema: {
        summary: 'How long each kind of bad-conduct record stays published (a bar: for its own period); the shipped values are defaults',
        tags: tags.publication,
        response: { 200: PeriodsAnswer, ...problemResponses(401, 403) },
      },
    },
    async () => ({ items: await publicationPeriods(ctx.pool) }),
  );

  app.put(
    '/publication/periods/:recordKind',
    {
      config: { action: 'publication.set_period', access: { roles: COORDINATOR, city: { kind: 'none' } }, audit: true },
      schema: {
        summary: 'Set how long a kind of bad-conduct record stays published; counts for what is published from now on',
        tags: tags.publication,
        params: z.object({ recordKind: PeriodRecordKind.meta({ title: '公开记录种类' }) }),
        body: z.object({
          months: z.number().int().min(1).max(120).meta({ title: '公开期限（月）' }),
          reason: freeText({ min: 2, max: 2000 }).meta({ title: '设定理由' }),
        }),
        response: { 200: PeriodsAnswer, ...problemResponses(400, 401, 403) },
      },
    },
    async (req) => {
      await setPublicationPeriod(ctx.pool, { recordKind: req.params.recordKind, ...req.body }, req.principal!.userId);
      req.auditTarget = `publication_period=${req.params.recordKind}`;
      req.auditDetail = { months: req.body.months };
      return { items: await publicationPeriods(ctx.pool) };
    },
  );

  app.post(
    '/publication/records/:recordId/withdrawal',
    {
      config: { action: 'publication.withdraw', access: { roles: COORDINATOR, city: { kind: 'none' } }, audit: true },
      schema: {
        summary:
          "Withdraw a publication (the province's own decision: published in error, no longer to be shown); the penalty stays; the feed lists it as withdrawn",
        tags: tags.publication,
        params: z.object({ recordId: z.coerce.number().int().positive().meta({ title: '公开记录编号' }) }),
        body: z.object({ reason: freeText({ min: 2, max: 2000 }).meta({ title: '撤回理由' }) }),
        response: {
          200: z.object({ recordId: z.number().int(), withdrawnAt: Instant, withdrawnBy: z.string() }),
          ...problemResponses(400, 401, 403, 404, 409),
        },
      },
    },
    async (req) => {
      const by = req.principal!.userId;
      req.auditTarget = `publication=${req.params.recordId}`;
      const r = await withdrawPublication(ctx.pool, { recordId: req.params.recordId, reason: req.body.reason }, by);
      if (r.outcome === 'not_found') throw new Problem('not_found', `no publication ${req.params.recordId}`);
      if (r.outcome === 'already_withdrawn')
        throw new Problem('conflict', `publication ${req.params.recordId} was withdrawn at ${r.withdrawnAt.toISOString()}`);
      return { recordId: r.recordId, withdrawnAt: r.withdrawnAt.toISOString(), withdrawnBy: by };
    },
  );
}
