/**
 * Issue 21, both departments at the table: the city's 人社局 signs the city's submission (the second
 * signature) and records its labour-relationship findings on a case.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ExamUnit, LabourRelation } from '../../domain/labourFinding';
import { SubmissionKind } from '../../domain/submissionKind';
import { freeText, nameText } from '../../domain/text';
import { findLabourFinding, LabourFinding, listLabourFindings } from '../../readModel/labourFindings';
import { recordLabourFinding } from '../../services/labourFindings';
import { officerOf } from '../auth/principal';
import { CASE_READERS_WITH_PERSONS, FUND_OFFICER, HR_OFFICER } from '../authz/access';
import { findImport } from '../../dataImport/importRecords';
import { FundConfirmation, listFundConfirmations } from '../../readModel/fundConfirmations';
import { confirmFundImport } from '../../services/fundConfirmations';
import { idempotencyKeyOf, runIdempotent } from '../http/idempotency';
import { Problem, problemResponses } from '../http/problem';
import { ReportSubmitted } from './commandAnswers';
import type { RouteContext, ZodApp } from './context';
import { CaseParams, CityParams, tags } from './schemas';

const caseScope = { kind: 'case', param: 'caseId' } as const;
const ImportParams = z.object({ importId: z.string().uuid() });

export function registerDepartmentRoutes(app: ZodApp, ctx: RouteContext): void {
  const { pool } = ctx;

  app.post(
    '/campaigns/:campaignId/cities/:cityCode/submissions/:kind/:version/signoff',
    {
      config: { action: 'submission.signoff', access: { roles: HR_OFFICER, city: { kind: 'param', param: 'cityCode' } }, audit: true },
      schema: {
        summary: "The city's 人社局 signs the version 住建 submitted (the second signature): it is submitted to the province then",
        tags: tags.submissions,
        params: CityParams.extend({ kind: SubmissionKind, version: z.coerce.number().int().min(1) }),
        response: { 200: ReportSubmitted, ...problemResponses(400, 401, 403, 409, 422) },
      },
    },
    async (req) => {
      const key = idempotencyKeyOf(req, false);
      const res = await runIdempotent(pool, req, key, async () => ({
        status: 200,
        body: await ctx.commands.signSubmission({ ...req.params, officer: officerOf(req.principal!), requestId: key ?? randomUUID() }),
      }));
      return ReportSubmitted.parse(res.body);
    },
  );

  app.get(
    '/cases/:caseId/labour-findings',
    {
      config: { action: 'case.labour_findings', access: { roles: CASE_READERS_WITH_PERSONS, city: caseScope }, audit: true },
      schema: {
        summary: "人社's labour-relationship findings on a case (劳动关系, 报考单位), newest first",
        tags: tags.cases,
        params: CaseParams,
        response: { 200: z.object({ items: z.array(LabourFinding) }), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (req) => ({ items: await listLabourFindings(pool, req.caseRef!.caseId) }),
  );

  app.post(
    '/cases/:caseId/labour-findings',
    {
      config: { action: 'case.labour_finding', access: { roles: HR_OFFICER, city: caseScope }, audit: true },
      schema: {
        summary: "The city's 人社局 records its finding on a case: where the labour relationship is and which unit the person applied for the exam through",
        tags: tags.cases,
        params: CaseParams,
        body: z
          .object({
            labourRelation: LabourRelation,
            labourUnitName: nameText({ max: 200 }).optional(),
            examUnit: ExamUnit,
            examUnitName: nameText({ max: 200 }).optional(),
            note: freeText({ max: 2000 }).optional(),
          })
          .refine((b) => b.labourRelation !== 'other_unit' || b.labourUnitName, {
            path: ['labourUnitName'],
            message: '劳动关系在其他单位时须填写「劳动关系单位」',
          })
          .refine((b) => b.examUnit !== 'other_unit' || b.examUnitName, { path: ['examUnitName'], message: '报考单位为其他单位时须填写「报考单位名称」' }),
        response: { 201: LabourFinding, ...problemResponses(400, 401, 403, 404, 422) },
      },
    },
    async (req, reply) => {
      const key = idempotencyKeyOf(req, false);
      const id = await recordLabourFinding(pool, {
        ...req.body,
        caseId: req.caseRef!.caseId,
        recordedBy: req.principal!.userId,
        requestId: key ?? randomUUID(),
      });
      const finding = await findLabourFinding(pool, id);
      if (!finding) throw new Problem('not_found', 'no such finding');
      req.auditTarget = `case=${req.caseRef!.caseId}`;
      return reply.code(201).send(finding);
    },
  );

  app.get(
    '/imports/jobs/:importId/confirmations',
    {
      config: {
        action: 'import.confirmations',
        access: { roles: ['province_coordinator', 'supervisor', 'auditor', 'city_fund_officer'], city: { kind: 'none' } },
      },
      schema: {
        summary: "The cities' 公积金中心 confirmations of a fund-data import",
        tags: tags.imports,
        params: ImportParams,
        response: { 200: z.object({ items: z.array(FundConfirmation) }), ...problemResponses(401, 403, 404) },
      },
    },
    async (req) => {
      if (!(await findImport(pool, req.params.importId))) throw new Problem('not_found', `no import ${req.params.importId}`);
      return { items: await listFundConfirmations(pool, req.params.importId) };
    },
  );

  app.post(
    '/imports/jobs/:importId/confirmation',
    {
      config: { action: 'import.confirm', access: { roles: FUND_OFFICER, city: { kind: 'none' } }, audit: true },
      schema: {
        summary: "The city's 住房公积金管理中心 confirms a completed fund-data (housing_fund) import for its city",
        tags: tags.imports,
        params: ImportParams,
        response: { 201: FundConfirmation, ...problemResponses(401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      const job = await findImport(pool, req.params.importId);
      if (!job) throw new Problem('not_found', `no import ${req.params.importId}`);
      if (job.source !== 'housing_fund') throw new Problem('conflict', '只能确认公积金缴存数据的导入');
      if (job.status !== 'completed') throw new Problem('conflict', `导入尚未完成（状态 ${job.status}），完成后才能确认`);
      const cityCode = req.principal!.cityCode!;
      await confirmFundImport(pool, { importId: job.importId, cityCode, confirmedBy: req.principal!.userId });
      req.auditTarget = `import=${job.importId}`;
      const mine = (await listFundConfirmations(pool, job.importId)).find((c) => c.cityCode === cityCode)!;
      return reply.code(201).send(mine);
    },
  );
}
