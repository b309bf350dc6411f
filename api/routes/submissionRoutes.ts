/** A city's reports (汇总表) to the province: submit; the province approves or returns with comments. */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { officerOf } from '../auth/principal';
import { OFFICER, PROVINCE, READ_ALL } from '../authz/access';
import { idempotencyKeyOf, runIdempotent } from '../http/idempotency';
import { Problem, problemResponses } from '../http/problem';
import { refusedReopenings } from '../../readModel/caseReopenings';
import { SubmissionKind } from '../../domain/submissionKind';
import { listSubmissions, Submission } from '../../readModel/submissions';
import { ReportSubmitted, SubmissionReviewed } from './commandAnswers';
import type { RouteContext, ZodApp } from './context';
import { CityParams, tags } from './schemas';
import { freeText, plainText } from '../../domain/text';

const cityScope = { kind: 'param', param: 'cityCode' } as const;

export function registerSubmissionRoutes(app: ZodApp, ctx: RouteContext): void {
  const { pool } = ctx;

  app.get(
    '/campaigns/:campaignId/cities/:cityCode/submissions',
    {
      config: { action: 'submission.list', access: { roles: READ_ALL, city: cityScope } },
      schema: {
        summary: "A city's submissions, every version",
        tags: tags.submissions,
        params: CityParams,
        response: { 200: z.object({ items: z.array(Submission) }), ...problemResponses(400, 401, 403) },
      },
    },
    async (req) => ({ items: await listSubmissions(pool, req.params.campaignId, req.params.cityCode) }),
  );

  app.post(
    '/campaigns/:campaignId/cities/:cityCode/submissions/:kind',
    {
      config: { action: 'submission.submit', access: { roles: OFFICER, city: cityScope }, audit: true },
      schema: {
        summary: "Submit the city's self-check summary or investigation report (a late one is accepted and marked late)",
        tags: tags.submissions,
        params: CityParams.extend({ kind: SubmissionKind }),
        body: z.object({
          summary: freeText({ max: 5000 }).optional(),
          carriedOver: z
            .array(z.object({ caseId: plainText({ max: 120 }), reason: freeText({ max: 2000 }) }))
            .max(20_000)
            .optional()
            .describe('investigation report only: open cases carried over, each with its reason'),
        }),
        response: { 201: ReportSubmitted, ...problemResponses(400, 401, 403, 409, 422) },
      },
    },
    async (req, reply) => {
      const key = idempotencyKeyOf(req, false);
      const res = await runIdempotent(pool, req, key, async () => ({
        status: 201,
        body: await ctx.commands.submitReport({
          ...req.params,
          summary: req.body.summary,
          carriedOver: req.body.carriedOver,
          officer: officerOf(req.principal!),
          requestId: key ?? randomUUID(),
        }),
      }));
      return reply.code(201).send(ReportSubmitted.parse(res.body));
    },
  );

  app.post(
    '/campaigns/:campaignId/cities/:cityCode/submissions/:kind/:version/review',
    {
      config: { action: 'submission.review', access: { roles: PROVINCE, city: cityScope }, audit: true },
      schema: {
        summary:
          "Approve a submission, or return it for correction with comments: 省住建厅 (province_coordinator) reviews 住建's part, 省人社厅 (province_hr_coordinator) 人社's; approved when both parts are, returned by either",
        tags: tags.submissions,
        params: CityParams.extend({ kind: SubmissionKind, version: z.coerce.number().int().min(1) }),
        body: z
          .object({
            decision: z.enum(['approve', 'return']),
            comments: freeText({ max: 5000 }).optional(),
            reopenCaseIds: z
              .array(plainText({ max: 120 }))
              .max(500)
              .optional()
              .describe(
                'a return of the investigation report only: decided cases of the city that the city may reopen (POST /cases/{caseId}/reopen) and decide again',
              ),
          })
          .refine((b) => b.decision === 'approve' || b.comments, { path: ['comments'], message: '退回时须填写「审核意见」' })
          .refine((b) => !b.reopenCaseIds?.length || b.decision === 'return', {
            path: ['reopenCaseIds'],
            message: '只有退回时才能列出「需重新办理的案件」',
          }),
        response: { 200: SubmissionReviewed, ...problemResponses(400, 401, 403, 409, 422) },
      },
    },
    async (req) => {
      const key = idempotencyKeyOf(req, false);
      req.auditDetail = { decision: req.body.decision, ...(req.body.reopenCaseIds?.length ? { reopenCaseIds: req.body.reopenCaseIds } : {}) };
      const reopen = req.body.reopenCaseIds ?? [];
      if (reopen.length > 0) {
        if (req.params.kind !== 'investigation') {
          const message = '只有退回排查报告（investigation）时才能列出「需重新办理的案件」';
          throw new Problem('validation_failed', message, { errors: [{ path: 'body.reopenCaseIds', message }] });
        }
        const refused = await refusedReopenings(pool, req.params, reopen);
        if (refused.length > 0) {
          const errors = refused.map((r) => ({
            path: `body.reopenCaseIds.${r.index}`,
            message:
              r.why === 'unknown'
                ? `「需重新办理的案件」第${r.index + 1}项（${r.caseId}）不是本市（州）本次专项治理的案件`
                : `「需重新办理的案件」第${r.index + 1}项（${r.caseId}）尚未作出核查结论，无需重新办理`,
          }));
          throw new Problem('validation_failed', errors.map((e) => e.message).join('；'), { errors });
        }
      }
      const res = await runIdempotent(pool, req, key, async () => ({
        status: 200,
        body: await ctx.commands.reviewSubmission({
          ...req.params,
          ...req.body,
          officer: officerOf(req.principal!),
          requestId: key ?? randomUUID(),
        }),
      }));
      return SubmissionReviewed.parse(res.body);
    },
  );
}
