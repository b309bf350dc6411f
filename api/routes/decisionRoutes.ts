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
import { Problem, problemResponses, type ProblemBody } from '../http/problem';
import { problemOf } from '../http/problemOf';
import type { RouteContext, ZodApp } from './context';
import { AnyObject, CaseParams, CityParams, tags } from './schemas';

const BULK_MAX = 500;
const BULK_PARALLEL = 8;

const idempotencyHeader = z.object({ 'idempotency-key': z.string().min(8).max(128).describe('update id: the same key twice applies the decision once') });

export function registerDecisionRoutes(app: ZodApp, ctx: RouteContext): void {
  const { pool } = ctx;

  app.post('/cases/:caseId/decision', {
    config: { action: 'case.decide', access: { roles: OFFICER, city: { kind: 'case', param: 'caseId' } }, audit: true },
    schema: {
      summary: "Record the verification decision on a case (the city officer's outcome)",
      tags: tags.cases,
      params: CaseParams,
      headers: idempotencyHeader.partial(),
      body: CaseDecision,
      response: { 200: AnyObject, ...problemResponses(400, 401, 403, 404, 409, 422) },
    },
  }, async (req, reply) => {
    const key = idempotencyKeyOf(req, true)!;
    req.auditDetail = { outcome: req.body.outcome, idempotencyKey: key };
    const res = await runIdempotent(pool, req, key, async () => ({
      status: 200,
      body: await ctx.commands.decideCase(req.caseRef!, req.body, officerOf(req.principal!), commandIdOf(req, key)),
    }));
    if (res.replayed) reply.header('idempotent-replay', 'true');
    return reply.code(res.status as 200).send(res.body as Record<string, unknown>);
  });

  app.post('/campaigns/:campaignId/cities/:cityCode/decisions', {
    config: { action: 'case.decide_bulk', access: { roles: OFFICER, city: { kind: 'param', param: 'cityCode' } }, audit: true },
    schema: {
      summary: 'Decide many cases at once; each case gets its own result (one Idempotency-Key for the whole body; update id per case)',
      tags: tags.cases,
      params: CityParams,
      headers: idempotencyHeader.partial(),
      body: z.object({ items: z.array(z.object({ caseId: z.string().min(1).max(120), decision: CaseDecision })).min(1).max(BULK_MAX) }),
      response: { 200: z.object({ results: z.array(AnyObject), succeeded: z.number(), failed: z.number() }), ...problemResponses(400, 401, 403) },
    },
  }, async (req, reply) => {
    const key = idempotencyKeyOf(req, true)!;
    const p = req.principal!;
    const { campaignId, cityCode } = req.params;
    const items = req.body.items;
    if (new Set(items.map((i) => i.caseId)).size !== items.length) throw new Problem('validation_failed', 'a case appears twice');
    req.auditTarget = `campaignId=${campaignId},cityCode=${cityCode},cases=${items.length}`;
    // The whole body is the request the key names: a replay answers the stored results and decides nothing again.
    const res = await runIdempotent(pool, req, key, async () => ({ status: 200, body: await decideAll() }));
    const answer = res.body as { results: Record<string, unknown>[]; succeeded: number; failed: number };
    req.auditDetail = { succeeded: answer.succeeded, failed: answer.failed, idempotencyKey: key };
    if (res.replayed) reply.header('idempotent-replay', 'true');
    return answer;

    async function decideAll() {
      const commandId = commandIdOf(req, key);
      const refs = await findCaseRefs(pool, items.map((i) => i.caseId));
      const results: Record<string, unknown>[] = new Array(items.length);
      let next = 0;
      const worker = async () => {
        for (let i = next++; i < items.length; i = next++) {
          const { caseId, decision } = items[i];
          const ref = refs.get(caseId);
          let status = 200;
          let body: Record<string, unknown>;
          try {
            if (!ref || ref.campaignId !== campaignId) throw new Problem('not_found', `no case ${caseId} in campaign ${campaignId}`);
            if (ref.cityCode !== cityCode || (p.cityCode && ref.cityCode !== p.cityCode)) throw new Problem('other_city', `case ${caseId} belongs to another city`);
            body = { caseId, status, result: await ctx.commands.decideCase(ref, decision, officerOf(p), `${commandId}:${caseId}`) };
          } catch (err) {
            const problem: ProblemBody = problemOf(err);
            status = problem.status;
            body = { caseId, status, problem };
          }
          results[i] = body;
          await recordAudit(pool, {
            requestId: String(req.id), userId: p.userId, role: p.role, cityCode: p.cityCode, action: 'case.decide', target: `caseId=${caseId}`,
            result: status < 400 ? 'ok' : String((body.problem as ProblemBody).code), status, detail: { outcome: decision.outcome, bulk: true },
          });
        }
      };
      await Promise.all(Array.from({ length: Math.min(BULK_PARALLEL, items.length) }, worker));
      const succeeded = results.filter((r) => r.status === 200).length;
      return { results, succeeded, failed: items.length - succeeded };
    }
  });

  app.post('/cases/:caseId/provincial-penalties', {
    config: { action: 'case.provincial_penalty', access: { roles: COORDINATOR, city: { kind: 'case', param: 'caseId' } }, audit: true },
    schema: {
      summary: 'Phase 3: impose provincial-level penalties on a confirmed violation',
      tags: tags.cases,
      params: CaseParams,
      headers: idempotencyHeader.partial(),
      body: z.object({ kinds: z.array(PenaltyKind).min(1).optional(), note: z.string().trim().min(1).max(2000).optional() }),
      response: { 200: AnyObject, ...problemResponses(400, 401, 403, 404, 409, 422) },
    },
  }, async (req) => {
    const key = idempotencyKeyOf(req, true)!;
    const res = await runIdempotent(pool, req, key, async () => ({
      status: 200,
      body: await ctx.commands.imposeProvincialPenalty(req.caseRef!, req.body, officerOf(req.principal!), commandIdOf(req, key)),
    }));
    return res.body as Record<string, unknown>;
  });
}

