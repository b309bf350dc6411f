/** The worklist of a city's cases and one case's detail with its evidence and timeline. */
import { CertCategory } from '../../domain/certCategories';
import { z } from 'zod';
import { CaseOutcome } from '../../domain/outcomes';
import { FlagCode } from '../../domain/flags';
import { CaseDetail, caseDetail } from '../../readModel/caseDetail';
import { CaseOrigin, CaseStatus, Worklist, worklist, WorklistFigure, WORKLIST_SORTS, type WorklistSort } from '../../readModel/worklist';
import type { Principal } from '../auth/principal';
import { CASE_READERS_WITH_PERSONS, READ_ALL } from '../authz/access';
import { Problem, problemResponses } from '../http/problem';
import type { RouteContext, ZodApp } from './context';
import { CaseParams, CityParams, Page, tags } from './schemas';
import { nameText, plainText } from '../../domain/text';
import { onField } from '../../domain/fieldMessages';

/**
 * Officers and coordinators work with people, 人社 too (it verifies the social insurance and the labour
 * relationship, issue 21); 公积金, supervisors and auditors see counts, ids and masks.
 */
const seesPersons = (p: Principal) => CASE_READERS_WITH_PERSONS.includes(p.role);
const yesNo = (v: 'true' | 'false' | undefined) => (v === undefined ? undefined : v === 'true');

const WorklistQuery = Page.extend({
  status: CaseStatus.optional(),
  outcome: CaseOutcome.optional(),
  origin: CaseOrigin.optional(),
  figure: WorklistFigure.optional().describe(
    "the cases a figure of the city's summary counts (as GET …/cities/{cityCode} figures and the 汇总表 count it): the answer's total is that figure",
  ),
  caseNo: plainText({ min: 1, max: 60, trim: true }).optional().describe('part of the case number'),
  flag: FlagCode.optional(),
  certCategory: CertCategory.optional().describe('a certificate category the person is registered in'),
  unit: nameText({ min: 2, max: 200 }).optional().describe('part of a registration, social-insurance or fund unit name, or a unit code'),
  riskMin: z.coerce.number().int().min(0).optional(),
  riskMax: z.coerce.number().int().min(0).optional(),
  dueBefore: z.iso.datetime({ offset: true }).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  ready: z.enum(['true', 'false']).optional().describe('true: only open cases whose workflow already takes decisions; false: only those still being started'),
  assignee: z
    .string()
    .regex(/^(me|unassigned|[a-z0-9](?:[a-z0-9_-]|\.){1,62})$/, { error: onField('应为 me、unassigned 或经办人的用户名') })
    .optional()
    .describe("the 承办人: me (the caller), unassigned (cases without one), or an officer's user name; absent: every case"),
  sort: z.enum(Object.keys(WORKLIST_SORTS) as [WorklistSort, ...WorklistSort[]]).default('risk'),
});

export function registerCaseRoutes(app: ZodApp, ctx: RouteContext): void {
  const { pool } = ctx;

  app.get(
    '/campaigns/:campaignId/cities/:cityCode/cases',
    {
      // Reads of personal data are audited as writes are: who read which city's worklist, which case.
      config: { action: 'case.list', access: { roles: READ_ALL, city: { kind: 'param', param: 'cityCode' } }, audit: true },
      schema: {
        summary: "A city's worklist of cases: filters, sorting, pages (each item names its campaign and city)",
        tags: tags.cases,
        params: CityParams,
        querystring: WorklistQuery,
        response: { 200: Worklist, ...problemResponses(400, 401, 403) },
      },
    },
    async (req) => {
      const q = req.query;
      const persons = seesPersons(req.principal!);
      const list = await worklist(
        pool,
        {
          ...req.params,
          status: q.status,
          outcome: q.outcome,
          origin: q.origin,
          figure: q.figure,
          caseNo: q.caseNo,
          flag: q.flag,
          certCategory: q.certCategory,
          unit: q.unit,
          riskMin: q.riskMin,
          riskMax: q.riskMax,
          dueBefore: q.dueBefore,
          overdue: q.overdue === 'true' ? true : undefined,
          ready: yesNo(q.ready),
          assignee: q.assignee === undefined ? undefined : q.assignee === 'unassigned' ? null : q.assignee === 'me' ? req.principal!.userId : q.assignee,
          sort: q.sort,
          page: q.page,
          pageSize: q.pageSize,
        },
        persons,
      );
      req.auditDetail = { page: q.page, rows: list.items.length, total: list.total, personalData: persons };
      return list;
    },
  );

  app.get(
    '/cases/:caseId',
    {
      config: { action: 'case.read', access: { roles: READ_ALL, city: { kind: 'case', param: 'caseId' } }, audit: true },
      schema: {
        summary: 'A case with its evidence and timeline',
        tags: tags.cases,
        params: CaseParams,
        response: { 200: CaseDetail, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const persons = seesPersons(req.principal!);
      const detail = await caseDetail(pool, req.params.caseId, persons);
      if (!detail) throw new Problem('not_found', `no case ${req.params.caseId}`);
      req.auditDetail = { personalData: persons };
      return detail;
    },
  );
}
