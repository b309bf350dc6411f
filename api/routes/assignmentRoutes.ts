/**
 * Assignment of cases to named officers (承办人, issue 20 item 4): the city's officers; one case
 * assigned or reassigned; many cases by a rule (by district, certificate category or flag,
 * round-robin, or all to one officer) over the unassigned or filtered cases, previewed with the
 * counts per officer and then applied once per Idempotency-Key. Only the city's responsible person
 * (负责人) assigns; every officer of the city still decides any of its cases.
 */
import { z } from 'zod';
import {
  ASSIGNMENT_RULE_LABELS,
  AssignmentRule,
  countPerOfficer,
  OfficerUserId,
  officersOfRule,
  planAssignment,
  ruleGroups,
  type AssignmentDimension,
} from '../../domain/caseAssignment';
import { CERT_CATEGORY_LABELS, CertCategory } from '../../domain/certCategories';
import { districtName, DistrictCode } from '../../domain/districts';
import { FLAG_LABELS, FlagCode } from '../../domain/flags';
import { freeText, plainText } from '../../domain/text';
import { assignmentCandidates, type Candidate } from '../../readModel/assignmentCandidates';
import { CaseAssignment, caseAssignment, CityOfficers, cityOfficers } from '../../readModel/caseAssignments';
import { CaseStatus } from '../../readModel/worklist';
import { applyAssignmentPlan, assignCase } from '../../services/caseAssignment';
import { OFFICER, READ_ALL } from '../authz/access';
import { idempotencyKeyOf, runIdempotent } from '../http/idempotency';
import { problemResponses } from '../http/problem';
import type { RouteContext, ZodApp } from './context';
import { CaseParams, CityParams, tags } from './schemas';

const AssignmentReason = freeText({ max: 500 }).min(1).describe('改派理由: required when a case already has another 承办人');

const CaseAssigned = z.object({
  caseId: z.string(),
  changed: z.boolean().describe('false: the case had this 承办人 already (nothing recorded)'),
  assignment: CaseAssignment,
});

/** Which cases a bulk assignment runs over. */
const CaseSelection = z.object({
  caseIds: z
    .array(plainText({ max: 120 }))
    .min(1)
    .max(5000)
    .optional()
    .describe('only these cases (e.g. chosen on the worklist)'),
  status: CaseStatus.default('open').describe('default open'),
  unassignedOnly: z.boolean().default(true).describe('default true: only cases without a 承办人'),
  flag: FlagCode.optional(),
  certCategory: CertCategory.optional(),
  district: DistrictCode.optional().describe('a district code: cases whose district (as the rule reads it) is this one'),
});

const AssignmentRequest = z.object({
  cases: CaseSelection.default({ status: 'open', unassignedOnly: true }),
  rule: AssignmentRule,
  reason: AssignmentReason.optional(),
});
type AssignmentRequest = z.infer<typeof AssignmentRequest>;

const AssignmentPlan = z.object({
  rule: z.string().describe("the rule's kind"),
  ruleLabel: z.string(),
  cases: z.number().int().describe('cases selected'),
  assigned: z.number().int().describe('cases the rule gives an officer'),
  unchanged: z.number().int().describe('of those, cases that have that officer already'),
  reassigned: z.number().int().describe('of those, cases that move from another officer (a reason is required)'),
  unmatched: z.number().int().describe('cases no group of the rule takes: left as they are'),
  perOfficer: z.array(z.object({ officer: z.string(), cases: z.number().int() })).describe("cases per officer, in the rule's order"),
  groups: z.array(z.object({ match: z.string().nullable(), label: z.string(), officers: z.array(z.string()), cases: z.number().int() })),
  keys: z
    .array(z.object({ key: z.string(), label: z.string(), cases: z.number().int() }))
    .describe("the selected cases per key of the rule's dimension (a case with several keys counts under each), most first; for the rule's groups"),
  withoutKey: z.number().int().describe('selected cases without a key in the dimension (e.g. no district in the data)'),
});
type AssignmentPlan = z.infer<typeof AssignmentPlan>;

const AssignmentApplied = AssignmentPlan.extend({
  changed: z.number().int().describe('cases whose 承办人 this run recorded (one history row each)'),
  batchKey: z.string().describe('the Idempotency-Key: each history row of this run carries it'),
});

const idempotencyHeader = z.object({ 'idempotency-key': plainText({ min: 8, max: 128 }).describe('the same key twice applies the assignment once') });

function keyLabel(dimension: AssignmentDimension, key: string): string {
  if (dimension === 'district') return districtName(key);
  if (dimension === 'certCategory') return CERT_CATEGORY_LABELS[key as CertCategory] ?? key;
  return FLAG_LABELS[key as FlagCode] ?? key;
}

/** The dimension the rule reads keys in (officer and round-robin read none: district, for the key counts shown). */
const dimensionOf = (rule: AssignmentRule): AssignmentDimension => (rule.kind === 'officer' || rule.kind === 'roundRobin' ? 'district' : rule.kind);

function summarise(candidates: Candidate[], req: AssignmentRequest): { plan: AssignmentPlan; assignments: { caseId: string; assignee: string }[] } {
  const { rule } = req;
  const dimension = dimensionOf(rule);
  const planned = planAssignment(candidates, rule);
  const before = new Map(candidates.map((c) => [c.caseId, c.assignee]));
  const assignments = planned.flatMap((p) => (p.assignee === null ? [] : [{ caseId: p.caseId, assignee: p.assignee }]));
  const keyCounts = new Map<string, number>();
  for (const c of candidates) for (const k of c.keys) keyCounts.set(k, (keyCounts.get(k) ?? 0) + 1);
  const groups = ruleGroups(rule);
  return {
    assignments,
    plan: {
      rule: rule.kind,
      ruleLabel: ASSIGNMENT_RULE_LABELS[rule.kind],
      cases: candidates.length,
      assigned: assignments.length,
      unchanged: assignments.filter((a) => before.get(a.caseId) === a.assignee).length,
      reassigned: assignments.filter((a) => before.get(a.caseId) !== null && before.get(a.caseId) !== a.assignee).length,
      unmatched: planned.length - assignments.length,
      perOfficer: countPerOfficer(planned, rule),
      groups: groups.map((g, i) => ({
        match: g.match,
        label: g.match === null ? '其余案件' : keyLabel(dimension, g.match),
        officers: g.officers,
        cases: planned.filter((p) => p.group === i).length,
      })),
      keys: [...keyCounts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([key, cases]) => ({ key, label: keyLabel(dimension, key), cases })),
      withoutKey: candidates.filter((c) => c.keys.length === 0).length,
    },
  };
}

export function registerAssignmentRoutes(app: ZodApp, ctx: RouteContext): void {
  const { pool } = ctx;

  app.get(
    '/campaigns/:campaignId/cities/:cityCode/officers',
    {
      config: { action: 'officer.list', access: { roles: READ_ALL, city: { kind: 'param', param: 'cityCode' } } },
      schema: {
        summary: "The city's officers (local users of role city_officer) with their assigned cases in the campaign: the 承办人 to choose from",
        tags: tags.cases,
        params: CityParams,
        response: { 200: CityOfficers, ...problemResponses(400, 401, 403) },
      },
    },
    async (req) => cityOfficers(pool, req.params.campaignId, req.params.cityCode),
  );

  app.post(
    '/cases/:caseId/assignment',
    {
      config: { action: 'case.assign', access: { roles: OFFICER, city: { kind: 'case', param: 'caseId' }, responsible: true }, audit: true },
      schema: {
        summary: 'Assign the case to a named officer of its city (承办人), or reassign it (a reason required); the history keeps every assignment',
        tags: tags.cases,
        params: CaseParams,
        headers: idempotencyHeader.partial(),
        body: z.object({ assignee: OfficerUserId, reason: AssignmentReason.optional() }),
        response: { 200: CaseAssigned, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req, reply) => {
      const ref = req.caseRef!;
      const key = idempotencyKeyOf(req, false);
      const res = await runIdempotent(pool, req, key, async () => {
        const r = await assignCase(pool, ref, req.body.assignee, { userId: req.principal!.userId }, req.body.reason);
        req.auditDetail = { assignee: req.body.assignee, previous: r.previous, changed: r.changed };
        return { status: 200, body: { caseId: ref.caseId, changed: r.changed, assignment: await caseAssignment(pool, ref.caseId, true) } };
      });
      if (res.replayed) reply.header('idempotent-replay', 'true');
      return CaseAssigned.parse(res.body);
    },
  );

  app.post(
    '/campaigns/:campaignId/cities/:cityCode/assignments/preview',
    {
      config: { action: 'case.assign_preview', access: { roles: OFFICER, city: { kind: 'param', param: 'cityCode' }, responsible: true } },
      schema: {
        summary:
          'What a bulk assignment would do: the cases it selects, per officer and per group, and the keys (districts, categories, flags) they have; records nothing',
        tags: tags.cases,
        params: CityParams,
        body: AssignmentRequest,
        response: { 200: AssignmentPlan, ...problemResponses(400, 401, 403) },
      },
    },
    async (req) => {
      const candidates = await assignmentCandidates(pool, { ...req.params, ...req.body.cases }, dimensionOf(req.body.rule));
      return summarise(candidates, req.body).plan;
    },
  );

  app.post(
    '/campaigns/:campaignId/cities/:cityCode/assignments',
    {
      config: { action: 'case.assign_bulk', access: { roles: OFFICER, city: { kind: 'param', param: 'cityCode' }, responsible: true }, audit: true },
      schema: {
        summary:
          'Assign many cases by a rule (district, certificate category, flag, round-robin, or one officer) as the preview shows; ' +
          'deterministic (case-number order), once per Idempotency-Key; cases that have their planned officer already are left alone',
        tags: tags.cases,
        params: CityParams,
        headers: idempotencyHeader.partial(),
        body: AssignmentRequest,
        response: { 200: AssignmentApplied, ...problemResponses(400, 401, 403, 409, 422) },
      },
    },
    async (req, reply) => {
      const key = idempotencyKeyOf(req, true)!;
      const { campaignId, cityCode } = req.params;
      const body = req.body;
      req.auditTarget = `campaignId=${campaignId},cityCode=${cityCode}`;
      const res = await runIdempotent(pool, req, key, async () => {
        let plan: AssignmentPlan | undefined;
        const { changes } = await applyAssignmentPlan(
          pool,
          { campaignId, cityCode },
          officersOfRule(body.rule),
          async () => {
            const s = summarise(await assignmentCandidates(pool, { campaignId, cityCode, ...body.cases }, dimensionOf(body.rule)), body);
            plan = s.plan;
            return s.assignments;
          },
          { userId: req.principal!.userId },
          { method: body.rule.kind === 'officer' && body.cases.caseIds ? 'bulk' : 'rule', rule: body.rule, batchKey: key, reason: body.reason },
        );
        return { status: 200, body: { ...plan!, changed: changes.length, batchKey: key } };
      });
      const answer = AssignmentApplied.parse(res.body);
      req.auditDetail = { rule: answer.rule, cases: answer.cases, changed: answer.changed, perOfficer: answer.perOfficer, idempotencyKey: key };
      if (res.replayed) reply.header('idempotent-replay', 'true');
      return answer;
    },
  );
}
