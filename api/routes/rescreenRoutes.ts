/**
 * Issue 21 items 3 and 4: a city's self-check list (its flagged persons and units in phase 1), the
 * notice to a unit (.docx, template `self_check_notice`), fresh data forming a new snapshot of the
 * campaign (every running city re-screens it) and the re-screenings with what changed for whom.
 */
import { z } from 'zod';
import { SourceName } from '../../domain/sourceName';
import { plainText } from '../../domain/text';
import { findCampaign } from '../../readModel/campaigns';
import { listRescreens, Rescreen, RescreenChange, RescreenChangeKind, rescreenChanges } from '../../readModel/rescreens';
import { SelfCheckList, selfCheckList } from '../../readModel/selfCheckList';
import { renderUnitNotice } from '../../services/selfCheckNotice';
import { officerOf, type Principal } from '../auth/principal';
import { COORDINATOR, OFFICER_OR_COORDINATOR, READ_ALL } from '../authz/access';
import { Problem, problemResponses } from '../http/problem';
import type { RouteContext, ZodApp } from './context';
import { CampaignParams, CityParams, Page } from './schemas';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const FileBody = z.custom<Buffer>((v) => Buffer.isBuffer(v), 'a file').meta({ type: 'string', format: 'binary' });
const tags = ['self-check, deregistration, complaints'];
const cityScope = { kind: 'param', param: 'cityCode' } as const;
const seesPersons = (p: Principal) => p.role === 'city_officer' || p.role === 'province_coordinator';

const UnitKey = plainText({ max: 200, trim: true }).meta({ title: '单位标识（统一社会信用代码或单位名称）' });

const CityRescreenOutcome = z.object({
  cityCode: z.string(),
  outcome: z.enum(['rescreened', 'closed', 'refused']),
  result: z
    .object({
      rescreenId: z.number().int().nullable(),
      mode: z.enum(['diff', 'full', 'unchanged', 'none']),
      newlyFlagged: z.number().int(),
      noLongerFlagged: z.number().int(),
      reasonsChanged: z.number().int(),
      casesOpened: z.number().int(),
    })
    .optional(),
  message: z.string().optional(),
});

export function registerRescreenRoutes(app: ZodApp, ctx: RouteContext): void {
  const { pool } = ctx;

  app.get(
    '/campaigns/:campaignId/cities/:cityCode/self-check-list',
    {
      config: { action: 'self_check.list_flagged', access: { roles: READ_ALL, city: cityScope }, audit: true },
      schema: {
        summary: "A city's self-check list (自查名单): its flagged persons and their registration units, from the city's current screening",
        tags,
        params: CityParams,
        querystring: Page.extend({ unitKey: UnitKey.optional() }),
        response: { 200: SelfCheckList, ...problemResponses(400, 401, 403) },
      },
    },
    async (req) => selfCheckList(pool, { ...req.params, ...req.query }, seesPersons(req.principal!)),
  );

  app.get(
    '/campaigns/:campaignId/cities/:cityCode/self-check-list/units/:unitKey/notice',
    {
      config: { action: 'self_check.unit_notice', access: { roles: OFFICER_OR_COORDINATOR, city: cityScope }, audit: true },
      schema: {
        summary:
          "A unit's self-check notice (自查自纠告知书, .docx): its flagged staff and what to correct by the self-check deadline; one number per unit and list",
        tags,
        params: CityParams.extend({ unitKey: UnitKey }),
        response: { 200: { description: 'The .docx file', content: { [DOCX]: { schema: FileBody } } }, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      const { campaignId, cityCode } = req.params;
      const notice = await renderUnitNotice(pool, req.params);
      if (!notice) {
        const message = '本市（州）的自查名单中没有「单位标识」所指的单位';
        throw new Problem('not_found', message, { errors: [{ path: 'params.unitKey', message }] });
      }
      req.auditTarget = `campaign=${campaignId},city=${cityCode},document=${notice.documentId}`;
      return reply
        .type(DOCX)
        .header('content-disposition', `attachment; filename="self-check-notice.docx"; filename*=UTF-8''${encodeURIComponent(`${notice.number}.docx`)}`)
        .send(notice.content);
    },
  );

  app.post(
    '/campaigns/:campaignId/snapshots',
    {
      config: { action: 'campaign.add_snapshot', access: { roles: COORDINATOR, city: { kind: 'none' } }, audit: true },
      schema: {
        summary: 'Fresh data during the campaign: imported batches form a new snapshot, and every running city re-screens it against its list',
        tags: ['campaigns'],
        params: CampaignParams,
        body: z.object({
          batchIds: z.array(z.number().int().positive()).min(1).max(100).meta({ title: '导入批次' }),
          replaceSources: z.array(SourceName).default([]).meta({ title: '替换的数据来源' }),
        }),
        response: {
          201: z.object({ snapshotId: z.number().int(), cities: z.array(CityRescreenOutcome) }),
          ...problemResponses(400, 401, 403, 404, 409, 422),
        },
      },
    },
    async (req, reply) => {
      // Answered before any snapshot is formed: fresh data for a campaign that does not exist is 404.
      if (!(await findCampaign(pool, req.params.campaignId))) throw new Problem('not_found', `没有专项行动 ${req.params.campaignId}`);
      const res = await ctx.commands.addCampaignSnapshot({ campaignId: req.params.campaignId, ...req.body }, officerOf(req.principal!));
      req.auditDetail = { snapshotId: res.snapshotId, batches: req.body.batchIds.length };
      return reply.code(201).send(res);
    },
  );

  app.get(
    '/campaigns/:campaignId/cities/:cityCode/rescreens',
    {
      config: { action: 'rescreen.list', access: { roles: READ_ALL, city: cityScope } },
      schema: {
        summary: "A city's re-screenings on fresh data (newest first): newly flagged, no longer flagged, changed reasons",
        tags,
        params: CityParams,
        response: { 200: z.object({ items: z.array(Rescreen) }), ...problemResponses(400, 401, 403) },
      },
    },
    async (req) => ({ items: await listRescreens(pool, req.params) }),
  );

  app.get(
    '/campaigns/:campaignId/cities/:cityCode/rescreens/:rescreenId/changes',
    {
      config: { action: 'rescreen.changes', access: { roles: READ_ALL, city: cityScope }, audit: true },
      schema: {
        summary: 'What one re-screening changed, per person (cases are never closed by it: the officer decides)',
        tags,
        params: CityParams.extend({ rescreenId: z.coerce.number().int().positive().meta({ title: '复筛编号' }) }),
        querystring: Page.extend({ change: RescreenChangeKind.optional().meta({ title: '变化类型' }) }),
        response: { 200: z.object({ items: z.array(RescreenChange) }), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const items = await rescreenChanges(pool, { ...req.params, ...req.query }, seesPersons(req.principal!));
      if (!items) throw new Problem('not_found', `本市（州）没有第${req.params.rescreenId}次复筛`);
      return { items };
    },
  );
}
