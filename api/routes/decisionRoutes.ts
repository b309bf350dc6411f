/**
 * Decisions: one case (→ the case workflow's decideCase update, its id from the Idempotency-Key), many
 * cases at once with a result per case, and provincial penalties in phase 3.
 */
import { z } from 'zod';
import { CaseDecision } from '../../domain/outcomes';
import { PenaltyKind } from '../../domain/penalties';
import { recordAudit } from '../audit/recordAudit';
import { officerOf } from '../auth/principal';
import { COORDINATOR, OFFICER } from '../authz/access';
import { findCaseRefs } from '../authz/caseRef';
import { commandIdOf, idempotencyKeyOf, runIdempotent } from '../http/idempotency';
import { Problem, ProblemBody, problemResponses } from '../http/problem';
import { problemOf } from '../http/problemOf';
import { CaseDecided, ProvincialPenaltyImposed } from './commandAnswers';
import type { RouteContext, ZodApp } from './context';
import { CaseParams, CityParams, tags } from './schemas';
import { freeText, plainText } from '../../domain/text';

const BULK_MAX = 500;
const BULK_PARALLEL = 8;

/** One case of a bulk decision: its decision, or the problem that stopped it. */
const BulkItemResult = z.union([
  z.object({ caseId: z.string(), status: z.literal(200), result: CaseDecided }),
  z.object({ caseId: z.string(), status: z.number().int().min(400), problem: ProblemBody }),
]);
type BulkItemResult = z.infer<typeof BulkItemResult>;
const BulkDecided = z.object({ results: z.array(BulkItemResult), succeeded: z.number().int(), failed: z.number().int() });

const idempotencyHeader = z.object({ 'idempotency-key': plainText({ min: 8, max: 128 }).describe('update id: the same key twice applies the decision once') });

export function registerDecisionRoutes(app: ZodApp, ctx: RouteContext): void {
  const { pool } = ctx;

  app.post(
    '/cases/:caseId/decision',
    {
      config: { action: 'case.decide', access: { roles: OFFICER, city: { kind: 'case', param: 'caseId' } }, audit: true },
      schema: {
        summary: "Record the verification decision on a case (the city officer's outcome)",
        tags: tags.cases,
        params: CaseParams,
        headers: idempotencyHeader.partial(),
        body: CaseDecision,
        response: { 200: CaseDecided, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req, reply) => {
      const key = idempotencyKeyOf(req, true)!;
      req.auditDetail = { outcome: req.body.outcome, idempotencyKey: key };
      const res = await runIdempotent(pool, req, key, async () => ({
        status: 200,
        body: await ctx.commands.decideCase(req.caseRef!, req.body, officerOf(req.principal!), commandIdOf(req, key)),
      }));
      if (res.replayed) reply.header('idempotent-replay', 'true');
      return reply.code(200).send(CaseDecided.parse(res.body));
    },
  );

  app.post(
    '/campaigns/:campaignId/cities/:cityCode/decisions',
    {
      config: { action: 'case.decide_bulk', access: { roles: OFFICER, city: { kind: 'param', param: 'cityCode' } }, audit: true },
      schema: {
        summary: 'Decide many cases at once; each case gets its own result (one Idempotency-Key for the whole body; update id per case)',
        tags: tags.cases,
        params: CityParams,
        headers: idempotencyHeader.partial(),
        body: z.object({
          items: z
            .array(z.object({ caseId: plainText({ max: 120 }), decision: CaseDecision }))
            .min(1)
            .max(BULK_MAX),
        }),
        response: {
          200: BulkDecided,
          ...problemResponses(400, 401, 403),
        },
      },
    },
    async (req, reply) => {
      const key = idempotencyKeyOf(req, true)!;
      const p = req.principal!;
      const { campaignId, cityCode } = req.params;
      const items = req.body.items;
      if (new Set(items.map((i) => i.caseId)).size !== items.length) throw new Problem('validation_failed', 'a case appears twice');
      req.auditTarget = `campaignId=${campaignId},cityCode=${cityCode},cases=${items.length}`;
      // The whole body is the request the key names: a replay answers the stored results and decides nothing again.
      const res = await runIdempotent(pool, req, key, async () => ({ status: 200, body: await decideAll() }));
      const answer = BulkDecided.parse(res.body);
      req.auditDetail = { succeeded: answer.succeeded, failed: answer.failed, idempotencyKey: key };
      if (res.replayed) reply.header('idempotent-replay', 'true');
      return answer;

      async function decideAll(): Promise<z.infer<typeof BulkDecided>> {
        const commandId = commandIdOf(req, key);
        const refs = await findCaseRefs(
          pool,
          items.map((i) => i.caseId),
        );
        const results: BulkItemResult[] = new Array(items.length);
        let next = 0;
        const worker = async () => {
          for (let i = next++; i < items.length; i = next++) {
            const { caseId, decision } = items[i];
            const ref = refs.get(caseId);
            let body: BulkItemResult;
            try {
              if (!ref || ref.campaignId !== campaignId) throw new Problem('not_found', `no case ${caseId} in campaign ${campaignId}`);
              if (ref.cityCode !== cityCode || (p.cityCode && ref.cityCode !== p.cityCode))
                throw new Problem('other_city', `case ${caseId} belongs to another city`);
              body = { caseId, status: 200, result: await ctx.commands.decideCase(ref, decision, officerOf(p), `${commandId}:${caseId}`) };
            } catch (err) {
              const problem = problemOf(err);
              body = { caseId, status: problem.status, problem };
            }
            results[i] = body;
            await recordAudit(pool, {
              requestId: String(req.id),
              userId: p.userId,
              role: p.role,
              cityCode: p.cityCode,
              action: 'case.decide',
              target: `caseId=${caseId}`,
              result: 'problem' in body ? body.problem.code : 'ok',
              status: body.status,
              detail: { outcome: decision.outcome, bulk: true },
            });
          }
        };
        await Promise.all(Array.from({ length: Math.min(BULK_PARALLEL, items.length) }, worker));
        const succeeded = results.filter((r) => r.status === 200).length;
        return { results, succeeded, failed: items.length - succeeded };
      }
    },
  );

  app.post(
    '/cases/:caseId/provincial-penalties',
    {
      config: { action: 'case.provincial_penalty', access: { roles: COORDINATOR, city: { kind: 'case', param: 'caseId' } }, audit: true },
      schema: {
        summary: 'Phase 3: impose provincial-level penalties on a confirmed violation',
        tags: tags.cases,
        params: CaseParams,
        headers: idempotencyHeader.partial(),
        body: z.object({ kinds: z.array(PenaltyKind).min(1).optional(), note: freeText({ max: 2000 }).optional() }),
        response: { 200: ProvincialPenaltyImposed, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req) => {
      const key = idempotencyKeyOf(req, true)!;
      const res = await runIdempotent(pool, req, key, async () => ({
        status: 200,
        body: await ctx.commands.imposeProvincialPenalty(req.caseRef!, req.body, officerOf(req.principal!), commandIdOf(req, key)),
      }));
      return ProvincialPenaltyImposed.parse(res.body);
    },
  );
}
