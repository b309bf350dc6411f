/**
 * Campaigns: launch (checked before anything starts) and its dry run, list, state, deadline
 * extensions, late cities, the progress notice.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { IsoDate } from '../../domain/calendar';
import { CampaignLaunchRequest, CityCode } from '../../domain/campaignConfig';
import { DeadlinePhase } from '../../domain/deadlinePhase';
import type { FieldIssue } from '../../domain/errors';
import { campaignState, CampaignState, CampaignSummary, findCampaign, listCampaigns } from '../../readModel/campaigns';
import { cityState, CityState } from '../../readModel/cityProgress';
import { LateCities, lateCities } from '../../readModel/lateCities';
import { progressNotice, ProgressNoticeState } from '../../readModel/progressNotice';
import { SnapshotSummary } from '../../readModel/snapshots';
import { checkLaunch } from '../../services/launchCampaign';
import { officerOf } from '../auth/principal';
import { COORDINATOR, READ_ALL } from '../authz/access';
import { idempotencyKeyOf, runIdempotent } from '../http/idempotency';
import { FieldError, Problem, problemResponses } from '../http/problem';
import { CampaignLaunched, DeadlinesExtended } from './commandAnswers';
import type { RouteContext, ZodApp } from './context';
import { CampaignParams, CityParams, tags } from './schemas';
import { freeText } from '../../domain/text';
import { isCityRole } from '../../domain/roles';

/** A launch's warnings: paths in the request body, like its field errors. */
const Warnings = z.array(FieldError).describe('what to confirm before launching, e.g. 「自查自纠截止日期」（2024-10-31）已过; empty when nothing');
const CampaignLaunchAnswer = CampaignLaunched.extend({ warnings: Warnings });
const LaunchValidation = z.object({
  campaignId: z.string(),
  valid: z.literal(true).describe('POST /campaigns with this body would start the campaign (unless something changes meanwhile)'),
  warnings: Warnings,
  snapshot: SnapshotSummary.nullable().describe('the snapshot it names; null for a launch that imports from providers'),
});
const inBody = (issues: FieldIssue[]): FieldError[] => issues.map((i) => ({ path: i.path ? `body.${i.path}` : 'body', message: i.message }));

export function registerCampaignRoutes(app: ZodApp, ctx: RouteContext): void {
  const { pool } = ctx;
  /** The launch's own checks (services/launchCampaign.ts), run here for the warnings and the dry run. */
  const check = (body: unknown) => checkLaunch({ pool, hosts: ctx.config }, body, { filePaths: 'refused' });

  async function campaignRow(campaignId: string) {
    const c = await findCampaign(pool, campaignId);
    if (!c) throw new Problem('not_found', `no campaign ${campaignId}`);
    return c;
  }

  /** The campaign, which a city officer sees only when it includes their city. */
  async function visibleCampaign(req: FastifyRequest, campaignId: string) {
    const c = await campaignRow(campaignId);
    const city = isCityRole(req.principal!.role) ? req.principal!.cityCode : null;
    if (city && !c.cities.includes(city)) throw new Problem('other_city', '本次专项行动不包括您所在的市（州）');
    return { campaign: c, city };
  }

  app.post(
    '/campaigns',
    {
      config: { action: 'campaign.launch', access: { roles: COORDINATOR, city: { kind: 'none' } }, audit: true },
      schema: {
        summary: 'Launch a campaign (calendar, cities, data sources, rule settings)',
        description:
          'Everything is checked before any workflow starts: the calendar (each date, and their order), the snapshot (it exists, every batch completed, ' +
          'registrations among them), the hosts, the id. A refused launch (400 with errors at each field, 409 for an id in use) leaves nothing behind ' +
          'and its id stays free. The answer lists warnings to show (a date already past); POST /campaigns/validation gives them before launching.',
        tags: tags.campaigns,
        body: CampaignLaunchRequest,
        response: { 201: CampaignLaunchAnswer, ...problemResponses(400, 401, 403, 409, 422) },
      },
    },
    async (req, reply) => {
      req.auditTarget = `campaign=${req.body.id}`;
      const key = idempotencyKeyOf(req, false);
      const res = await runIdempotent(pool, req, key, async () => {
        const { warnings } = await check(req.body);
        const launched = await ctx.commands.launchCampaign(req.body, req.principal!.userId);
        return { status: 201, body: { ...launched, warnings: inBody(warnings) } };
      });
      // An answer stored before launches carried warnings replays without them.
      return reply.code(201).send(CampaignLaunchAnswer.parse({ warnings: [], ...(res.body as object) }));
    },
  );

  app.post(
    '/campaigns/validation',
    {
      config: { action: 'campaign.validate', access: { roles: COORDINATOR, city: { kind: 'none' } } },
      schema: {
        summary: 'Check a launch without launching: the same refusals as POST /campaigns, or 200 with the warnings to confirm',
        description:
          'Runs every check POST /campaigns runs before it starts anything, and starts nothing: 400 with errors at each bad field, 409 for an id in use, ' +
          'or 200 with the warnings (dates already past on the campaign clock, a snapshot without social insurance) and the snapshot it names.',
        tags: tags.campaigns,
        body: CampaignLaunchRequest,
        response: { 200: LaunchValidation, ...problemResponses(400, 401, 403, 409) },
      },
    },
    async (req) => {
      const checked = await check(req.body);
      return { campaignId: checked.config.id, valid: true as const, warnings: inBody(checked.warnings), snapshot: checked.snapshot ?? null };
    },
  );

  app.get(
    '/campaigns',
    {
      config: { action: 'campaign.list', access: { roles: READ_ALL, city: { kind: 'filter' } } },
      schema: {
        summary: 'Campaigns (a city officer sees those that include their city)',
        tags: tags.campaigns,
        response: { 200: z.object({ items: z.array(CampaignSummary) }), ...problemResponses(401, 403) },
      },
    },
    async (req) => {
      const city = isCityRole(req.principal!.role) ? req.principal!.cityCode : null;
      return { items: await listCampaigns(pool, city) };
    },
  );

  app.get(
    '/campaigns/:campaignId',
    {
      config: { action: 'campaign.read', access: { roles: READ_ALL, city: { kind: 'filter' } } },
      schema: {
        summary: "A campaign's state: phase, deadlines, each city's progress",
        tags: tags.campaigns,
        params: CampaignParams,
        response: { 200: CampaignState, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const { campaign, city } = await visibleCampaign(req, req.params.campaignId);
      return campaignState(pool, campaign, city);
    },
  );

  app.get(
    '/campaigns/:campaignId/late-cities',
    {
      config: { action: 'campaign.late_cities', access: { roles: READ_ALL, city: { kind: 'filter' } } },
      schema: {
        summary: 'Late cities: city report deadlines passed unmet, days late on the campaign clock, report state, overdue cases',
        description:
          "Days count on the campaign's calendar (a compressed clock's days for the demo): a deadline of 2024-10-31 is 1 day late on 2024-11-01, " +
          'not late on 2024-10-31. A report submitted late meets its deadline (the submission is marked late). A city officer sees their own city only.',
        tags: tags.campaigns,
        params: CampaignParams,
        response: { 200: LateCities, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const { city } = await visibleCampaign(req, req.params.campaignId);
      const late = await lateCities(pool, req.params.campaignId, { cityCode: city });
      if (!late) throw new Problem('not_found', `no campaign ${req.params.campaignId}`);
      return late;
    },
  );

  app.get(
    '/campaigns/:campaignId/progress-notice',
    {
      config: { action: 'campaign.progress_notice', access: { roles: READ_ALL, city: { kind: 'filter' } } },
      schema: {
        summary: 'The progress notice (通报): produced or not, its figures per city, and its .docx (report id and download URL)',
        description:
          "Produced at 09:00 on the calendar's notice date. Until then `produced` is false; afterwards `notice` holds each city's self-check line and the lagging " +
          'cities, and `report` the latest .docx (GET /reports/{reportId}/download). GET /reports?campaignId=…&kind=progress_notice lists every version.',
        tags: tags.campaigns,
        params: CampaignParams,
        response: { 200: ProgressNoticeState, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (req) => {
      await visibleCampaign(req, req.params.campaignId);
      const notice = await progressNotice(pool, req.params.campaignId);
      if (!notice) throw new Problem('not_found', `no campaign ${req.params.campaignId}`);
      return notice;
    },
  );

  app.get(
    '/campaigns/:campaignId/cities/:cityCode',
    {
      config: { action: 'city.read', access: { roles: READ_ALL, city: { kind: 'param', param: 'cityCode' } } },
      schema: {
        summary: "One city's progress: deadlines, submissions, case counts",
        tags: tags.campaigns,
        params: CityParams,
        response: { 200: CityState, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const { campaignId, cityCode } = req.params;
      const state = await cityState(pool, campaignId, cityCode);
      if (!state) throw new Problem('not_found', `city ${cityCode} is not in campaign ${campaignId}`);
      return state;
    },
  );

  app.post(
    '/campaigns/:campaignId/deadline-extensions',
    {
      config: { action: 'deadline.extend', access: { roles: COORDINATOR, city: { kind: 'none' } }, audit: true },
      schema: {
        summary: "Move a deadline (the province's, or a city's self-check or investigation deadline); the reason is recorded",
        tags: tags.campaigns,
        params: CampaignParams,
        body: z.object({
          phase: DeadlinePhase,
          cityCode: CityCode.optional().describe("absent for a city phase: every city's deadline moves"),
          newDate: IsoDate,
          reason: freeText({ max: 5000 }).meta({ title: '延期理由' }),
        }),
        response: { 200: DeadlinesExtended, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req) => {
      await campaignRow(req.params.campaignId);
      req.auditTarget = `campaign=${req.params.campaignId},deadline=${req.body.phase}${req.body.cityCode ? `/${req.body.cityCode}` : ''}`;
      const key = idempotencyKeyOf(req, false);
      const res = await runIdempotent(pool, req, key, async () => ({
        status: 200,
        body: {
          extended: await ctx.commands.extendDeadline({
            campaignId: req.params.campaignId,
            cityCode: req.body.cityCode,
            phase: req.body.phase,
            newDate: req.body.newDate,
            reason: req.body.reason,
            officer: officerOf(req.principal!),
            requestId: key ?? randomUUID(),
          }),
        },
      }));
      return DeadlinesExtended.parse(res.body);
    },
  );
}
