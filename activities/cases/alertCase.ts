/**
 * Reminders to the officer, escalations to supervisors and the overdue alert of an undecided
 * case: recorded on the case and raised through the campaign's alert read model (idempotent by
 * alert key and occurrence). Messages are Chinese and carry the case number only.
 */
import type { Pool } from 'pg';
import { z } from 'zod';
import { CampaignId, CityCode } from '../../domain/campaignConfig';
import { cityName } from '../../domain/cities';
import { IsoDate } from '../../domain/calendar';
import { raiseAlert, type RaiseAlertResult } from '../alerts/raiseAlert';
import { CaseNotFoundError } from '../../domain/errors';

export const CaseAlertKind = z.enum(['reminder', 'escalation', 'overdue']);
export type CaseAlertKind = z.infer<typeof CaseAlertKind>;

export const AlertCaseInput = z.object({
  campaignId: CampaignId,
  cityCode: CityCode,
  caseId: z.string().min(1),
  kind: CaseAlertKind,
  /** The reminder's number (1, 2, ...); 1 for the others. */
  occurrence: z.number().int().min(1).default(1),
  /** Calendar days since the case opened. */
  daysOpen: z.number().int().min(0),
  /** The deadline day that passed (overdue only). */
  dueDate: IsoDate.optional(),
  /** Workflow time (ISO). */
  at: z.iso.datetime({ offset: true }),
});
export type AlertCaseInput = z.input<typeof AlertCaseInput>;

/** Every alert about one case shares this prefix, so closing the case resolves them together. */
export function caseAlertPrefix(campaignId: string, cityCode: string, caseId: string): string {
  return `campaign/${campaignId}/city/${cityCode}/case/${caseId}/`;
}

const MARK_SQL: Record<CaseAlertKind, string> = {
  reminder: 'UPDATE case_file SET reminded_at = $2, reminders = greatest(reminders, $3) WHERE case_id = $1 RETURNING case_no',
  escalation: 'UPDATE case_file SET escalated_at = coalesce(escalated_at, $2) WHERE case_id = $1 AND $3 > 0 RETURNING case_no',
  overdue: 'UPDATE case_file SET overdue_at = coalesce(overdue_at, $2) WHERE case_id = $1 AND $3 > 0 RETURNING case_no',
};

export async function alertCase(pool: Pool, raw: AlertCaseInput): Promise<RaiseAlertResult> {
  const a = AlertCaseInput.parse(raw);
  const marked = await pool.query<{ case_no: string }>(MARK_SQL[a.kind], [a.caseId, a.at, a.occurrence]);
  if (marked.rowCount === 0) throw new CaseNotFoundError(a.caseId);
  const caseNo = marked.rows[0].case_no;
  const city = cityName(a.cityCode);
  const prefix = caseAlertPrefix(a.campaignId, a.cityCode, a.caseId);
  const common = { campaignId: a.campaignId, cityCode: a.cityCode, phase: 'investigation', caseId: a.caseId, raisedAt: a.at };
  switch (a.kind) {
    case 'reminder':
      return raiseAlert(pool, {
        ...common,
        alertKey: `${prefix}reminder`,
        occurrence: a.occurrence,
        level: 'warning',
        kind: 'case_reminder',
        message: `${city}案件 ${caseNo} 立案已满 ${a.daysOpen} 天仍未作出核查结论，请承办人员尽快核实处理（第 ${a.occurrence} 次提醒）。`,
      });
    case 'escalation':
      return raiseAlert(pool, {
        ...common,
        alertKey: `${prefix}escalation`,
        level: 'critical',
        kind: 'case_escalation',
        message: `${city}案件 ${caseNo} 立案已满 ${a.daysOpen} 天仍未作出核查结论，提请督办。`,
      });
    case 'overdue':
      return raiseAlert(pool, {
        ...common,
        alertKey: `${prefix}overdue/${a.dueDate ?? 'deadline'}`,
        level: 'critical',
        kind: 'case_overdue',
        message: `${city}案件 ${caseNo} 已过排查截止日期${a.dueDate ? `（${a.dueDate}）` : ''}仍未办结，提请督办。`,
      });
  }
}
