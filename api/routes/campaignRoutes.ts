/** Campaigns: launch, list, state, deadline extensions. */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { IsoDate } from '../../domain/calendar';
import { CampaignLaunchRequest, CityCode } from '../../domain/campaignConfig';
import { DeadlinePhase } from '../../domain/deadlinePhase';
import { campaignState, CampaignState, CampaignSummary, findCampaign, listCampaigns } from '../../readModel/campaigns';
import { cityState, CityState } from '../../readModel/cityProgress';
import { officerOf } from '../auth/principal';
import { COORDINATOR, READ_ALL } from '../authz/access';
import { idempotencyKeyOf, runIdempotent } from '../http/idempotency';
import { Problem, problemResponses } from '../http/problem';
import { CampaignLaunched, DeadlinesExtended } from './commandAnswers';
import type { RouteContext, ZodApp } from './context';
import { CampaignParams, CityParams, tags } from './schemas';
import { freeText } from '../../domain/text';

export function registerCampaignRoutes(app: ZodApp, ctx: RouteContext): void {
  const { pool } = ctx;

  async function campaignRow(campaignId: string) {
    const c = await findCampaign(pool, campaignId);
    if (!c) throw new Problem('not_found', `no campaign ${campaignId}`);
    return c;
  }

  app.post(
    '/campaigns',
    {
      config: { action: 'campaign.launch', access: { roles: COORDINATOR, city: { kind: 'none' } }, audit: true },
      schema: {
        summary: 'Launch a campaign (calendar, cities, data sources, rule settings)',
        tags: tags.campaigns,
        body: CampaignLaunchRequest,
        response: { 201: CampaignLaunched, ...problemResponses(400, 401, 403, 409, 422) },
      },
    },
    async (req, reply) => {
      req.auditTarget = `campaign=${req.body.id}`;
      const key = idempotencyKeyOf(req, false);
      const res = await runIdempotent(pool, req, key, async () => ({
        status: 201,
        body: await ctx.commands.launchCampaign(req.body, req.principal!.userId),
      }));
      return reply.code(201).send(CampaignLaunched.parse(res.body));
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
      const city = req.principal!.role === 'city_officer' ? req.principal!.cityCode : null;
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
      const c = await campaignRow(req.params.campaignId);
      const city = req.principal!.role === 'city_officer' ? req.principal!.cityCode : null;
      if (city && !c.cities.includes(city)) throw new Problem('other_city', 'this campaign does not include your city');
      return campaignState(pool, c, city);
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
          reason: freeText({ max: 5000 }),
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
