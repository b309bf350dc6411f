/** Alerts for supervisors, kept in the read model (table `alert`) and keyed by a business key. */
import type { Pool } from 'pg';
import { z } from 'zod';
import { CityCode } from '../../domain/cityCode';

export const AlertLevel = z.enum(['info', 'warning', 'critical']);
export type AlertLevel = z.infer<typeof AlertLevel>;

export const RaiseAlertInput = z.object({
  /** Business key, e.g. `campaign/c1/city/2201/selfCheck/overdue/2024-10-31`. Same key = same alert. */
  alertKey: z.string().min(1).max(300),
  level: AlertLevel,
  kind: z.string().min(1).max(80),
  campaignId: z.string().min(1),
  cityCode: CityCode.optional(),
  phase: z.string().min(1).optional(),
  caseId: z.string().min(1).optional(),
  /** Chinese, for supervisors; never an ID number or a name. */
  message: z.string().min(1).max(2000),
  /**
   * Which repetition this is (1 = first). Raising again with the same or a lower occurrence is a
   * no-op, so an activity retry never counts twice; a higher one bumps repeat_count and reopens.
   */
  occurrence: z.number().int().min(1).default(1),
  /** When it happened in workflow time (ISO); a workflow passes its own clock. Default: now. */
  raisedAt: z.string().datetime({ offset: true }).optional(),
});
export type RaiseAlertInput = z.input<typeof RaiseAlertInput>;

export interface RaiseAlertResult {
  alertKey: string;
  repeatCount: number;
  /** True when this call created the alert or advanced its occurrence (false on a replayed retry). */
  changed: boolean;
}

/** Idempotent by alertKey (+ occurrence): creates the alert, or records its repetition. */
export async function raiseAlert(pool: Pool, raw: RaiseAlertInput): Promise<RaiseAlertResult> {
  const a = RaiseAlertInput.parse(raw);
  const at = a.raisedAt ?? new Date().toISOString();
  const { rows } = await pool.query<{ repeat_count: number; inserted: boolean }>(
    `INSERT INTO alert AS x (alert_key, level, kind, campaign_id, city_code, phase, case_id, message,
                             raised_at, last_raised_at, repeat_count)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10)
     ON CONFLICT (alert_key) DO UPDATE
       SET level = EXCLUDED.level, message = EXCLUDED.message, last_raised_at = EXCLUDED.last_raised_at,
           repeat_count = EXCLUDED.repeat_count, resolved_at = NULL, delivery_status = 'pending'
       WHERE x.repeat_count < EXCLUDED.repeat_count
     RETURNING repeat_count, (xmax = 0) AS inserted`,
    [a.alertKey, a.level, a.kind, a.campaignId, a.cityCode ?? null, a.phase ?? null, a.caseId ?? null, a.message, at, a.occurrence],
  );
  if (rows.length > 0) return { alertKey: a.alertKey, repeatCount: rows[0].repeat_count, changed: true };
  const current = await pool.query<{ repeat_count: number }>('SELECT repeat_count FROM alert WHERE alert_key = $1', [a.alertKey]);
  return { alertKey: a.alertKey, repeatCount: current.rows[0]?.repeat_count ?? a.occurrence, changed: false };
}
