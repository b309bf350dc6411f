/** Closing alerts once their cause is gone (a report submitted, a deadline extended). */
import type { Pool } from 'pg';
import { z } from 'zod';

export const ResolveAlertInput = z.object({
  alertKey: z.string().min(1),
  /** Workflow time (ISO); default now. */
  resolvedAt: z.string().datetime({ offset: true }).optional(),
});
export type ResolveAlertInput = z.input<typeof ResolveAlertInput>;

/** Idempotent: resolving a resolved or unknown alert changes nothing. Returns whether it closed one. */
export async function resolveAlert(pool: Pool, raw: ResolveAlertInput | string): Promise<boolean> {
  const a = ResolveAlertInput.parse(typeof raw === 'string' ? { alertKey: raw } : raw);
  const r = await pool.query('UPDATE alert SET resolved_at = $2 WHERE alert_key = $1 AND resolved_at IS NULL', [
    a.alertKey,
    a.resolvedAt ?? new Date().toISOString(),
  ]);
  return (r.rowCount ?? 0) > 0;
}

export const ResolveAlertsInput = z.object({
  /** Every open alert whose key starts with this prefix, e.g. `campaign/c1/city/2201/selfCheck/`. */
  keyPrefix: z.string().min(10),
  resolvedAt: z.string().datetime({ offset: true }).optional(),
});
export type ResolveAlertsInput = z.input<typeof ResolveAlertsInput>;

/** Resolves a deadline's whole family of alerts (due-soon and overdue) at once. */
export async function resolveAlerts(pool: Pool, raw: ResolveAlertsInput): Promise<number> {
  const a = ResolveAlertsInput.parse(raw);
  const escaped = a.keyPrefix.replace(/[\\%_]/g, (c) => `\\${c}`);
  const r = await pool.query(`UPDATE alert SET resolved_at = $2 WHERE alert_key LIKE $1 || '%' AND resolved_at IS NULL`, [
    escaped,
    a.resolvedAt ?? new Date().toISOString(),
  ]);
  return r.rowCount ?? 0;
}

/** A supervisor has seen the alert (from the API); it stays open until its cause is resolved. */
export async function acknowledgeAlert(pool: Pool, alertKey: string, by: string, at: Date = new Date()): Promise<boolean> {
  const r = await pool.query('UPDATE alert SET acknowledged_at = $3, acknowledged_by = $2 WHERE alert_key = $1 AND acknowledged_at IS NULL', [
    alertKey,
    by,
    at.toISOString(),
  ]);
  return (r.rowCount ?? 0) > 0;
}
