/** Alerts for supervisors: list, acknowledge, and a live stream (server-sent events). */
import { z } from 'zod';
import { CampaignId, CityCode } from '../../domain/campaignConfig';
import {
  AckResult,
  acknowledgeAlerts,
  acknowledgeMatching,
  Alert,
  AlertLevel,
  AlertPage,
  AlertState,
  alertsRaisedSince,
  AlertSummary,
  alertSummary,
  listAlerts,
  type AlertWhere,
} from '../../readModel/alerts';
import type { Principal } from '../auth/principal';
import { READ_ALL } from '../authz/access';
import { Problem, problemResponses } from '../http/problem';
import type { RouteContext, ZodApp } from './context';
import { Page, tags } from './schemas';
import { plainText } from '../../domain/text';
import { isCityRole } from '../../domain/roles';

const ACK_ROLES = ['supervisor', 'province_coordinator'] as const;
const KEEPALIVE_MS = 15_000;
/** At most this many alerts acknowledged by one filter request; `more` says whether to send it again. */
const ACK_BY_FILTER_MAX = 5000;

/** The board's filters (GET /alerts, GET /alerts/summary, an acknowledgement by filter). */
const AlertFilters = z.object({
  campaignId: CampaignId.optional(),
  cityCode: CityCode.optional().describe("a city officer always gets their own city's"),
  level: AlertLevel.optional(),
  kind: plainText({ max: 80 }).optional().describe('e.g. case_overdue, case_escalation, overdue, city_lagging'),
  state: AlertState.default('open').describe('open: not resolved (default); unacknowledged; all'),
  from: z.iso.datetime({ offset: true }).optional().describe('last raised at or after'),
  to: z.iso.datetime({ offset: true }).optional().describe('last raised before'),
});
const AlertQuery = AlertFilters.extend({
  acknowledged: z.enum(['true', 'false']).optional().describe('true: acknowledged since last raised; false: not'),
});
type AlertQuery = z.infer<typeof AlertQuery>;

const AckBody = z
  .object({
    alertKeys: z
      .array(plainText({ max: 300 }))
      .min(1)
      .max(500)
      .optional()
      .describe('these alerts'),
    filter: AlertFilters.optional().describe(`every unacknowledged alert matching it (at most ${ACK_BY_FILTER_MAX} a request)`),
  })
  .refine((b) => (b.alertKeys === undefined) !== (b.filter === undefined), {
    message: '请给出告警编号（alertKeys）或筛选条件（filter），二者选一 (give alertKeys or filter, not both)',
    path: ['alertKeys'],
  });

const AckAnswer = z.object({
  results: z.array(z.object({ alertKey: z.string(), result: AckResult })).describe('one per alert named (by filter: per alert acknowledged)'),
  acknowledged: z.array(z.string()).describe('acknowledged now or before (since last raised)'),
  unknown: z.array(z.string()),
  more: z.boolean().describe('by filter: more matching alerts remain unacknowledged; send the request again'),
});

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
const cityOf = (p: Principal, asked?: string) => (isCityRole(p.role) ? p.cityCode : (asked ?? null));

function whereOf(p: Principal, q: z.infer<typeof AlertFilters> & { acknowledged?: AlertQuery['acknowledged'] }): AlertWhere {
  return {
    cityCode: cityOf(p, q.cityCode),
    campaignId: q.campaignId ?? null,
    level: q.level ?? null,
    kind: q.kind ?? null,
    acknowledged: q.acknowledged === undefined ? null : q.acknowledged === 'true',
    state: q.state,
    from: q.from ?? null,
    to: q.to ?? null,
  };
}

export function registerAlertRoutes(app: ZodApp, ctx: RouteContext): void {
  const { pool } = ctx;

  app.get(
    '/alerts',
    {
      config: { action: 'alert.list', access: { roles: READ_ALL, city: { kind: 'filter' } } },
      schema: {
        summary: 'Alerts, newest first, filtered and paged (a city officer sees their own city only)',
        tags: tags.alerts,
        querystring: Page.extend(AlertQuery.shape),
        response: { 200: AlertPage, ...problemResponses(400, 401, 403) },
      },
    },
    async (req) => listAlerts(pool, { ...whereOf(req.principal!, req.query), page: req.query.page, pageSize: req.query.pageSize }),
  );

  app.get(
    '/alerts/summary',
    {
      config: { action: 'alert.summary', access: { roles: READ_ALL, city: { kind: 'filter' } } },
      schema: {
        summary: "The alert board's counts: the alerts matching the filters grouped by city × kind",
        tags: tags.alerts,
        querystring: AlertQuery,
        response: { 200: AlertSummary, ...problemResponses(400, 401, 403) },
      },
    },
    async (req) => alertSummary(pool, whereOf(req.principal!, req.query)),
  );

  app.post(
    '/alerts/acknowledgements',
    {
      config: { action: 'alert.acknowledge', access: { roles: ACK_ROLES, city: { kind: 'none' } }, audit: true },
      schema: {
        summary:
          'Acknowledge alerts (seen and being handled), named or all matching a filter; idempotent (an acknowledged alert keeps its first acknowledgement); ' +
          'an alert raised again later needs a new acknowledgement',
        tags: tags.alerts,
        body: AckBody,
        response: { 200: AckAnswer, ...problemResponses(400, 401, 403) },
      },
    },
    async (req) => {
      const userId = req.principal!.userId;
      if (req.body.filter) {
        const where = whereOf(req.principal!, req.body.filter);
        const { keys, more } = await acknowledgeMatching(pool, where, userId, ACK_BY_FILTER_MAX);
        req.auditTarget = `alerts=${keys.length}`;
        req.auditDetail = { byFilter: req.body.filter, acknowledged: keys.length, more, alertKeys: keys.slice(0, 50) };
        return { results: keys.map((alertKey) => ({ alertKey, result: 'acknowledged' as const })), acknowledged: keys, unknown: [], more };
      }
      const keys = [...new Set(req.body.alertKeys ?? [])];
      const results = await acknowledgeAlerts(pool, keys, userId);
      req.auditTarget = keys.length === 1 ? `alert=${keys[0]}` : `alerts=${keys.length}`;
      req.auditDetail = { alertKeys: keys.slice(0, 50) };
      return {
        results: keys.map((alertKey) => ({ alertKey, result: results.get(alertKey)! })),
        acknowledged: keys.filter((k) => results.get(k) !== 'not_found'),
        unknown: keys.filter((k) => results.get(k) === 'not_found'),
        more: false,
      };
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
