/**
 * Decisions: one case (→ the case workflow's decideCase update, its id from the Idempotency-Key), many
 * cases at once with a result per case, their previews (what a decision would impose, computed by
 * the code that imposes it, without recording anything), and provincial penalties in phase 3.
 */
import { z } from 'zod';
import { CaseDecision } from '../../domain/outcomes';
import { PENALTY_KIND_LABELS, PenaltyKind } from '../../domain/penalties';
import { DecisionPreview, decisionPreview } from '../../readModel/decisionPreview';
import { DateText } from '../../readModel/sqlTypes';
import { refuseIdNumberInDecision } from '../../services/officerTexts';
import { recordAudit } from '../audit/recordAudit';
import { officerOf } from '../auth/principal';
import { COORDINATOR, OFFICER } from '../authz/access';
import { findCaseRefs } from '../authz/caseRef';
import { commandIdOf, idempotencyKeyOf, runIdempotent } from '../http/idempotency';
import { Problem, ProblemBody, problemResponses } from '../http/problem';
import { problemOf } from '../http/problemOf';
import { CaseDecided, CaseOverridden, CaseReopened, ProvincialPenaltyImposed } from './commandAnswers';
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

/** One case of a bulk preview: what its decision would impose, or the problem that would stop it. */
const BulkPreviewItem = z.union([
  z.object({ caseId: z.string(), status: z.literal(200), preview: DecisionPreview }),
  z.object({ caseId: z.string(), status: z.number().int().min(400), problem: ProblemBody }),
]);
type BulkPreviewItem = z.infer<typeof BulkPreviewItem>;
const BulkPreview = z.object({
  results: z.array(BulkPreviewItem),
  totals: z.object({
    cases: z.number().int().describe('cases whose decision can be recorded'),
    refused: z.number().int().describe('cases whose decision would be refused (see their problem)'),
    liable: z.number().int(),
    exempt: z.number().int(),
    none: z.number().int(),
    byKind: z.array(z.object({ kind: PenaltyKind, kindLabel: z.string(), count: z.number().int() })).describe('penalties the decisions impose, by kind'),
  }),
});

const DecisionItems = z
  .array(z.object({ caseId: plainText({ max: 120 }), decision: CaseDecision }))
  .min(1)
  .max(BULK_MAX);

const CaseCarriedOver = z.object({
  caseId: z.string(),
  updateId: z.string(),
  carriedOverOn: DateText.describe("the date in the campaign's calendar"),
});

const CorrectionReason = freeText({ max: 5000 });

/** An override: the province's outcome with the fields that outcome requires (as a decision), and its reason. */
const [compliant, rectified, deregistered, violation, transferred] = CaseDecision.options;
const withReason = { reason: CorrectionReason.describe('改变结论的理由 (no ID numbers: name the person by the case number)') };
const OverrideBody = z.discriminatedUnion('outcome', [
  compliant.extend(withReason),
  rectified.extend(withReason),
  deregistered.extend(withReason),
  violation.extend(withReason),
  transferred.extend(withReason),
]);

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
        body: z.object({ items: DecisionItems }),
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
              caseId,
            });
          }
        };
        await Promise.all(Array.from({ length: Math.min(BULK_PARALLEL, items.length) }, worker));
        const succeeded = results.filter((r) => r.status === 200).length;
        return { results, succeeded, failed: items.length - succeeded };
      }
    },
  );

  /** The preview of one decision, refused as the decision would be (a problem thrown). */
  async function previewOf(caseId: string, decision: CaseDecision) {
    refuseIdNumberInDecision(decision);
    const preview = await decisionPreview(pool, caseId, decision);
    if (!preview) throw new Problem('not_found', `no case ${caseId}`);
    return preview;
  }

  app.post(
    '/cases/:caseId/decision/preview',
    {
      // It reads the case's evidence (registrations, certificates): audited as a read of personal data.
      config: { action: 'case.decision_preview', access: { roles: OFFICER, city: { kind: 'case', param: 'caseId' } }, audit: true },
      schema: {
        summary:
          'What recording this decision would impose (liability; each penalty: revocation, 3-year ban, bad-conduct records, qualification check …), ' +
          'computed by the code that imposes it; records nothing',
        tags: tags.cases,
        params: CaseParams,
        body: CaseDecision,
        response: { 200: DecisionPreview, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req) => {
      const preview = await previewOf(req.params.caseId, req.body);
      req.auditDetail = { outcome: req.body.outcome, liability: preview.liability, penalties: preview.penalties.length };
      return preview;
    },
  );

  app.post(
    '/campaigns/:campaignId/cities/:cityCode/decisions/preview',
    {
      config: { action: 'case.decision_preview_bulk', access: { roles: OFFICER, city: { kind: 'param', param: 'cityCode' } }, audit: true },
      schema: {
        summary:
          'What recording many decisions would impose: a preview per case (or the problem that would refuse it) and the totals by penalty kind; records nothing',
        tags: tags.cases,
        params: CityParams,
        body: z.object({ items: DecisionItems }),
        response: { 200: BulkPreview, ...problemResponses(400, 401, 403) },
      },
    },
    async (req) => {
      const p = req.principal!;
      const { campaignId, cityCode } = req.params;
      const items = req.body.items;
      if (new Set(items.map((i) => i.caseId)).size !== items.length) throw new Problem('validation_failed', 'a case appears twice');
      req.auditTarget = `campaignId=${campaignId},cityCode=${cityCode},cases=${items.length}`;
      const refs = await findCaseRefs(
        pool,
        items.map((i) => i.caseId),
      );
      const results: BulkPreviewItem[] = new Array(items.length);
      let next = 0;
      const worker = async () => {
        for (let i = next++; i < items.length; i = next++) {
          const { caseId, decision } = items[i];
          const ref = refs.get(caseId);
          try {
            if (!ref || ref.campaignId !== campaignId) throw new Problem('not_found', `no case ${caseId} in campaign ${campaignId}`);
            if (ref.cityCode !== cityCode || (p.cityCode && ref.cityCode !== p.cityCode))
              throw new Problem('other_city', `case ${caseId} belongs to another city`);
            results[i] = { caseId, status: 200, preview: await previewOf(caseId, decision) };
          } catch (err) {
            const problem = problemOf(err);
            results[i] = { caseId, status: problem.status, problem };
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(BULK_PARALLEL, items.length) }, worker));
      const previews = results.flatMap((r) => ('preview' in r ? [r.preview] : []));
      const byKind = PenaltyKind.options
        .map((kind) => ({
          kind,
          kindLabel: PENALTY_KIND_LABELS[kind],
          count: previews.reduce((n, v) => n + v.penalties.filter((x) => x.kind === kind).length, 0),
        }))
        .filter((k) => k.count > 0);
      const count = (l: DecisionPreview['liability']) => previews.filter((v) => v.liability === l).length;
      const totals = {
        cases: previews.length,
        refused: items.length - previews.length,
        liable: count('liable'),
        exempt: count('exempt'),
        none: count('none'),
        byKind,
      };
      req.auditDetail = { cases: items.length, liable: totals.liable, refused: totals.refused };
      return { results, totals };
    },
  );

  app.post(
    '/cases/:caseId/carry-over',
    {
      config: { action: 'case.carry_over', access: { roles: OFFICER, city: { kind: 'case', param: 'caseId' } }, audit: true },
      schema: {
        summary:
          'Carry an open case over (结转办理) with the reason, so the investigation report may be submitted while it stays open; ' +
          "once per case (the report's carry-over of the same case changes nothing)",
        tags: tags.cases,
        params: CaseParams,
        headers: idempotencyHeader.partial(),
        body: z.object({ reason: freeText({ max: 5000 }).describe('结转理由 (no ID numbers: name the person by the case number)') }),
        response: { 200: CaseCarriedOver, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req, reply) => {
      const key = idempotencyKeyOf(req, true)!;
      const ref = req.caseRef!;
      const res = await runIdempotent(pool, req, key, async () => {
        // The read model answers at once what the workflow would refuse: a case already carried over or decided.
        if (ref.status === 'carried_over') throw new Problem('conflict', `案件 ${ref.caseId} 已结转办理 (case ${ref.caseId} is already carried over)`);
        if (ref.status !== 'open') throw new Problem('conflict', `案件 ${ref.caseId} 已作出核查结论，无需结转 (case ${ref.caseId} is ${ref.status})`);
        return { status: 200, body: await ctx.commands.carryOverCase(ref, req.body.reason, officerOf(req.principal!)) };
      });
      if (res.replayed) reply.header('idempotent-replay', 'true');
      return reply.code(200).send(CaseCarriedOver.parse(res.body));
    },
  );

  app.post(
    '/cases/:caseId/reopen',
    {
      config: { action: 'case.reopen', access: { roles: OFFICER, city: { kind: 'case', param: 'caseId' } }, audit: true },
      schema: {
        summary:
          'Reopen a decided case that the province named when it returned the investigation report (重新办理): the decision and its penalties ' +
          'are set aside (kept in the history) and the case awaits a new decision (POST /cases/{caseId}/decision)',
        tags: tags.cases,
        params: CaseParams,
        headers: idempotencyHeader.partial(),
        body: z.object({ reason: CorrectionReason.describe('重新办理理由 (no ID numbers: name the person by the case number)') }),
        response: { 200: CaseReopened, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req, reply) => {
      const key = idempotencyKeyOf(req, true)!;
      const res = await runIdempotent(pool, req, key, async () => ({
        status: 200,
        body: await ctx.commands.reopenCase(req.caseRef!, req.body, officerOf(req.principal!), commandIdOf(req, key)),
      }));
      if (res.replayed) reply.header('idempotent-replay', 'true');
      return reply.code(200).send(CaseReopened.parse(res.body));
    },
  );

  app.post(
    '/cases/:caseId/override',
    {
      config: { action: 'case.override', access: { roles: COORDINATOR, city: { kind: 'case', param: 'caseId' } }, audit: true },
      schema: {
        summary:
          "Override a city's outcome (省级改变结论): the province's outcome, with the fields it requires, and the reason; the city's penalties are " +
          'withdrawn and the new outcome carries its own, imposed by the province (both kept in the history)',
        tags: tags.cases,
        params: CaseParams,
        headers: idempotencyHeader.partial(),
        body: OverrideBody,
        response: { 200: CaseOverridden, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req, reply) => {
      const key = idempotencyKeyOf(req, true)!;
      const { reason, ...rest } = req.body;
      const decision = CaseDecision.parse(rest);
      refuseIdNumberInDecision(decision);
      req.auditDetail = { outcome: decision.outcome, previousStatus: req.caseRef!.status, idempotencyKey: key };
      const res = await runIdempotent(pool, req, key, async () => ({
        status: 200,
        body: await ctx.commands.overrideOutcome(req.caseRef!, { decision, reason }, officerOf(req.principal!), commandIdOf(req, key)),
      }));
      if (res.replayed) reply.header('idempotent-replay', 'true');
      return reply.code(200).send(CaseOverridden.parse(res.body));
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
