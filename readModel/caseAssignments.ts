/**
 * Assignment as officials read it (issue 20 item 4): the city's officers who can be assigned cases,
 * with their open cases; one case's 承办人 and its history, oldest first. The assigning officer's
 * reason is free text: officers and coordinators read it, supervisors and auditors do not (as the
 * carry-over reason in caseDetail.ts).
 */
import type { Pool } from 'pg';
import { z } from 'zod';
import { BigintColumn, Instant, instant, parseRows, TimestampColumn } from './sqlTypes';

const OfficerRow = z.object({
  username: z.string(),
  display_name: z.string(),
  responsible: z.boolean(),
  assigned_open: z.number().int(),
  assigned_all: z.number().int(),
});

export const CityOfficer = z.object({
  userId: z.string().describe('the user name, as assignments and the audit log name the officer'),
  displayName: z.string(),
  responsible: z.boolean().describe("the city's responsible person (负责人), who assigns"),
  openCases: z.number().int().describe('open cases of this campaign assigned to the officer'),
  assignedCases: z.number().int().describe('cases of this campaign assigned to the officer, any status'),
});
export type CityOfficer = z.infer<typeof CityOfficer>;

export const CityOfficers = z.object({ cityCode: z.string(), campaignId: z.string(), officers: z.array(CityOfficer) });
export type CityOfficers = z.infer<typeof CityOfficers>;

/** The city's active local officers, by user name, with their assigned cases in the campaign. */
export async function cityOfficers(pool: Pool, campaignId: string, cityCode: string): Promise<CityOfficers> {
  const { rows } = await pool.query(
    `SELECT u.username, u.display_name, u.responsible,
            count(c.case_id) FILTER (WHERE c.status = 'open')::int AS assigned_open,
            count(c.case_id)::int AS assigned_all
     FROM app_user u
     LEFT JOIN case_assignment a ON a.assignee = u.username
     LEFT JOIN case_file c ON c.case_id = a.case_id AND c.campaign_id = $1
     WHERE u.role = 'city_officer' AND u.city_code = $2 AND u.disabled_at IS NULL
     GROUP BY u.username, u.display_name, u.responsible
     ORDER BY u.username`,
    [campaignId, cityCode],
  );
  return {
    campaignId,
    cityCode,
    officers: parseRows(OfficerRow, rows).map((r) => ({
      userId: r.username,
      displayName: r.display_name,
      responsible: r.responsible,
      openCases: r.assigned_open,
      assignedCases: r.assigned_all,
    })),
  };
}

export const AssignmentMethod = z.enum(['manual', 'bulk', 'rule']);

const EventRow = z.object({
  id: BigintColumn,
  assignee: z.string(),
  assignee_name: z.string().nullable(),
  previous: z.string().nullable(),
  previous_name: z.string().nullable(),
  assigned_by: z.string(),
  method: AssignmentMethod,
  rule: z.record(z.string(), z.unknown()).nullable(),
  batch_key: z.string().nullable(),
  reason: z.string().nullable(),
  assigned_at: TimestampColumn,
});

export const AssignmentEvent = z.object({
  id: z.number().int(),
  assignee: z.string(),
  assigneeName: z.string().nullable(),
  previous: z.string().nullable().describe('the 承办人 before (null: unassigned)'),
  previousName: z.string().nullable(),
  assignedBy: z.string().describe('the responsible person who assigned'),
  method: AssignmentMethod.describe('manual: one case; bulk: chosen cases to one officer; rule: a rule over the city’s cases'),
  rule: z.string().nullable().describe("the rule's kind (district, certCategory, flag, roundRobin, officer) when method is rule or bulk"),
  batchKey: z.string().nullable().describe("the bulk run's Idempotency-Key"),
  reason: z.string().nullable().optional().describe('officers and coordinators only'),
  assignedAt: Instant,
});
export type AssignmentEvent = z.infer<typeof AssignmentEvent>;

export const CaseAssignment = z.object({
  assignee: z.string().nullable().describe('the current 承办人 (null: unassigned)'),
  assigneeName: z.string().nullable(),
  assignedAt: Instant.nullable(),
  history: z.array(AssignmentEvent).describe('every assignment and reassignment, oldest first; never rewritten'),
});
export type CaseAssignment = z.infer<typeof CaseAssignment>;

export async function caseAssignment(pool: Pool, caseId: string, persons: boolean): Promise<CaseAssignment> {
  const { rows } = await pool.query(
    `SELECT e.id, e.assignee, ua.display_name AS assignee_name, e.previous, up.display_name AS previous_name, e.assigned_by,
            e.method, e.rule, e.batch_key, e.reason, e.assigned_at
     FROM case_assignment_event e
     LEFT JOIN app_user ua ON ua.username = e.assignee
     LEFT JOIN app_user up ON up.username = e.previous
     WHERE e.case_id = $1 ORDER BY e.id`,
    [caseId],
  );
  const history = parseRows(EventRow, rows).map((e): AssignmentEvent => ({
    id: e.id,
    assignee: e.assignee,
    assigneeName: e.assignee_name,
    previous: e.previous,
    previousName: e.previous_name,
    assignedBy: e.assigned_by,
    method: e.method,
    rule: typeof e.rule?.kind === 'string' ? e.rule.kind : null,
    batchKey: e.batch_key,
    ...(persons ? { reason: e.reason } : {}),
    assignedAt: instant(e.assigned_at),
  }));
  // The current assignment is the last event (case_assignment mirrors it for the worklist's join).
  const last = history.at(-1);
  return { assignee: last?.assignee ?? null, assigneeName: last?.assigneeName ?? null, assignedAt: last?.assignedAt ?? null, history };
}
