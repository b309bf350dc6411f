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

export interface AlertFilter {
  /** null: every city. */
  cityCode: string | null;
  campaignId: string | null;
  level: AlertLevel | null;
  state: 'open' | 'unacknowledged' | 'all';
  page: number;
  pageSize: number;
}

/** Newest first. */
export async function listAlerts(pool: Pool, f: AlertFilter): Promise<Alert[]> {
  const { rows } = await pool.query(
    `SELECT ${COLUMNS} FROM alert WHERE ($1::text IS NULL OR city_code = $1) AND ($2::text IS NULL OR campaign_id = $2) AND ($3::text IS NULL OR level = $3)
       AND ($4 = 'all' OR ($4 = 'open' AND resolved_at IS NULL) OR ($4 = 'unacknowledged' AND acknowledged_at IS NULL))
     ORDER BY last_raised_at DESC, alert_key LIMIT $5 OFFSET $6`,
    [f.cityCode, f.campaignId, f.level, f.state, f.pageSize, (f.page - 1) * f.pageSize],
  );
  return parseRows(AlertRow, rows).map(toAlert);
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

/** Marks the alerts seen by `userId`; answers the keys that exist. */
export async function acknowledgeAlerts(pool: Pool, alertKeys: string[], userId: string): Promise<Set<string>> {
  const { rows } = await pool.query(`UPDATE alert SET acknowledged_at = now(), acknowledged_by = $2 WHERE alert_key = ANY($1::text[]) RETURNING alert_key`, [
    alertKeys,
    userId,
  ]);
  return new Set(parseRows(z.object({ alert_key: z.string() }), rows).map((r) => r.alert_key));
}
