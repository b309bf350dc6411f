/** Campaigns: launch, list, state, deadline extensions. */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { IsoDate } from '../../domain/calendar';
import { CampaignLaunchRequest, CityCode } from '../../domain/campaignConfig';
import { officerOf } from '../auth/principal';
import { COORDINATOR, READ_ALL } from '../authz/access';
import { idempotencyKeyOf, runIdempotent } from '../http/idempotency';
import { Problem, problemResponses } from '../http/problem';
import type { RouteContext, ZodApp } from './context';
import { AnyObject, CampaignParams, CityParams, tags } from './schemas';

const iso = (d: unknown) => (d instanceof Date ? d.toISOString() : d === null || d === undefined ? null : String(d));

export function registerCampaignRoutes(app: ZodApp, ctx: RouteContext): void {
  const { pool } = ctx;

  async function campaignRow(campaignId: string) {
    const { rows } = await pool.query(
      `SELECT id, name, phase, status, launched_at, launched_by, snapshot_id, calendar, config->'cities' AS cities
       FROM campaign WHERE id = $1`,
      [campaignId],
    );
    if (!rows[0]) throw new Problem('not_found', `no campaign ${campaignId}`);
    return rows[0];
  }

  app.post('/campaigns', {
    config: { action: 'campaign.launch', access: { roles: COORDINATOR, city: { kind: 'none' } }, audit: true },
    schema: {
      summary: 'Launch a campaign (calendar, cities, data sources, rule settings)',
      tags: tags.campaigns,
      body: CampaignLaunchRequest,
      response: { 201: z.object({ campaignId: z.string(), workflowId: z.string(), snapshotId: z.number() }), ...problemResponses(400, 401, 403, 409, 422) },
    },
  }, async (req, reply) => {
    req.auditTarget = `campaign=${req.body.id}`;
    const key = idempotencyKeyOf(req, false);
    const res = await runIdempotent(pool, req, key, async () => ({
      status: 201,
      body: await ctx.commands.launchCampaign(req.body, req.principal!.userId),
    }));
    return reply.code(res.status as 201).send(res.body as never);
  });

  app.get('/campaigns', {
    config: { action: 'campaign.list', access: { roles: READ_ALL, city: { kind: 'filter' } } },
    schema: { summary: 'Campaigns (a city officer sees those that include their city)', tags: tags.campaigns, response: { 200: z.object({ items: z.array(AnyObject) }) } },
  }, async (req) => {
    const city = req.principal!.role === 'city_officer' ? req.principal!.cityCode : null;
    const { rows } = await pool.query(
      `SELECT id, name, phase, status, launched_at, calendar FROM campaign
       WHERE $1::text IS NULL OR config->'cities' ? $1 ORDER BY launched_at DESC`,
      [city],
    );
    return { items: rows.map((r) => ({ id: r.id, name: r.name, phase: r.phase, status: r.status, launchedAt: iso(r.launched_at), calendar: r.calendar })) };
  });

  app.get('/campaigns/:campaignId', {
    config: { action: 'campaign.read', access: { roles: READ_ALL, city: { kind: 'filter' } } },
    schema: { summary: "A campaign's state: phase, deadlines, each city's progress", tags: tags.campaigns, params: CampaignParams, response: { 200: AnyObject, ...problemResponses(401, 403, 404) } },
  }, async (req) => {
    const c = await campaignRow(req.params.campaignId);
    const city = req.principal!.role === 'city_officer' ? req.principal!.cityCode : null;
    if (city && !(c.cities as string[]).includes(city)) throw new Problem('other_city', 'this campaign does not include your city');
    const cities = await pool.query(
      `SELECT city_code, phase, status, persons_screened, persons_flagged, cases_opened, cases_closed, cases_carried_over, updated_at
       FROM city_progress WHERE campaign_id = $1 AND ($2::text IS NULL OR city_code = $2) ORDER BY city_code`,
      [c.id, city],
    );
    const deadlines = await pool.query(
      `SELECT deadline_key, phase, city_code, to_char(due_date, 'YYYY-MM-DD') AS due_date, due_at, to_char(extended_from, 'YYYY-MM-DD') AS extended_from,
              extension_reason, met_at
       FROM deadline WHERE campaign_id = $1 AND ($2::text IS NULL OR city_code IS NULL OR city_code = $2) ORDER BY due_at, deadline_key`,
      [c.id, city],
    );
    return {
      id: c.id, name: c.name, phase: c.phase, status: c.status, launchedAt: iso(c.launched_at), launchedBy: c.launched_by,
      snapshotId: c.snapshot_id === null ? null : Number(c.snapshot_id), calendar: c.calendar, cities: c.cities,
      cityProgress: cities.rows.map((r) => ({
        cityCode: r.city_code, phase: r.phase, status: r.status, personsScreened: r.persons_screened, personsFlagged: r.persons_flagged,
        casesOpened: r.cases_opened, casesClosed: r.cases_closed, casesCarriedOver: r.cases_carried_over, updatedAt: iso(r.updated_at),
      })),
      deadlines: deadlines.rows.map((r) => ({
        key: r.deadline_key, phase: r.phase, cityCode: r.city_code, dueDate: r.due_date, dueAt: iso(r.due_at),
        extendedFrom: r.extended_from, extensionReason: r.extension_reason, metAt: iso(r.met_at),
      })),
    };
  });

  app.get('/campaigns/:campaignId/cities/:cityCode', {
    config: { action: 'city.read', access: { roles: READ_ALL, city: { kind: 'param', param: 'cityCode' } } },
    schema: { summary: "One city's progress: deadlines, submissions, case counts", tags: tags.campaigns, params: CityParams, response: { 200: AnyObject, ...problemResponses(401, 403, 404) } },
  }, async (req) => {
    const { campaignId, cityCode } = req.params;
    const p = await pool.query('SELECT * FROM city_progress WHERE campaign_id = $1 AND city_code = $2', [campaignId, cityCode]);
    if (!p.rows[0]) throw new Problem('not_found', `city ${cityCode} is not in campaign ${campaignId}`);
    const [deadlines, submissions, cases] = await Promise.all([
      pool.query(
        `SELECT deadline_key, phase, to_char(due_date, 'YYYY-MM-DD') AS due_date, due_at, met_at FROM deadline
         WHERE campaign_id = $1 AND city_code = $2 ORDER BY due_at`, [campaignId, cityCode]),
      pool.query(
        `SELECT kind, version, submitted_at, submitted_by, late, status, comments, reviewed_at FROM submission
         WHERE campaign_id = $1 AND city_code = $2 ORDER BY kind, version`, [campaignId, cityCode]),
      pool.query(
        `SELECT status, count(*)::int AS n, count(*) FILTER (WHERE due_at < now() AND status = 'open')::int AS overdue
         FROM case_file WHERE campaign_id = $1 AND city_code = $2 GROUP BY status`, [campaignId, cityCode]),
    ]);
    const r = p.rows[0];
    return {
      campaignId, cityCode, phase: r.phase, status: r.status, personsScreened: r.persons_screened, personsFlagged: r.persons_flagged,
      deadlines: deadlines.rows.map((d) => ({ key: d.deadline_key, phase: d.phase, dueDate: d.due_date, dueAt: iso(d.due_at), metAt: iso(d.met_at) })),
      submissions: submissions.rows.map((s) => ({
        kind: s.kind, version: s.version, submittedAt: iso(s.submitted_at), submittedBy: s.submitted_by, late: s.late, status: s.status,
        comments: s.comments, reviewedAt: iso(s.reviewed_at),
      })),
      cases: Object.fromEntries(cases.rows.map((c) => [c.status, c.n])),
      casesOverdue: cases.rows.reduce((n, c) => n + c.overdue, 0),
    };
  });

  app.post('/campaigns/:campaignId/deadline-extensions', {
    config: { action: 'deadline.extend', access: { roles: COORDINATOR, city: { kind: 'none' } }, audit: true },
    schema: {
      summary: "Move a deadline (the province's, or a city's self-check or investigation deadline); the reason is recorded",
      tags: tags.campaigns,
      params: CampaignParams,
      body: z.object({
        phase: z.enum(['selfCheck', 'investigation', 'provincialVerification']),
        cityCode: CityCode.optional().describe("absent for a city phase: every city's deadline moves"),
        newDate: IsoDate,
        reason: z.string().trim().min(1).max(5000),
      }),
      response: { 200: z.object({ extended: z.array(z.object({ deadlineKey: z.string(), toDate: z.string(), dueAt: z.string() })) }), ...problemResponses(400, 401, 403, 404, 409, 422) },
    },
  }, async (req) => {
    await campaignRow(req.params.campaignId);
    req.auditTarget = `campaign=${req.params.campaignId},deadline=${req.body.phase}${req.body.cityCode ? `/${req.body.cityCode}` : ''}`;
    const key = idempotencyKeyOf(req, false);
    const res = await runIdempotent(pool, req, key, async () => ({
      status: 200,
      body: { extended: await ctx.commands.extendDeadline({
        campaignId: req.params.campaignId, cityCode: req.body.cityCode, phase: req.body.phase, newDate: req.body.newDate,
        reason: req.body.reason, officer: officerOf(req.principal!), requestId: key ?? randomUUID(),
      }) },
    }));
    return res.body as { extended: { deadlineKey: string; toDate: string; dueAt: string }[] };
  });
}
