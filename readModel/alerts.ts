/** Alerts as supervisors read them: the board, the rows raised since an instant (the live stream), acknowledgements. */
import type { Pool } from 'pg';
import { z } from 'zod';
import { Instant, instant, instantOrNull, parseRows, TimestampColumn } from './sqlTypes';

export const AlertLevel = z.enum(['info', 'warning', 'critical']);
export type AlertLevel = z.infer<typeof AlertLevel>;

const AlertRow = z.object({
  alert_key: z.string(),
  level: AlertLevel,
  kind: z.string(),
  campaign_id: z.string(),
  city_code: z.string().nullable(),
  phase: z.string().nullable(),
  case_id: z.string().nullable(),
  message: z.string(),
  raised_at: TimestampColumn,
  last_raised_at: TimestampColumn,
  repeat_count: z.number().int(),
  resolved_at: TimestampColumn.nullable(),
  acknowledged_at: TimestampColumn.nullable(),
  acknowledged_by: z.string().nullable(),
});
type AlertRow = z.infer<typeof AlertRow>;

export const Alert = z.object({
  alertKey: z.string(),
  level: AlertLevel,
  kind: z.string(),
  campaignId: z.string(),
  cityCode: z.string().nullable(),
  phase: z.string().nullable(),
  caseId: z.string().nullable(),
  message: z.string(),
  raisedAt: Instant,
  lastRaisedAt: Instant.describe('also the stream event id: resume after it with Last-Event-ID'),
  repeatCount: z.number().int(),
  resolvedAt: Instant.nullable(),
  acknowledgedAt: Instant.nullable(),
  acknowledgedBy: z.string().nullable(),
});
export type Alert = z.infer<typeof Alert>;

const COLUMNS = `alert_key, level, kind, campaign_id, city_code, phase, case_id, message, raised_at, last_raised_at, repeat_count,
  resolved_at, acknowledged_at, acknowledged_by`;

function toAlert(r: AlertRow): Alert {
  return {
    alertKey: r.alert_key,
    level: r.level,
    kind: r.kind,
    campaignId: r.campaign_id,
    cityCode: r.city_code,
    phase: r.phase,
    caseId: r.case_id,
    message: r.message,
    raisedAt: instant(r.raised_at),
    lastRaisedAt: instant(r.last_raised_at),
    repeatCount: r.repeat_count,
    resolvedAt: instantOrNull(r.resolved_at),
    acknowledgedAt: instantOrNull(r.acknowledged_at),
    acknowledgedBy: r.acknowledged_by,
  };
}

/**
 * Acknowledged: seen by a supervisor since the alert was last raised. An alert raised again after
 * its acknowledgement (a repeat bumps last_raised_at) counts as unacknowledged until acknowledged again.
 */
const ACKNOWLEDGED = 'acknowledged_at IS NOT NULL AND acknowledged_at >= last_raised_at';

export const AlertState = z.enum(['open', 'unacknowledged', 'all']);

/** What the board filters on; every field optional (null: no restriction). */
export interface AlertWhere {
  /** null: every city. */
  cityCode: string | null;
  campaignId: string | null;
  level: AlertLevel | null;
  kind: string | null;
  /** true: acknowledged since last raised; false: not. */
  acknowledged: boolean | null;
  /** open: not resolved; unacknowledged: as acknowledged=false; all. */
  state: z.infer<typeof AlertState>;
  /** lastRaisedAt ≥ from, < to (ISO instants). */
  from: string | null;
  to: string | null;
}

function whereSql(f: AlertWhere): { sql: string; args: unknown[] } {
  const args: unknown[] = [];
  const where: string[] = [];
  const add = (sql: string, v: unknown) => {
    args.push(v);
    where.push(sql.replace('?', `$${args.length}`));
  };
  if (f.cityCode !== null) add('city_code = ?', f.cityCode);
  if (f.campaignId !== null) add('campaign_id = ?', f.campaignId);
  if (f.level !== null) add('level = ?', f.level);
  if (f.kind !== null) add('kind = ?', f.kind);
  if (f.from !== null) add('last_raised_at >= ?', f.from);
  if (f.to !== null) add('last_raised_at < ?', f.to);
  if (f.acknowledged === true) where.push(`(${ACKNOWLEDGED})`);
  if (f.acknowledged === false || f.state === 'unacknowledged') where.push(`NOT coalesce(${ACKNOWLEDGED}, false)`);
  if (f.state === 'open') where.push('resolved_at IS NULL');
  return { sql: where.length > 0 ? where.join(' AND ') : 'true', args };
}

export const AlertPage = z.object({
  items: z.array(Alert),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int().describe('alerts matching the filters, over every page'),
});
export type AlertPage = z.infer<typeof AlertPage>;

/** Newest first, one page, with the total. */
export async function listAlerts(pool: Pool, f: AlertWhere & { page: number; pageSize: number }): Promise<AlertPage> {
  const w = whereSql(f);
  const n = w.args.length;
  const [total, rows] = await Promise.all([
    pool.query(`SELECT count(*)::int AS n FROM alert WHERE ${w.sql}`, w.args),
    pool.query(`SELECT ${COLUMNS} FROM alert WHERE ${w.sql} ORDER BY last_raised_at DESC, alert_key LIMIT $${n + 1} OFFSET $${n + 2}`, [
      ...w.args,
      f.pageSize,
      (f.page - 1) * f.pageSize,
    ]),
  ]);
  return {
    items: parseRows(AlertRow, rows.rows).map(toAlert),
    page: f.page,
    pageSize: f.pageSize,
    total: z.object({ n: z.number().int() }).parse(total.rows[0]).n,
  };
}

const AlertGroupRow = z.object({
  city_code: z.string().nullable(),
  kind: z.string(),
  total: z.number().int(),
  open: z.number().int(),
  unacknowledged: z.number().int(),
  critical: z.number().int(),
  warning: z.number().int(),
  info: z.number().int(),
  last_raised_at: TimestampColumn,
});

export const AlertGroup = z.object({
  cityCode: z.string().nullable().describe("null: the province's alerts"),
  kind: z.string(),
  total: z.number().int(),
  open: z.number().int().describe('not resolved'),
  unacknowledged: z.number().int().describe('not acknowledged since last raised'),
  byLevel: z.object({ critical: z.number().int(), warning: z.number().int(), info: z.number().int() }),
  lastRaisedAt: Instant,
});

export const AlertSummary = z.object({
  groups: z.array(AlertGroup).describe('one per city × kind with any matching alert, by city then kind'),
  total: z.number().int(),
  unacknowledged: z.number().int(),
});
export type AlertSummary = z.infer<typeof AlertSummary>;

/** The board's counts: the matching alerts grouped by city × kind. */
export async function alertSummary(pool: Pool, f: AlertWhere): Promise<AlertSummary> {
  const w = whereSql(f);
  const { rows } = await pool.query(
    `SELECT city_code::text, kind, count(*)::int AS total, count(*) FILTER (WHERE resolved_at IS NULL)::int AS open,
            count(*) FILTER (WHERE NOT coalesce(${ACKNOWLEDGED}, false))::int AS unacknowledged,
            count(*) FILTER (WHERE level = 'critical')::int AS critical, count(*) FILTER (WHERE level = 'warning')::int AS warning,
            count(*) FILTER (WHERE level = 'info')::int AS info, max(last_raised_at) AS last_raised_at
     FROM alert WHERE ${w.sql} GROUP BY city_code, kind ORDER BY city_code NULLS FIRST, kind`,
    w.args,
  );
  const groups = parseRows(AlertGroupRow, rows).map((r) => ({
    cityCode: r.city_code,
    kind: r.kind,
    total: r.total,
    open: r.open,
    unacknowledged: r.unacknowledged,
    byLevel: { critical: r.critical, warning: r.warning, info: r.info },
    lastRaisedAt: instant(r.last_raised_at),
  }));
  return {
    groups,
    total: groups.reduce((a, g) => a + g.total, 0),
    unacknowledged: groups.reduce((a, g) => a + g.unacknowledged, 0),
  };
}

/** Raised or raised again after `since` (ISO instant), oldest first: what a stream has not sent yet. */
export async function alertsRaisedSince(pool: Pool, f: { cityCode: string | null; campaignId: string | null; since: string }): Promise<Alert[]> {
  const { rows } = await pool.query(
    `SELECT ${COLUMNS} FROM alert WHERE last_raised_at > $1 AND ($2::text IS NULL OR city_code = $2) AND ($3::text IS NULL OR campaign_id = $3)
     ORDER BY last_raised_at, alert_key LIMIT 500`,
    [f.since, f.cityCode, f.campaignId],
  );
  return parseRows(AlertRow, rows).map(toAlert);
}

export const AckResult = z.enum(['acknowledged', 'already_acknowledged', 'not_found']);
export type AckResult = z.infer<typeof AckResult>;

/**
 * Marks the alerts seen by `userId`, once: an alert acknowledged since it was last raised keeps
 * its acknowledgement (and who gave it), so a repeated request changes nothing. Answers each key's result.
 */
export async function acknowledgeAlerts(pool: Pool, alertKeys: string[], userId: string): Promise<Map<string, AckResult>> {
  const { rows } = await pool.query(
    `WITH found AS (SELECT alert_key, coalesce(${ACKNOWLEDGED}, false) AS already FROM alert WHERE alert_key = ANY($1::text[]) FOR UPDATE),
          done AS (UPDATE alert a SET acknowledged_at = now(), acknowledged_by = $2 FROM found f WHERE a.alert_key = f.alert_key AND NOT f.already)
     SELECT alert_key, already FROM found`,
    [alertKeys, userId],
  );
  const found = new Map(parseRows(z.object({ alert_key: z.string(), already: z.boolean() }), rows).map((r) => [r.alert_key, r.already]));
  return new Map(alertKeys.map((k): [string, AckResult] => [k, !found.has(k) ? 'not_found' : found.get(k) ? 'already_acknowledged' : 'acknowledged']));
}

/**
 * Acknowledges every unacknowledged alert matching the filter, at most `limit` of them (oldest
 * raised first); answers the keys acknowledged and whether more remain.
 */
export async function acknowledgeMatching(pool: Pool, f: AlertWhere, userId: string, limit: number): Promise<{ keys: string[]; more: boolean }> {
  const w = whereSql({ ...f, acknowledged: false });
  const n = w.args.length;
  const { rows } = await pool.query(
    `WITH pick AS (SELECT alert_key FROM alert WHERE ${w.sql} ORDER BY last_raised_at, alert_key LIMIT $${n + 1} FOR UPDATE SKIP LOCKED)
     UPDATE alert a SET acknowledged_at = now(), acknowledged_by = $${n + 2} FROM pick WHERE a.alert_key = pick.alert_key RETURNING a.alert_key`,
    [...w.args, limit, userId],
  );
  const keys = parseRows(z.object({ alert_key: z.string() }), rows)
    .map((r) => r.alert_key)
    .sort();
  const left = await pool.query(`SELECT EXISTS (SELECT 1 FROM alert WHERE ${w.sql}) AS more`, w.args);
  return { keys, more: z.object({ more: z.boolean() }).parse(left.rows[0]).more };
}
