/**
 * Intermediaries (中介服务机构, issue 21 item 2; docs/intermediaries.md): a city's registry, links to
 * cases (evidence or named by an officer), rectification orders (责令限期整改) with findings, result
 * and escalation to an administrative penalty when 情节严重. Who may call them is ONE constant,
 * INTERMEDIARY_HANDLERS: the roles that act and the roles that read.
 */
import { z } from 'zod';
import { DomainError } from '../../domain/errors';
import { EscalationInput, FindingInput, INTERMEDIARY_HANDLERS, IntermediaryInput, NameOnCaseInput, OrderInput, ResultInput } from '../../domain/intermediary';
import { plainText } from '../../domain/text';
import {
  caseIntermediaries,
  CaseIntermediaries,
  intermediaryBases,
  IntermediaryBases,
  intermediaryDetail,
  IntermediaryDetail,
  IntermediaryList,
  listIntermediaries,
} from '../../readModel/intermediaries';
import { addFinding, createIntermediary, escalate, issueOrder, nameOnCase, recordResult, scanEvidence } from '../../services/intermediaries';
import { idempotencyKeyOf, runIdempotent } from '../http/idempotency';
import { problemResponses } from '../http/problem';
import type { RouteContext, ZodApp } from './context';
import { CaseParams, CityParams } from './schemas';

/** Who handles intermediaries: domain/intermediary.ts (one constant for the API and the console). */
export { INTERMEDIARY_HANDLERS };

const tags = ['intermediaries'];
const ItemParams = CityParams.extend({ intermediaryId: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER) });
const OrderParams = ItemParams.extend({ orderId: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER) });
const idempotencyHeader = z.object({ 'idempotency-key': plainText({ min: 8, max: 128 }).describe('the same key twice issues one order') }).partial();

const Created = z.object({ intermediaryId: z.number().int() });
const Scanned = z.object({
  casesWithAgency: z.number().int().describe('cases whose evidence names an HR agency that paid the contributions'),
  intermediariesCreated: z.number().int(),
  linksCreated: z.number().int(),
});
const Linked = z.object({ changed: z.boolean().describe('false: the officer had named it on this case already') });
const OrderIssued = z.object({ orderId: z.number().int() });
const FindingRecorded = z.object({ findingId: z.number().int() });

export function registerIntermediaryRoutes(app: ZodApp, ctx: RouteContext): void {
  const { pool } = ctx;
  const watch = { client: ctx.client, taskQueue: ctx.config.TASK_QUEUE };
  const city = { kind: 'param', param: 'cityCode' } as const;
  const read = { roles: INTERMEDIARY_HANDLERS.read, city };
  const act = { roles: INTERMEDIARY_HANDLERS.act, city };
  const by = (req: { principal?: { userId: string } }): string => req.principal!.userId;
  const detail = async (p: z.infer<typeof ItemParams>) => {
    const d = await intermediaryDetail(pool, p.campaignId, p.cityCode, p.intermediaryId);
    if (!d) throw new DomainError('NotFound', `intermediary ${p.intermediaryId} not found in this city's registry`);
    return d;
  };

  app.get(
    '/campaigns/:campaignId/cities/:cityCode/intermediaries',
    {
      config: { action: 'intermediary.list', access: read },
      schema: {
        summary: "The city's registry of intermediaries, each with its linked cases and latest rectification order",
        tags,
        params: CityParams,
        response: { 200: IntermediaryList, ...problemResponses(400, 401, 403) },
      },
    },
    async (req) => listIntermediaries(pool, req.params.campaignId, req.params.cityCode),
  );

  app.post(
    '/campaigns/:campaignId/cities/:cityCode/intermediaries',
    {
      config: { action: 'intermediary.create', access: act, audit: true },
      schema: {
        summary: "Register an intermediary in the city's registry (name, credit code, kind, address, 人力资源服务许可证 number)",
        tags,
        params: CityParams,
        body: IntermediaryInput,
        response: { 201: Created, ...problemResponses(400, 401, 403, 409) },
      },
    },
    async (req, reply) => {
      const id = await createIntermediary(pool, req.params, req.body, by(req));
      req.auditDetail = { intermediaryId: id };
      return reply.code(201).send({ intermediaryId: id });
    },
  );

  app.post(
    '/campaigns/:campaignId/cities/:cityCode/intermediaries/evidence-scan',
    {
      config: { action: 'intermediary.scan', access: act, audit: true },
      schema: {
        summary: "Record in the registry every HR agency the city's cases' evidence shows paying a person's contributions, linked to those cases (idempotent)",
        tags,
        params: CityParams,
        response: { 200: Scanned, ...problemResponses(400, 401, 403) },
      },
    },
    async (req) => {
      const r = await scanEvidence(pool, req.params, by(req));
      req.auditDetail = { ...r };
      return r;
    },
  );

  app.get(
    '/campaigns/:campaignId/cities/:cityCode/intermediaries/:intermediaryId',
    {
      config: { action: 'intermediary.read', access: read },
      schema: {
        summary: 'One intermediary: its linked cases (with the basis of each link), its orders with their findings, result and escalation',
        tags,
        params: ItemParams,
        response: { 200: IntermediaryDetail, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (req) => detail(req.params),
  );

  app.post(
    '/campaigns/:campaignId/cities/:cityCode/intermediaries/:intermediaryId/cases',
    {
      config: { action: 'intermediary.name_on_case', access: act, audit: true },
      schema: {
        summary: 'Name the intermediary as having arranged the hanging of a case of the city (with the reason; it need not have paid anything)',
        tags,
        params: ItemParams,
        body: NameOnCaseInput,
        response: { 200: Linked, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const changed = await nameOnCase(pool, req.params, req.params.intermediaryId, req.body.caseId, req.body.reason, by(req));
      req.auditDetail = { intermediaryId: req.params.intermediaryId, caseId: req.body.caseId, changed };
      return { changed };
    },
  );

  app.post(
    '/campaigns/:campaignId/cities/:cityCode/intermediaries/:intermediaryId/orders',
    {
      config: { action: 'intermediary.order', access: act, audit: true },
      schema: {
        summary: 'Issue a rectification order (责令限期整改) with its deadline; a reminder and an overdue alert follow on the campaign clock',
        tags,
        params: ItemParams,
        headers: idempotencyHeader,
        body: OrderInput,
        response: { 201: OrderIssued, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req, reply) => {
      const key = idempotencyKeyOf(req, false);
      const res = await runIdempotent(pool, req, key, async () => {
        const orderId = await issueOrder(pool, watch, req.params, req.params.intermediaryId, req.body, by(req), key ?? null);
        return { status: 201, body: { orderId } };
      });
      if (res.replayed) reply.header('idempotent-replay', 'true');
      const body = OrderIssued.parse(res.body);
      req.auditDetail = { intermediaryId: req.params.intermediaryId, orderId: body.orderId, deadline: req.body.deadline };
      return reply.code(201).send(body);
    },
  );

  app.post(
    '/campaigns/:campaignId/cities/:cityCode/intermediaries/:intermediaryId/orders/:orderId/findings',
    {
      config: { action: 'intermediary.finding', access: act, audit: true },
      schema: {
        summary: "Record a follow-up finding on an open order (the officer's check of the rectification)",
        tags,
        params: OrderParams,
        body: FindingInput,
        response: { 201: FindingRecorded, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      const findingId = await addFinding(pool, req.params, req.params.intermediaryId, req.params.orderId, req.body, by(req));
      req.auditDetail = { orderId: req.params.orderId, findingId };
      return reply.code(201).send({ findingId });
    },
  );

  app.post(
    '/campaigns/:campaignId/cities/:cityCode/intermediaries/:intermediaryId/orders/:orderId/result',
    {
      config: { action: 'intermediary.result', access: act, audit: true },
      schema: {
        summary: "Record an open order's result: rectified or not rectified; its reminder and overdue alerts are resolved",
        tags,
        params: OrderParams,
        body: ResultInput,
        response: { 200: IntermediaryDetail, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => {
      await recordResult(pool, watch, req.params, req.params.intermediaryId, req.params.orderId, req.body, by(req));
      req.auditDetail = { orderId: req.params.orderId, result: req.body.result };
      return detail(req.params);
    },
  );

  app.post(
    '/campaigns/:campaignId/cities/:cityCode/intermediaries/:intermediaryId/orders/:orderId/escalation',
    {
      config: { action: 'intermediary.escalate', access: act, audit: true },
      schema: {
        summary: '情节严重: move an open or not-rectified order to the administrative penalty, on an intermediary basis (GET /intermediary-bases)',
        tags,
        params: OrderParams,
        body: EscalationInput,
        response: { 200: IntermediaryDetail, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req) => {
      await escalate(pool, watch, req.params, req.params.intermediaryId, req.params.orderId, req.body, by(req));
      req.auditDetail = { orderId: req.params.orderId, basisId: req.body.basisId };
      return detail(req.params);
    },
  );

  app.get(
    '/cases/:caseId/intermediaries',
    {
      config: { action: 'intermediary.case_links', access: { roles: INTERMEDIARY_HANDLERS.read, city: { kind: 'case', param: 'caseId' } } },
      schema: {
        summary: 'The intermediaries linked to a case (evidence or named by an officer)',
        tags,
        params: CaseParams,
        response: { 200: CaseIntermediaries, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (req) => caseIntermediaries(pool, req.caseRef!.caseId),
  );

  app.get(
    '/intermediary-bases',
    {
      config: { action: 'intermediary.bases', access: { roles: INTERMEDIARY_HANDLERS.read, city: { kind: 'none' } } },
      schema: {
        summary: "The legal bases in force for an intermediary's penalty (data: each citation with where it was read and whether it was verified)",
        tags,
        response: { 200: IntermediaryBases, ...problemResponses(401, 403) },
      },
    },
    async () => intermediaryBases(pool),
  );
}
