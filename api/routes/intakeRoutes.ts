/** Phase 1 intake and complaints: self-check declarations, deregistration requests, complaints (投诉举报). */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ComplaintChannel } from '../../domain/complaintChannel';
import { IsoDate } from '../../domain/calendar';
import { maskIdNumber } from '../../domain/idNumber';
import { Complaint, listComplaints } from '../../readModel/complaints';
import { DeregistrationOutcome, DeregistrationRequest, listDeregistrationRequests } from '../../readModel/deregistrationRequests';
import { Correction, listSelfCheckDeclarations, SelfCheckDeclaration } from '../../readModel/selfCheckDeclarations';
import { officerOf, type Principal } from '../auth/principal';
import { COORDINATOR, OFFICER_OR_COORDINATOR, READ_ALL } from '../authz/access';
import { personBelongsToCity } from '../../readModel/intakeSubject';
import { idempotencyKeyOf, runIdempotent } from '../http/idempotency';
import { Problem, problemResponses } from '../http/problem';
import { ComplaintRegistered, DeclarationRecorded, DeregistrationProcessed, DeregistrationRequested } from './commandAnswers';
import type { RouteContext, ZodApp } from './context';
import { CityParams, IdNumberInput, Page, tags } from './schemas';
import { freeText, nameText, plainText } from '../../domain/text';
import { fieldLabel } from '../../domain/fieldLabels';
import { onField } from '../../domain/fieldMessages';
import { USCC_MESSAGE } from '../../domain/uscc';

const seesPersons = (p: Principal) => p.role === 'city_officer' || p.role === 'province_coordinator';
const Uscc = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[0-9A-HJ-NPQRTUWXY]{18}$/, { error: onField(USCC_MESSAGE) });
const cityScope = { kind: 'param', param: 'cityCode' } as const;

export function registerIntakeRoutes(app: ZodApp, ctx: RouteContext): void {
  const { pool } = ctx;
  const requestIdOf = (key: string | undefined) => key ?? randomUUID();
  /**
   * Intake names persons of the path's city only: a person of another city would land on that
   * city's case (its id in the answer) or in this city's tables (their name, certificate and unit).
   * An unknown person gets the same answer, so the refusal does not tell whether the person exists.
   */
  const assertPersonOfCity = async (field: 'idNumber' | 'subjectIdNumber', at: { campaignId: string; cityCode: string }, idNumber: string) => {
    if (await personBelongsToCity(pool, { ...at, idNumber })) return;
    const message = `本市（州）在本次专项治理中没有「${fieldLabel([field])}」所指的人员（无案件，也无本市注册记录）`;
    throw new Problem('not_found', message, { errors: [{ path: `body.${field}`, message }] });
  };

  app.post(
    '/campaigns/:campaignId/cities/:cityCode/self-check-declarations',
    {
      config: { action: 'self_check.declare', access: { roles: OFFICER_OR_COORDINATOR, city: cityScope }, audit: true },
      schema: {
        summary: 'Record a self-check declaration (自查自纠): a person or unit corrected its own records',
        tags: tags.intake,
        params: CityParams,
        body: z
          .object({
            idNumber: IdNumberInput.optional(),
            unitName: nameText({ max: 200 }).optional(),
            unitCode: Uscc.optional(),
            correction: Correction,
            correctedOn: IsoDate,
            note: freeText({ max: 2000 }).optional(),
          })
          .refine((b) => b.idNumber || b.unitName || b.unitCode, {
            path: ['idNumber'],
            error: '请填写「身份证号」，或填写「单位名称」「统一社会信用代码」之一',
          }),
        response: { 201: DeclarationRecorded, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req, reply) => {
      const key = idempotencyKeyOf(req, false);
      req.auditDetail = { correction: req.body.correction, ...(req.body.idNumber ? { person: maskIdNumber(req.body.idNumber) } : {}) };
      if (req.body.idNumber) await assertPersonOfCity('idNumber', req.params, req.body.idNumber);
      const res = await runIdempotent(pool, req, key, async () => ({
        status: 201,
        body: await ctx.commands.recordSelfCheckDeclaration({ ...req.params, ...req.body, requestId: requestIdOf(key) }, officerOf(req.principal!)),
      }));
      return reply.code(201).send(DeclarationRecorded.parse(res.body));
    },
  );

  app.get(
    '/campaigns/:campaignId/cities/:cityCode/self-check-declarations',
    {
      config: { action: 'self_check.list', access: { roles: READ_ALL, city: cityScope }, audit: true },
      schema: {
        summary: "A city's self-check declarations",
        tags: tags.intake,
        params: CityParams,
        querystring: Page,
        response: { 200: z.object({ items: z.array(SelfCheckDeclaration) }), ...problemResponses(400, 401, 403) },
      },
    },
    async (req) => ({
      items: await listSelfCheckDeclarations(pool, { ...req.params, ...req.query }, seesPersons(req.principal!)),
    }),
  );

  app.post(
    '/campaigns/:campaignId/cities/:cityCode/deregistration-requests',
    {
      config: { action: 'deregistration.request', access: { roles: OFFICER_OR_COORDINATOR, city: cityScope }, audit: true },
      schema: {
        summary: 'Record a request to deregister (申请注销); its fast-track time limit is watched',
        tags: tags.intake,
        params: CityParams,
        body: z.object({ idNumber: IdNumberInput, certNumber: plainText({ max: 60, trim: true }).optional() }),
        response: { 201: DeregistrationRequested, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req, reply) => {
      const key = idempotencyKeyOf(req, false);
      req.auditDetail = { person: maskIdNumber(req.body.idNumber) };
      await assertPersonOfCity('idNumber', req.params, req.body.idNumber);
      const res = await runIdempotent(pool, req, key, async () => ({
        status: 201,
        body: await ctx.commands.requestDeregistration({ ...req.params, ...req.body, requestId: requestIdOf(key) }, officerOf(req.principal!)),
      }));
      return reply.code(201).send(DeregistrationRequested.parse(res.body));
    },
  );

  app.get(
    '/campaigns/:campaignId/cities/:cityCode/deregistration-requests',
    {
      config: { action: 'deregistration.list', access: { roles: READ_ALL, city: cityScope }, audit: true },
      schema: {
        summary: "A city's deregistration requests and their time limits",
        tags: tags.intake,
        params: CityParams,
        querystring: Page,
        response: { 200: z.object({ items: z.array(DeregistrationRequest) }), ...problemResponses(400, 401, 403) },
      },
    },
    async (req) => ({
      items: await listDeregistrationRequests(pool, { ...req.params, ...req.query }, seesPersons(req.principal!)),
    }),
  );

  app.post(
    '/campaigns/:campaignId/cities/:cityCode/deregistration-requests/:requestId/processing',
    {
      config: { action: 'deregistration.process', access: { roles: COORDINATOR, city: cityScope }, audit: true },
      schema: {
        summary: 'The issuing authority processed a deregistration request (cancelled or refused)',
        tags: tags.intake,
        params: CityParams.extend({ requestId: z.coerce.number().int().positive() }),
        body: z.object({ outcome: DeregistrationOutcome.meta({ title: '办理结果' }) }),
        response: { 200: DeregistrationProcessed, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req) => {
      const key = idempotencyKeyOf(req, false);
      const res = await runIdempotent(pool, req, key, async () => ({
        status: 200,
        body: await ctx.commands.processDeregistration({
          campaignId: req.params.campaignId,
          cityCode: req.params.cityCode,
          requestId: req.params.requestId,
          outcome: req.body.outcome,
          officer: officerOf(req.principal!),
          updateId: key ?? `deregistration/${req.params.requestId}/${req.body.outcome}`,
        }),
      }));
      return DeregistrationProcessed.parse(res.body);
    },
  );

  app.post(
    '/campaigns/:campaignId/cities/:cityCode/complaints',
    {
      config: { action: 'complaint.register', access: { roles: OFFICER_OR_COORDINATOR, city: cityScope }, audit: true },
      schema: {
        summary: "Register a complaint or tip (投诉举报); it joins the person's case or opens one",
        tags: tags.intake,
        params: CityParams,
        body: z
          .object({
            receivedAt: z.iso.datetime({ offset: true }),
            channel: ComplaintChannel,
            subjectIdNumber: IdNumberInput.optional(),
            subjectUnit: nameText({ max: 200 }).optional(),
            content: freeText({ max: 10_000 }),
          })
          .refine((b) => b.subjectIdNumber || b.subjectUnit, {
            path: ['subjectIdNumber'],
            error: '请填写「被举报人身份证号」或「被举报单位」',
          }),
        response: { 201: ComplaintRegistered, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req, reply) => {
      const key = idempotencyKeyOf(req, false);
      req.auditDetail = { channel: req.body.channel, ...(req.body.subjectIdNumber ? { person: maskIdNumber(req.body.subjectIdNumber) } : {}) };
      if (req.body.subjectIdNumber) await assertPersonOfCity('subjectIdNumber', req.params, req.body.subjectIdNumber);
      const res = await runIdempotent(pool, req, key, async () => ({
        status: 201,
        body: await ctx.commands.registerComplaint({ ...req.params, ...req.body, requestId: requestIdOf(key) }, officerOf(req.principal!)),
      }));
      return reply.code(201).send(ComplaintRegistered.parse(res.body));
    },
  );

  app.get(
    '/campaigns/:campaignId/cities/:cityCode/complaints',
    {
      config: { action: 'complaint.list', access: { roles: READ_ALL, city: cityScope }, audit: true },
      schema: {
        summary: "A city's complaints",
        tags: tags.intake,
        params: CityParams,
        querystring: Page,
        response: { 200: z.object({ items: z.array(Complaint) }), ...problemResponses(400, 401, 403) },
      },
    },
    async (req) => ({
      items: await listComplaints(pool, { ...req.params, ...req.query }, seesPersons(req.principal!)),
    }),
  );
}
