/**
 * One case as an official opens it: the case, its evidence, penalties, ban, complaints and a
 * timeline in time order. Without `persons` (supervisors, auditors) it carries no name and no full
 * ID number (their masks only), no evidence contents, no decision payloads, no complaint texts and
 * no officer's free text (the carry-over reason). It names its campaign and city, so the page can
 * link back to the city's worklist.
 */
import type { Pool } from 'pg';
import { z } from 'zod';
import { maskIdNumber } from '../domain/idNumber';
import { maskPersonName } from '../domain/maskPersonalData';
import { CaseOutcome } from '../domain/outcomes';
import { PenaltyKind } from '../domain/penalties';
import { CaseAssignment, caseAssignment } from './caseAssignments';
import { DateText, Instant, instant, instantOrNull, parseRows, TimestampColumn } from './sqlTypes';
import { CaseOrigin, CaseStatus } from './worklist';

const CaseRow = z.object({
  case_id: z.string(),
  case_no: z.string(),
  campaign_id: z.string(),
  city_code: z.string(),
  status: CaseStatus,
  origin: CaseOrigin,
  reasons: z.array(z.string()),
  risk_score: z.number().int(),
  outcome: CaseOutcome.nullable(),
  decision: z.record(z.string(), z.unknown()).nullable(),
  decided_on: z.string().nullable(),
  decided_by: z.string().nullable(),
  liability: z.enum(['liable', 'exempt', 'none']).nullable(),
  exemption_basis: z.string().nullable(),
  liability_basis: z.string().nullable(),
  overridden: z.boolean(),
  reopenings: z.number().int(),
  id_number: z.string(),
  name: z.string().nullable(),
  opened_at: TimestampColumn,
  due_at: TimestampColumn.nullable(),
  ready_at: TimestampColumn.nullable(),
  evidence_at: TimestampColumn.nullable(),
  reminded_at: TimestampColumn.nullable(),
  reminders: z.number().int(),
  escalated_at: TimestampColumn.nullable(),
  overdue_at: TimestampColumn.nullable(),
  carried_over_at: TimestampColumn.nullable(),
  carry_over_reason: z.string().nullable(),
  closed_at: TimestampColumn.nullable(),
});
const EvidenceRow = z.object({ kind: z.string(), payload: z.unknown(), gathered_at: TimestampColumn });
const DecisionLogRow = z.object({
  action: z.enum(['decide', 'carry_over', 'provincial_penalty', 'reopen', 'override']),
  officer_id: z.string(),
  officer_role: z.string(),
  payload: z.unknown(),
  recorded_at: TimestampColumn,
});
const PenaltyRow = z.object({
  penalty_id: z.string(),
  kind: PenaltyKind,
  level: z.enum(['city', 'province']),
  imposed_on: z.string(),
  target: z.enum(['person', 'unit']),
  unit_name: z.string().nullable(),
  unit_code: z.string().nullable(),
  published: z.boolean(),
});
const ComplaintRow = z.object({ complaint_id: z.string(), received_at: TimestampColumn, channel: z.string(), content: z.string() });
const BanRow = z.object({ start_date: z.string(), end_date: z.string() });
const WithdrawnRow = PenaltyRow.extend({ withdrawn_at: TimestampColumn, withdrawn_because: z.enum(['reopen', 'override', 'redress']) });
const RequestRow = z.object({
  id: z.coerce.number().int(),
  received_at: TimestampColumn,
  processed_at: TimestampColumn.nullable(),
  outcome: z.string().nullable(),
});
const NamedRow = z.object({ submission_version: z.number().int(), named_by: z.string(), named_at: TimestampColumn });

const CasePenalty = z.object({
  penaltyId: z.string(),
  kind: PenaltyKind,
  level: z.enum(['city', 'province']),
  imposedOn: DateText,
  target: z.enum(['person', 'unit']),
  unitName: z.string().nullable(),
  unitCode: z.string().nullable(),
  published: z.boolean().describe('bad-conduct records go on the provincial public platform'),
});

const TimelineKind = z.enum([
  'opened',
  'evidence_gathered',
  'reminded',
  'escalated',
  'overdue',
  'complaint',
  'decide',
  'carry_over',
  'provincial_penalty',
  'carried_over',
  'closed',
  'deregistration_request',
  'named_for_reopening',
  'reopen',
  'override',
]);

const TimelineEntry = z.object({
  at: Instant,
  kind: TimelineKind,
  detail: z.record(z.string(), z.unknown()),
});
type TimelineEntry = z.infer<typeof TimelineEntry>;

export const CaseDetail = z.object({
  caseId: z.string(),
  caseNo: z.string(),
  campaignId: z.string(),
  cityCode: z.string(),
  status: CaseStatus,
  origin: CaseOrigin,
  reasons: z.array(z.string()).describe('flag codes'),
  riskScore: z.number().int(),
  outcome: CaseOutcome.nullable(),
  decidedOn: DateText.nullable(),
  decidedBy: z.string().nullable(),
  liability: z.enum(['liable', 'exempt', 'none']).nullable(),
  exemptionBasis: z.string().nullable(),
  liabilityBasis: z
    .string()
    .nullable()
    .describe(
      'why liable, exempt or neither: violation, rectified_in_self_check, late_correction, no_self_check_declaration, deregistration_during_case, no_liability',
    ),
  overridden: z.boolean().describe("the outcome is the province's (an override replaced the city's)"),
  reopenings: z.number().int().describe('times the city reopened the case at the province’s return'),
  dueAt: Instant.nullable(),
  openedAt: Instant,
  ready: z.boolean(),
  readyAt: Instant.nullable(),
  person: z
    .object({
      idNumber: z.string().optional(),
      name: z.string().nullable().optional(),
      idNumberMasked: z.string().optional(),
      nameMasked: z.string().nullable().optional(),
    })
    .describe('officers and coordinators: idNumber and name; supervisors and auditors: idNumberMasked and nameMasked (the surname only) instead'),
  decision: z.record(z.string(), z.unknown()).nullable().optional().describe('the recorded decision (officers and coordinators only)'),
  evidence: z.array(z.object({ kind: z.string(), gatheredAt: Instant, payload: z.unknown().optional() })),
  penalties: z.array(CasePenalty),
  withdrawnPenalties: z
    .array(CasePenalty.extend({ withdrawnAt: Instant, withdrawnBecause: z.enum(['reopen', 'override', 'redress']) }))
    .describe('penalties a reopening, an override or a redress result (revoked, changed) withdrew'),
  ban: z.object({ start: DateText, end: DateText }).nullable(),
  complaints: z.array(z.object({ complaintId: z.string(), receivedAt: Instant, channel: z.string(), content: z.string().optional() })),
  timeline: z.array(TimelineEntry),
  assignment: CaseAssignment.describe('the 承办人 and every assignment before (reasons: officers and coordinators only)'),
});
export type CaseDetail = z.infer<typeof CaseDetail>;

/** Undefined when there is no such case. */
export async function caseDetail(pool: Pool, caseId: string, persons: boolean): Promise<CaseDetail | undefined> {
  const [c, evidence, log, penalties, complaints, ban, withdrawn, requests, named, assignment] = await Promise.all([
    pool.query(
      `SELECT c.case_id, c.case_no, c.campaign_id, c.city_code, c.status, c.origin, c.reasons, c.risk_score, c.outcome, c.decision,
              to_char(c.decided_on, 'YYYY-MM-DD') AS decided_on, c.decided_by, c.liability, c.exemption_basis, c.liability_basis,
              c.overridden, c.reopenings, c.id_number, s.name,
              c.opened_at, c.due_at, c.ready_at, c.evidence_at, c.reminded_at, c.reminders, c.escalated_at, c.overdue_at,
              c.carried_over_at, c.carry_over_reason, c.closed_at
       FROM case_file c LEFT JOIN screening_result s ON s.run_id = c.screening_run_id AND s.id_number = c.id_number WHERE c.case_id = $1`,
      [caseId],
    ),
    pool.query('SELECT kind, payload, gathered_at FROM case_evidence WHERE case_id = $1 ORDER BY kind', [caseId]),
    pool.query('SELECT action, officer_id, officer_role, payload, recorded_at FROM decision_log WHERE case_id = $1 ORDER BY recorded_at', [caseId]),
    pool.query(
      `SELECT penalty_id, kind, level, to_char(imposed_on, 'YYYY-MM-DD') AS imposed_on, target, unit_name, unit_code, published
       FROM penalty WHERE case_id = $1 ORDER BY penalty_id`,
      [caseId],
    ),
    pool.query('SELECT complaint_id, received_at, channel, content FROM complaint WHERE case_id = $1 ORDER BY received_at', [caseId]),
    pool.query(`SELECT to_char(start_date, 'YYYY-MM-DD') AS start_date, to_char(end_date, 'YYYY-MM-DD') AS end_date FROM registration_ban WHERE case_id = $1`, [
      caseId,
    ]),
    pool.query(
      `SELECT penalty_id, kind, level, to_char(imposed_on, 'YYYY-MM-DD') AS imposed_on, target, unit_name, unit_code, published,
              withdrawn_at, withdrawn_because
       FROM penalty_withdrawn WHERE case_id = $1 ORDER BY withdrawn_at, penalty_id`,
      [caseId],
    ),
    pool.query('SELECT id, received_at, processed_at, outcome FROM deregistration_request WHERE case_id = $1 ORDER BY id', [caseId]),
    pool.query('SELECT submission_version, named_by, named_at FROM case_reopening WHERE case_id = $1 ORDER BY submission_version', [caseId]),
    caseAssignment(pool, caseId, persons),
  ]);
  if (!c.rows[0]) return undefined;
  const r = CaseRow.parse(c.rows[0]);
  const complaintRows = parseRows(ComplaintRow, complaints.rows);
  const banRow = ban.rows[0] ? BanRow.parse(ban.rows[0]) : undefined;
  const at = (kind: TimelineEntry['kind'], when: Date | null, detail: Record<string, unknown> = {}): TimelineEntry[] =>
    when ? [{ at: instant(when), kind, detail }] : [];
  const timeline: TimelineEntry[] = [
    ...at('opened', r.opened_at, { origin: r.origin }),
    ...at('evidence_gathered', r.evidence_at),
    ...at('reminded', r.reminded_at, { reminders: r.reminders }),
    ...at('escalated', r.escalated_at),
    ...at('overdue', r.overdue_at),
    ...complaintRows.flatMap((x) => at('complaint', x.received_at, { complaintId: x.complaint_id, channel: x.channel })),
    ...parseRows(DecisionLogRow, log.rows).flatMap((x) =>
      at(x.action, x.recorded_at, { by: x.officer_id, role: x.officer_role, ...(persons ? { payload: x.payload } : {}) }),
    ),
    // The reason is an officer's free text: officers and coordinators only.
    ...at('carried_over', r.carried_over_at, persons ? { reason: r.carry_over_reason } : {}),
    // A deregistration request made while the case was open belongs to it.
    ...parseRows(RequestRow, requests.rows).flatMap((x) =>
      at('deregistration_request', x.received_at, { requestId: x.id, processed: x.processed_at !== null, outcome: x.outcome }),
    ),
    ...parseRows(NamedRow, named.rows).flatMap((x) => at('named_for_reopening', x.named_at, { by: x.named_by, submissionVersion: x.submission_version })),
    ...at('closed', r.closed_at),
  ].sort((a, b) => a.at.localeCompare(b.at));
  return {
    caseId: r.case_id,
    caseNo: r.case_no,
    campaignId: r.campaign_id,
    cityCode: r.city_code,
    status: r.status,
    origin: r.origin,
    reasons: r.reasons,
    riskScore: r.risk_score,
    outcome: r.outcome,
    decidedOn: r.decided_on,
    decidedBy: r.decided_by,
    liability: r.liability,
    exemptionBasis: r.exemption_basis,
    liabilityBasis: r.liability_basis,
    overridden: r.overridden,
    reopenings: r.reopenings,
    dueAt: instantOrNull(r.due_at),
    openedAt: instant(r.opened_at),
    ready: r.ready_at !== null,
    readyAt: instantOrNull(r.ready_at),
    person: persons
      ? { idNumber: r.id_number, name: r.name }
      : { idNumberMasked: maskIdNumber(r.id_number), nameMasked: r.name === null ? null : maskPersonName(r.name) },
    ...(persons ? { decision: r.decision } : {}),
    evidence: parseRows(EvidenceRow, evidence.rows).map((e) => ({
      kind: e.kind,
      gatheredAt: instant(e.gathered_at),
      ...(persons ? { payload: e.payload } : {}),
    })),
    penalties: parseRows(PenaltyRow, penalties.rows).map((p) => ({
      penaltyId: p.penalty_id,
      kind: p.kind,
      level: p.level,
      imposedOn: p.imposed_on,
      target: p.target,
      unitName: p.unit_name,
      unitCode: p.unit_code,
      published: p.published,
    })),
    withdrawnPenalties: parseRows(WithdrawnRow, withdrawn.rows).map((p) => ({
      penaltyId: p.penalty_id,
      kind: p.kind,
      level: p.level,
      imposedOn: p.imposed_on,
      target: p.target,
      unitName: p.unit_name,
      unitCode: p.unit_code,
      published: p.published,
      withdrawnAt: instant(p.withdrawn_at),
      withdrawnBecause: p.withdrawn_because,
    })),
    ban: banRow ? { start: banRow.start_date, end: banRow.end_date } : null,
    complaints: complaintRows.map((x) => ({
      complaintId: x.complaint_id,
      receivedAt: instant(x.received_at),
      channel: x.channel,
      ...(persons ? { content: x.content } : {}),
    })),
    timeline,
    assignment,
  };
}
