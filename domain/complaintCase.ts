/**
 * A complaint or tip as a case of its own (投诉举报, issue 20 items 1–2; docs/complaints.md): its
 * registration number, statuses, the officers' steps and which step each status allows. Pure; safe
 * in workflows.
 *
 *   registered ─accept→ accepted ─investigate→ investigating ─conclude→ concluded ─reply→ replied
 *       └──not_accept (with its reason)→ not_accepted
 * (an accepted complaint may be concluded without an investigation step of its own.)
 */
import { z } from 'zod';

export const ComplaintStatus = z.enum(['registered', 'accepted', 'not_accepted', 'investigating', 'concluded', 'replied']);
export type ComplaintStatus = z.infer<typeof ComplaintStatus>;

export const COMPLAINT_STATUS_LABELS: Record<ComplaintStatus, string> = {
  registered: '已登记',
  accepted: '已受理',
  not_accepted: '不予受理',
  investigating: '调查核实中',
  concluded: '已办结',
  replied: '已答复',
};

export const ComplaintStep = z.enum(['accept', 'not_accept', 'investigate', 'conclude', 'reply']);
export type ComplaintStep = z.infer<typeof ComplaintStep>;

export const COMPLAINT_STEP_LABELS: Record<ComplaintStep, string> = {
  accept: '受理',
  not_accept: '不予受理',
  investigate: '调查核实',
  conclude: '办结',
  reply: '答复投诉人',
};

/** The statuses each step may be taken from. */
export const STEP_FROM: Record<ComplaintStep, readonly ComplaintStatus[]> = {
  accept: ['registered'],
  not_accept: ['registered'],
  investigate: ['accepted'],
  conclude: ['accepted', 'investigating'],
  reply: ['concluded'],
};

export const STEP_TO: Record<ComplaintStep, ComplaintStatus> = {
  accept: 'accepted',
  not_accept: 'not_accepted',
  investigate: 'investigating',
  conclude: 'concluded',
  reply: 'replied',
};

/** Why a step cannot be taken now, in Chinese; undefined when it can. */
export function stepRefusal(status: ComplaintStatus, step: ComplaintStep): string | undefined {
  if (STEP_FROM[step].includes(status)) return undefined;
  return `投诉举报当前为「${COMPLAINT_STATUS_LABELS[status]}」，不能「${COMPLAINT_STEP_LABELS[step]}」`;
}

/** Where no more time limit runs: the complaint is answered or was not accepted. */
export const isFinished = (s: ComplaintStatus): boolean => s === 'replied' || s === 'not_accepted';

/** '2201-2026-000042': the city, the year received, a sequence gap-free per city and year. */
export const COMPLAINT_NO_PATTERN = /^\d{4}-\d{4}-\d{6}$/;
export const ComplaintNo = z.string().regex(COMPLAINT_NO_PATTERN, { error: '投诉举报编号格式应为 市州代码-年份-六位序号，如 2201-2026-000001' });

export function complaintNoOf(cityCode: string, year: number, seq: number): string {
  return `${cityCode}-${year}-${String(seq).padStart(6, '0')}`;
}

/**
 * The complaint's workflow: its campaign and its number (no personal datum in ids). The number alone
 * restarts with every database, so two databases on one Temporal namespace (a rebuilt demo, a training
 * copy, the test files) would reach each other's workflows; a campaign id is taken once per namespace.
 */
export function complaintWorkflowId(campaignId: string, complaintNo: string): string {
  return `complaint/${campaignId}/${complaintNo}`;
}

/** The province's time limits in calendar days (complaint_period_setting). */
export const ComplaintPeriods = z.object({
  acceptDays: z.number().int().min(1).max(365),
  handleDays: z.number().int().min(1).max(365),
  remindDaysBefore: z.number().int().min(0).max(60),
});
export type ComplaintPeriods = z.infer<typeof ComplaintPeriods>;

export const DAY_MS = 86_400_000;
