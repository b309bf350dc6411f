/** Alerts for supervisors: list, acknowledge, and a live stream (server-sent events). */
import { z } from 'zod';
import { CampaignId, CityCode } from '../../domain/campaignConfig';
import { acknowledgeAlerts, Alert, AlertLevel, alertsRaisedSince, listAlerts } from '../../readModel/alerts';
import type { Principal } from '../auth/principal';
import { READ_ALL } from '../authz/access';
import { Problem, problemResponses } from '../http/problem';
import type { RouteContext, ZodApp } from './context';
import { Page, tags } from './schemas';
import { plainText } from '../../domain/text';

const ACK_ROLES = ['supervisor', 'province_coordinator'] as const;
const KEEPALIVE_MS = 15_000;

/** Why a stream ended, as the last event tells the console (the message is shown to the official). */
export const StreamEnd = z.object({
  reason: z.enum(['account_disabled', 'token_expired', 'token_invalid']),
  message: z.string(),
});
export type StreamEnd = z.infer<typeof StreamEnd>;

/** The authenticator's refusal, as the reason a stream ends. */
function streamEndOf(err: unknown): StreamEnd {
  if (err instanceof Problem && err.code === 'account_disabled') {
    return { reason: 'account_disabled', message: '账户已停用，告警推送已停止。' };
  }
  if (err instanceof Problem && /expired/.test(err.message)) {
    return { reason: 'token_expired', message: '登录已过期，告警推送已停止，请重新登录。' };
  }
  return { reason: 'token_invalid', message: '登录凭证已失效，告警推送已停止，请重新登录。' };
}

/** A city officer sees their own city's alerts only; everyone else every city's. */
const cityOf = (p: Principal, asked?: string) => (p.role === 'city_officer' ? p.cityCode : (asked ?? null));

export function registerAlertRoutes(app: ZodApp, ctx: RouteContext): void {
  const { pool } = ctx;

  app.get(
    '/alerts',
    {
      config: { action: 'alert.list', access: { roles: READ_ALL, city: { kind: 'filter' } } },
      schema: {
        summary: 'Alerts, newest first (a city officer sees their own city only)',
        tags: tags.alerts,
        querystring: Page.extend({
          campaignId: CampaignId.optional(),
          cityCode: CityCode.optional(),
          level: AlertLevel.optional(),
          state: z.enum(['open', 'unacknowledged', 'all']).default('open'),
        }),
        response: { 200: z.object({ items: z.array(Alert) }), ...problemResponses(400, 401, 403) },
      },
    },
    async (req) => {
      const q = req.query;
      const items = await listAlerts(pool, {
        cityCode: cityOf(req.principal!, q.cityCode),
        campaignId: q.campaignId ?? null,
        level: q.level ?? null,
        state: q.state,
        page: q.page,
        pageSize: q.pageSize,
      });
      return { items };
    },
  );

  app.post(
    '/alerts/acknowledgements',
    {
      config: { action: 'alert.acknowledge', access: { roles: ACK_ROLES, city: { kind: 'none' } }, audit: true },
      schema: {
        summary: 'Acknowledge alerts (seen and being handled); an alert raised again later needs a new acknowledgement',
        tags: tags.alerts,
        body: z.object({
          alertKeys: z
            .array(plainText({ max: 300 }))
            .min(1)
            .max(500),
        }),
        response: { 200: z.object({ acknowledged: z.array(z.string()), unknown: z.array(z.string()) }), ...problemResponses(400, 401, 403) },
      },
    },
    async (req) => {
      const keys = [...new Set(req.body.alertKeys)];
      const done = await acknowledgeAlerts(pool, keys, req.principal!.userId);
      req.auditTarget = keys.length === 1 ? `alert=${keys[0]}` : `alerts=${keys.length}`;
      req.auditDetail = { alertKeys: keys.slice(0, 50) };
      return { acknowledged: keys.filter((k) => done.has(k)), unknown: keys.filter((k) => !done.has(k)) };
    },
  );

  app.get(
    '/alerts/stream',
    {
      config: { action: 'alert.stream', access: { roles: READ_ALL, city: { kind: 'filter' } } },
      schema: {
        summary: 'Alerts as they are raised (text/event-stream); resumes after Last-Event-ID',
        tags: tags.alerts,
        querystring: z.object({ campaignId: CampaignId.optional(), cityCode: CityCode.optional() }),
        headers: z.object({ 'last-event-id': plainText({ min: 0, max: 100 }).optional() }),
        produces: ['text/event-stream'],
        response: {
          200: z
            .string()
            .describe(
              'text/event-stream: "event: ready" first, then one "event: alert" per alert (data: an Alert as JSON, id: its lastRaisedAt); ' +
                '"event: end" (data: {reason, message}) as the last event when the account is disabled or the token expires',
            ),
          ...problemResponses(400, 401, 403),
        },
      },
    },
    async (req, reply) => {
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
      const stop = () => {
        closed = true;
        clearInterval(timer);
        clearInterval(keepalive);
        clearInterval(recheck);
      };
      // The token was checked once, when the stream opened; a stream lives for hours, so the account
      // and the token's expiry are checked again on a timer and before anything is sent.
      const stillAllowed = async (): Promise<boolean> => {
        if (closed) return false;
        try {
          await ctx.auth.authenticate(req);
          return true;
        } catch (err) {
          if (closed) return false;
          stop();
          res.end(`event: end\ndata: ${JSON.stringify(streamEndOf(err))}\n\n`);
          return false;
        }
      };
      const poll = async () => {
        if (closed || busy) return;
        busy = true;
        try {
          const alerts = await alertsRaisedSince(pool, { cityCode: city, campaignId, since: cursor });
          if (alerts.length > 0 && !(await stillAllowed())) return;
          for (const alert of alerts) {
            cursor = alert.lastRaisedAt;
            res.write(`id: ${cursor}\nevent: alert\ndata: ${JSON.stringify(Alert.parse(alert))}\n\n`);
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
      const recheck = setInterval(() => void stillAllowed(), ctx.settings.GZ_ALERT_STREAM_RECHECK_MS);
      void poll();
      req.raw.on('close', stop);
    },
  );
}
