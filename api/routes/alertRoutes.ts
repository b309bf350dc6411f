/** Alerts for supervisors: list, acknowledge, and a live stream (server-sent events). */
import { z } from 'zod';
import type { Pool } from 'pg';
import { CampaignId, CityCode } from '../../domain/campaignConfig';
import type { Principal } from '../auth/principal';
import { READ_ALL } from '../authz/access';
import { problemResponses } from '../http/problem';
import type { RouteContext, ZodApp } from './context';
import { AnyObject, Page, tags } from './schemas';

const ACK_ROLES = ['supervisor', 'province_coordinator'] as const;
const KEEPALIVE_MS = 15_000;

const iso = (d: unknown) => (d instanceof Date ? d.toISOString() : d === null || d === undefined ? null : typeof d === 'string' ? d : JSON.stringify(d));

function alertJson(r: Record<string, unknown>) {
  return {
    alertKey: r.alert_key, level: r.level, kind: r.kind, campaignId: r.campaign_id, cityCode: r.city_code, phase: r.phase, caseId: r.case_id,
    message: r.message, raisedAt: iso(r.raised_at), lastRaisedAt: iso(r.last_raised_at), repeatCount: r.repeat_count,
    resolvedAt: iso(r.resolved_at), acknowledgedAt: iso(r.acknowledged_at), acknowledgedBy: r.acknowledged_by,
  };
}

/** A city officer sees their own city's alerts only; everyone else every city's. */
const cityOf = (p: Principal, asked?: string) => (p.role === 'city_officer' ? p.cityCode : asked ?? null);

async function alertsSince(pool: Pool, city: string | null, campaignId: string | null, since: string) {
  const { rows } = await pool.query(
    `SELECT * FROM alert WHERE last_raised_at > $1 AND ($2::text IS NULL OR city_code = $2) AND ($3::text IS NULL OR campaign_id = $3)
     ORDER BY last_raised_at, alert_key LIMIT 500`,
    [since, city, campaignId],
  );
  return rows;
}

export function registerAlertRoutes(app: ZodApp, ctx: RouteContext): void {
  const { pool } = ctx;

  app.get('/alerts', {
    config: { action: 'alert.list', access: { roles: READ_ALL, city: { kind: 'filter' } } },
    schema: {
      summary: 'Alerts, newest first (a city officer sees their own city only)',
      tags: tags.alerts,
      querystring: Page.extend({
        campaignId: CampaignId.optional(),
        cityCode: CityCode.optional(),
        level: z.enum(['info', 'warning', 'critical']).optional(),
        state: z.enum(['open', 'unacknowledged', 'all']).default('open'),
      }),
      response: { 200: z.object({ items: z.array(AnyObject) }), ...problemResponses(401, 403) },
    },
  }, async (req) => {
    const q = req.query;
    const { rows } = await pool.query(
      `SELECT * FROM alert WHERE ($1::text IS NULL OR city_code = $1) AND ($2::text IS NULL OR campaign_id = $2) AND ($3::text IS NULL OR level = $3)
         AND ($4 = 'all' OR ($4 = 'open' AND resolved_at IS NULL) OR ($4 = 'unacknowledged' AND acknowledged_at IS NULL))
       ORDER BY last_raised_at DESC, alert_key LIMIT $5 OFFSET $6`,
      [cityOf(req.principal!, q.cityCode), q.campaignId ?? null, q.level ?? null, q.state, q.pageSize, (q.page - 1) * q.pageSize],
    );
    return { items: rows.map(alertJson) };
  });

  app.post('/alerts/acknowledgements', {
    config: { action: 'alert.acknowledge', access: { roles: ACK_ROLES, city: { kind: 'none' } }, audit: true },
    schema: {
      summary: 'Acknowledge alerts (seen and being handled); an alert raised again later needs a new acknowledgement',
      tags: tags.alerts,
      body: z.object({ alertKeys: z.array(z.string().min(1).max(300)).min(1).max(500) }),
      response: { 200: z.object({ acknowledged: z.array(z.string()), unknown: z.array(z.string()) }), ...problemResponses(400, 401, 403) },
    },
  }, async (req) => {
    const keys = [...new Set(req.body.alertKeys)];
    const { rows } = await pool.query<{ alert_key: string }>(
      `UPDATE alert SET acknowledged_at = now(), acknowledged_by = $2 WHERE alert_key = ANY($1::text[]) RETURNING alert_key`,
      [keys, req.principal!.userId],
    );
    const done = new Set(rows.map((r) => r.alert_key));
    req.auditTarget = keys.length === 1 ? `alert=${keys[0]}` : `alerts=${keys.length}`;
    req.auditDetail = { alertKeys: keys.slice(0, 50) };
    return { acknowledged: keys.filter((k) => done.has(k)), unknown: keys.filter((k) => !done.has(k)) };
  });

  app.get('/alerts/stream', {
    config: { action: 'alert.stream', access: { roles: READ_ALL, city: { kind: 'filter' } } },
    schema: {
      summary: 'Alerts as they are raised (text/event-stream); resumes after Last-Event-ID',
      tags: tags.alerts,
      querystring: z.object({ campaignId: CampaignId.optional(), cityCode: CityCode.optional() }),
      headers: z.object({ 'last-event-id': z.string().max(100).optional() }),
    },
  }, async (req, reply) => {
    const city = cityOf(req.principal!, req.query.cityCode);
    const campaignId = req.query.campaignId ?? null;
    const last = req.headers['last-event-id'];
    let cursor = typeof last === 'string' && !Number.isNaN(Date.parse(last)) ? new Date(last).toISOString() : new Date().toISOString();
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
      'x-request-id': String(req.id),
    });
    res.write(`retry: ${ctx.settings.GZ_ALERT_POLL_MS}\nevent: ready\ndata: {}\n\n`);
    let closed = false;
    let busy = false;
    const poll = async () => {
      if (closed || busy) return;
      busy = true;
      try {
        for (const r of await alertsSince(pool, city, campaignId, cursor)) {
          cursor = (r.last_raised_at as Date).toISOString();
          res.write(`id: ${cursor}\nevent: alert\ndata: ${JSON.stringify(alertJson(r))}\n\n`);
        }
      } catch (err) {
        ctx.log(`alert stream ${String(req.id)}: ${(err as Error).message}`);
      } finally {
        busy = false;
      }
    };
    // poll catches and logs its own failures, so nothing is lost by not awaiting it.
    const timer = setInterval(() => void poll(), ctx.settings.GZ_ALERT_POLL_MS);
    const keepalive = setInterval(() => res.write(': keep-alive\n\n'), KEEPALIVE_MS);
    void poll();
    req.raw.on('close', () => {
      closed = true;
      clearInterval(timer);
      clearInterval(keepalive);
    });
  });
}
