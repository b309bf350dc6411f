/** Reports (issue 5 produces them): list and download. */
import { z } from 'zod';
import { CampaignId } from '../../domain/campaignConfig';
import { ReportKind } from '../../domain/reportKind';
import { REPORT_CONTENT_TYPES, ReportMeta } from '../../readModel/reports';
import type { Principal } from '../auth/principal';
import { READ_ALL } from '../authz/access';
import { assertOwnCity } from '../authz/enforceAccess';
import { Problem, problemResponses } from '../http/problem';
import type { RouteContext, ZodApp } from './context';
import { tags } from './schemas';
import { plainText } from '../../domain/text';
import { isCityRole, type Role } from '../../domain/roles';

/**
 * The full file (names, full ID numbers) only for a reader entitled to every row in it: a
 * coordinator, or an officer for their own city's report. A province-wide report lists every
 * city's persons, so an officer gets its masked copy, as supervisors and auditors get every report's.
 */
const seesEveryRowOf = (p: Principal, meta: ReportMeta) =>
  FULL_REPORT_PROVINCE.includes(p.role) || (FULL_REPORT_CITY.includes(p.role) && meta.cityCode !== null && meta.cityCode === p.cityCode);

/** Both provincial departments receive the reports (issue 21); 住建 and 人社 of a city co-sign its 汇总表, 公积金 reads it masked. */
const FULL_REPORT_PROVINCE: readonly Role[] = ['province_coordinator', 'province_hr_coordinator'];
const FULL_REPORT_CITY: readonly Role[] = ['city_officer', 'city_hr_officer'];

/** A report's bytes: never serialized as JSON (fastify sends a Buffer as it is). */
const ReportFile = z.custom<Buffer>((v) => Buffer.isBuffer(v), 'a report file').meta({ type: 'string', format: 'binary' });

export function registerReportRoutes(app: ZodApp, ctx: RouteContext): void {
  app.get(
    '/reports',
    {
      config: { action: 'report.list', access: { roles: READ_ALL, city: { kind: 'filter' } } },
      schema: {
        summary: "Reports produced so far, newest first (a city officer sees the province's and their own city's)",
        description:
          'kind=progress_notice lists the progress notice (通报), its latest first; GET /campaigns/{campaignId}/progress-notice gives the latest with its figures.',
        tags: tags.reports,
        querystring: z.object({ campaignId: CampaignId.optional(), kind: ReportKind.meta({ title: '报表类型' }).optional() }),
        response: { 200: z.object({ items: z.array(ReportMeta) }), ...problemResponses(400, 401, 403) },
      },
    },
    async (req) => {
      const p = req.principal!;
      return {
        items: await ctx.reports.list({
          campaignId: req.query.campaignId,
          kind: req.query.kind,
          cityCode: isCityRole(p.role) ? p.cityCode! : undefined,
        }),
      };
    },
  );

  app.get(
    '/reports/:reportId/download',
    {
      config: { action: 'report.download', access: { roles: READ_ALL, city: { kind: 'filter' } }, audit: true },
      schema: {
        summary: "Download a report file (a reader not entitled to every row's personal data gets its masked copy: names and ID numbers masked)",
        tags: tags.reports,
        params: z.object({ reportId: plainText({ max: 120 }) }),
        response: {
          200: {
            description: 'The file; Content-Disposition carries its Chinese name',
            content: Object.fromEntries(REPORT_CONTENT_TYPES.map((type) => [type, { schema: ReportFile }])),
          },
          ...problemResponses(400, 401, 403, 404, 409),
        },
      },
    },
    async (req, reply) => {
      const p = req.principal!;
      const file = await ctx.reports.open(req.params.reportId, {
        fullFileFor: (meta) => {
          // Another city's report (its full file or its masked copy) is refused before any content is read.
          if (meta.cityCode) assertOwnCity(p, meta.cityCode);
          return seesEveryRowOf(p, meta);
        },
      });
      if (!file) throw new Problem('not_found', `no report ${req.params.reportId}`);
      // Which file left: the audit row names it, and whether it shows full ID numbers.
      req.auditDetail = { servedReportId: file.meta.reportId, kind: file.meta.kind, masked: file.meta.masked, fullIdNumbers: file.meta.hasIdNumbers };
      // RFC 6266: an ASCII fallback and the UTF-8 name (report names are Chinese).
      const ascii = file.meta.fileName.replace(/[^\w.-]/g, '_');
      return reply
        .type(file.meta.contentType)
        .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.meta.fileName)}`)
        .send(file.content);
    },
  );
}
