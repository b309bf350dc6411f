/**
 * A complaint's reminder or overdue alert (docs/complaints.md): the alert table, as the cases' alerts,
 * keyed by the complaint's number, its time limit and the kind, so a retried activity raises it once.
 * The message names the number and the date only (no complainant, no subject).
 */
import type { Pool } from 'pg';
import { z } from 'zod';
import { shanghaiDate } from '../../domain/calendar';
import { raiseAlert, type RaiseAlertResult } from '../alerts/raiseAlert';

export const AlertComplaintInput = z.object({
  complaintNo: z.string().min(1),
  campaignId: z.string().min(1),
  cityCode: z.string().length(4),
  limit: z.enum(['accept', 'handle']),
  kind: z.enum(['reminder', 'overdue']),
  dueAt: z.iso.datetime({ offset: true }),
  at: z.iso.datetime({ offset: true }),
});
export type AlertComplaintInput = z.input<typeof AlertComplaintInput>;

const LIMIT_WORDS = { accept: '受理', handle: '办理答复' } as const;

export function alertComplaint(pool: Pool, raw: AlertComplaintInput): Promise<RaiseAlertResult> {
  const a = AlertComplaintInput.parse(raw);
  // The last day of the limit (the limit itself is the instant after it).
  const day = shanghaiDate(new Date(Date.parse(a.dueAt) - 1));
  const message =
    a.kind === 'reminder'
      ? `投诉举报 ${a.complaintNo} 的${LIMIT_WORDS[a.limit]}期限将于 ${day} 届满，请及时办理`
      : `投诉举报 ${a.complaintNo} 已超过${LIMIT_WORDS[a.limit]}期限（${day}），请立即办理`;
  return raiseAlert(pool, {
    alertKey: `complaint/${a.complaintNo}/${a.limit}/${a.kind}`,
    level: a.kind === 'overdue' ? 'critical' : 'warning',
    kind: `complaint_${a.limit}_${a.kind}`,
    campaignId: a.campaignId,
    cityCode: a.cityCode,
    phase: 'complaint',
    message,
    raisedAt: a.at,
  });
}
