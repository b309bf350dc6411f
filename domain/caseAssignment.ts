/**
 * Assignment of cases to named officers (承办人, issue 20 item 4): the rules a city's responsible
 * person (负责人) applies in bulk, and the plan a rule makes of a set of cases. Pure and
 * deterministic: the same cases and the same rule always give the same officer per case, whatever
 * order the cases arrive in (they are taken in case-number order), so a preview and the assignment
 * it announces agree, and a repeated run changes nothing.
 */
import { z } from 'zod';
import { onField } from './fieldMessages';
import { plainText } from './text';

/** A local user's name (app_user.username): officers are the city's local users. */
export const OfficerUserId = z
  .string()
  .regex(/^[a-z0-9](?:[a-z0-9_-]|\.){1,62}$/, { error: onField('应为本市经办人的用户名') })
  .describe("a city officer's user name (GET …/officers)");

/** What a rule groups cases by. Where the data holds no district for a case, it matches only a catch-all group. */
export const AssignmentDimension = z.enum(['district', 'certCategory', 'flag']);
export type AssignmentDimension = z.infer<typeof AssignmentDimension>;

export const ASSIGNMENT_DIMENSION_LABELS: Record<AssignmentDimension, string> = {
  district: '按区县（注册单位所在地）',
  certCategory: '按注册类别',
  flag: '按疑点类型',
};

const Officers = z.array(OfficerUserId).min(1).max(50);

/** One group of a rule: the cases whose key is `match` (null: every case no earlier group took), shared round-robin among `officers`. */
export const AssignmentGroup = z.object({
  match: plainText({ min: 1, max: 40, trim: true })
    .nullable()
    .describe('a district code (220102), a certificate category (CONSTRUCTOR_2) or a flag code; null: every case no earlier group took'),
  officers: Officers.describe('round-robin in this order, by case number'),
});
export type AssignmentGroup = z.infer<typeof AssignmentGroup>;

export const AssignmentRule = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('officer'), officer: OfficerUserId.describe('every selected case to this officer') }),
  z.object({ kind: z.literal('roundRobin'), officers: Officers.describe('round-robin in this order, by case number') }),
  z.object({
    kind: AssignmentDimension,
    groups: z.array(AssignmentGroup).min(1).max(100).describe('the first group whose key the case has takes it; cases no group takes stay as they are'),
  }),
]);
export type AssignmentRule = z.infer<typeof AssignmentRule>;

export const ASSIGNMENT_RULE_LABELS: Record<AssignmentRule['kind'], string> = {
  officer: '全部分配给一名经办人',
  roundRobin: '在选定经办人之间轮流分配',
  ...ASSIGNMENT_DIMENSION_LABELS,
};

/** A case as a rule sees it: its number (the order) and its keys in the rule's dimension. */
export interface AssignmentCandidate {
  caseId: string;
  caseNo: string;
  /** District codes, certificate categories or flag codes: the case's keys in the rule's dimension. */
  keys: readonly string[];
}

export interface PlannedAssignment {
  caseId: string;
  /** null: no group took the case. */
  assignee: string | null;
  /** The index of the group that took it (0 for `officer` and `roundRobin`). */
  group: number | null;
}

/** Every rule as groups: `officer` and `roundRobin` are one catch-all group. */
export function ruleGroups(rule: AssignmentRule): AssignmentGroup[] {
  if (rule.kind === 'officer') return [{ match: null, officers: [rule.officer] }];
  if (rule.kind === 'roundRobin') return [{ match: null, officers: rule.officers }];
  return rule.groups;
}

/** Every officer a rule names, once each, in first-named order. */
export function officersOfRule(rule: AssignmentRule): string[] {
  return [...new Set(ruleGroups(rule).flatMap((g) => g.officers))];
}

const byCaseNo = (a: AssignmentCandidate, b: AssignmentCandidate) =>
  a.caseNo < b.caseNo ? -1 : a.caseNo > b.caseNo ? 1 : a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0;

/**
 * The officer each case goes to: cases in case-number order; each taken by the first group whose
 * `match` is among its keys (a null `match` takes any case); within a group, the n-th case it takes
 * goes to its officers[n mod their number]. The plan is in case-number order.
 */
export function planAssignment(cases: readonly AssignmentCandidate[], rule: AssignmentRule): PlannedAssignment[] {
  const groups = ruleGroups(rule);
  const taken = groups.map(() => 0);
  return [...cases].sort(byCaseNo).map((c) => {
    const g = groups.findIndex((x) => x.match === null || c.keys.includes(x.match));
    if (g < 0) return { caseId: c.caseId, assignee: null, group: null };
    const officers = groups[g].officers;
    return { caseId: c.caseId, assignee: officers[taken[g]++ % officers.length], group: g };
  });
}

/** Cases per officer in a plan, in the rule's officer order (an officer with none is listed with 0). */
export function countPerOfficer(plan: readonly PlannedAssignment[], rule: AssignmentRule): { officer: string; cases: number }[] {
  const counts = new Map(officersOfRule(rule).map((o) => [o, 0]));
  for (const p of plan) if (p.assignee !== null) counts.set(p.assignee, (counts.get(p.assignee) ?? 0) + 1);
  return [...counts].map(([officer, cases]) => ({ officer, cases }));
}
