/** Phase 1 intake and complaints: self-check declarations, deregistration requests, complaints (投诉举报). */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ComplaintChannel } from '../../activities/cases/registerComplaint';
import { IsoDate } from '../../domain/calendar';
import { maskIdNumber } from '../../domain/idNumber';
import { officerOf, type Principal } from '../auth/principal';
import { COORDINATOR, OFFICER_OR_COORDINATOR, READ_ALL } from '../authz/access';
import { idempotencyKeyOf, runIdempotent } from '../http/idempotency';
import { problemResponses } from '../http/problem';
import type { RouteContext, ZodApp } from './context';
import { AnyObject, CityParams, IdNumberInput, Page, tags } from './schemas';

const seesPersons = (p: Principal) => p.role === 'city_officer' || p.role === 'province_coordinator';
const iso = (d: unknown) => (d instanceof Date ? d.toISOString() : d === null || d === undefined ? null : typeof d === 'string' ? d : JSON.stringify(d));
const Uscc = z.string().trim().toUpperCase().regex(/^[0-9A-HJ-NPQRTUWXY]{18}$/, 'an 18-character unified social credit code');
const cityScope = { kind: 'param', param: 'cityCode' } as const;

export function registerIntakeRoutes(app: ZodApp, ctx: RouteContext): void {
  const { pool } = ctx;
  const requestIdOf = (key: string | undefined) => key ?? randomUUID();

  app.post('/campaigns/:campaignId/cities/:cityCode/self-check-declarations', {
    config: { action: 'self_check.declare', access: { roles: OFFICER_OR_COORDINATOR, city: cityScope }, audit: true },
    schema: {
      summary: 'Record a self-check declaration (自查自纠): a person or unit corrected its own records',
      tags: tags.intake,
      params: CityParams,
      body: z
        .object({
          idNumber: IdNumberInput.optional(),
          unitName: z.string().trim().min(1).max(200).optional(),
          unitCode: Uscc.optional(),
          correction: z.enum(['moved_contributions', 'moved_registration', 'deregistration_applied']),
          correctedOn: IsoDate,
          note: z.string().trim().min(1).max(2000).optional(),
        })
        .refine((b) => b.idNumber || b.unitName || b.unitCode, 'name the person (idNumber) or the unit'),
      response: { 201: AnyObject, ...problemResponses(400, 401, 403, 404, 409, 422) },
    },
  }, async (req, reply) => {
    const key = idempotencyKeyOf(req, false);
    const res = await runIdempotent(pool, req, key, async () => ({
      status: 201,
      body: await ctx.commands.recordSelfCheckDeclaration({ ...req.params, ...req.body, requestId: requestIdOf(key) }, officerOf(req.principal!)),
    }));
    req.auditDetail = { correction: req.body.correction, ...(req.body.idNumber ? { person: maskIdNumber(req.body.idNumber) } : {}) };
    return reply.code(res.status as 201).send(res.body as Record<string, unknown>);
  });

  app.get('/campaigns/:campaignId/cities/:cityCode/self-check-declarations', {
    config: { action: 'self_check.list', access: { roles: READ_ALL, city: cityScope } },
    schema: { summary: "A city's self-check declarations", tags: tags.intake, params: CityParams, querystring: Page, response: { 200: z.object({ items: z.array(AnyObject) }) } },
  }, async (req) => {
    const persons = seesPersons(req.principal!);
    const { rows } = await pool.query(
      `SELECT id, id_number, unit_name, unit_code, correction, to_char(corrected_on, 'YYYY-MM-DD') AS corrected_on, declared_by, received_at, note
       FROM self_check_declaration WHERE campaign_id = $1 AND city_code = $2 ORDER BY id LIMIT $3 OFFSET $4`,
      [req.params.campaignId, req.params.cityCode, req.query.pageSize, (req.query.page - 1) * req.query.pageSize],
    );
    return {
      items: rows.map((r) => ({
        id: Number(r.id), idNumber: r.id_number ? (persons ? r.id_number : maskIdNumber(r.id_number)) : null, unitName: r.unit_name,
        unitCode: r.unit_code, correction: r.correction, correctedOn: r.corrected_on, declaredBy: r.declared_by, receivedAt: iso(r.received_at),
        ...(persons ? { note: r.note } : {}),
      })),
    };
  });

  app.post('/campaigns/:campaignId/cities/:cityCode/deregistration-requests', {
    config: { action: 'deregistration.request', access: { roles: OFFICER_OR_COORDINATOR, city: cityScope }, audit: true },
    schema: {
      summary: 'Record a request to deregister (申请注销); its fast-track time limit is watched',
      tags: tags.intake,
      params: CityParams,
      body: z.object({ idNumber: IdNumberInput, certNumber: z.string().trim().min(1).max(60).optional() }),
      response: { 201: AnyObject, ...problemResponses(400, 401, 403, 404, 409, 422) },
    },
  }, async (req, reply) => {
    const key = idempotencyKeyOf(req, false);
    req.auditDetail = { person: maskIdNumber(req.body.idNumber) };
    const res = await runIdempotent(pool, req, key, async () => ({
      status: 201,
      body: await ctx.commands.requestDeregistration({ ...req.params, ...req.body, requestId: requestIdOf(key) }, officerOf(req.principal!)),
    }));
    return reply.code(res.status as 201).send(res.body as Record<string, unknown>);
  });

  app.get('/campaigns/:campaignId/cities/:cityCode/deregistration-requests', {
    config: { action: 'deregistration.list', access: { roles: READ_ALL, city: cityScope } },
    schema: { summary: "A city's deregistration requests and their time limits", tags: tags.intake, params: CityParams, querystring: Page, response: { 200: z.object({ items: z.array(AnyObject) }) } },
  }, async (req) => {
    const persons = seesPersons(req.principal!);
    const { rows } = await pool.query(
      `SELECT id, id_number, cert_number, requested_by, received_at, to_char(sla_due, 'YYYY-MM-DD') AS sla_due, sla_due_at, processed_at, outcome
       FROM deregistration_request WHERE campaign_id = $1 AND city_code = $2 ORDER BY id LIMIT $3 OFFSET $4`,
      [req.params.campaignId, req.params.cityCode, req.query.pageSize, (req.query.page - 1) * req.query.pageSize],
    );
    return {
      items: rows.map((r) => ({
        id: Number(r.id), idNumber: persons ? r.id_number : maskIdNumber(r.id_number), certNumber: persons ? r.cert_number : undefined,
        requestedBy: r.requested_by, receivedAt: iso(r.received_at), slaDue: r.sla_due, slaDueAt: iso(r.sla_due_at),
        processedAt: iso(r.processed_at), outcome: r.outcome,
      })),
    };
  });

  app.post('/campaigns/:campaignId/cities/:cityCode/deregistration-requests/:requestId/processing', {
    config: { action: 'deregistration.process', access: { roles: COORDINATOR, city: cityScope }, audit: true },
    schema: {
      summary: 'The issuing authority processed a deregistration request (cancelled or refused)',
      tags: tags.intake,
      params: CityParams.extend({ requestId: z.coerce.number().int().positive() }),
      body: z.object({ outcome: z.enum(['cancelled', 'refused']) }),
      response: { 200: AnyObject, ...problemResponses(400, 401, 403, 404, 409, 422) },
    },
  }, async (req) => {
    const key = idempotencyKeyOf(req, false);
    const res = await runIdempotent(pool, req, key, async () => ({
      status: 200,
      body: await ctx.commands.processDeregistration({
        campaignId: req.params.campaignId, cityCode: req.params.cityCode, requestId: req.params.requestId, outcome: req.body.outcome,
        officer: officerOf(req.principal!), updateId: key ?? `deregistration/${req.params.requestId}/${req.body.outcome}`,
      }),
    }));
    return res.body as Record<string, unknown>;
  });

  app.post('/campaigns/:campaignId/cities/:cityCode/complaints', {
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
          subjectUnit: z.string().trim().min(1).max(200).optional(),
          content: z.string().trim().min(1).max(10_000),
        })
        .refine((b) => b.subjectIdNumber || b.subjectUnit, 'name the person (subjectIdNumber) or the unit'),
      response: { 201: AnyObject, ...problemResponses(400, 401, 403, 404, 409, 422) },
    },
  }, async (req, reply) => {
    const key = idempotencyKeyOf(req, false);
    req.auditDetail = { channel: req.body.channel, ...(req.body.subjectIdNumber ? { person: maskIdNumber(req.body.subjectIdNumber) } : {}) };
    const res = await runIdempotent(pool, req, key, async () => ({
      status: 201,
      body: await ctx.commands.registerComplaint({ ...req.params, ...req.body, requestId: requestIdOf(key) }, officerOf(req.principal!)),
    }));
    return reply.code(res.status as 201).send(res.body as Record<string, unknown>);
  });

  app.get('/campaigns/:campaignId/cities/:cityCode/complaints', {
    config: { action: 'complaint.list', access: { roles: READ_ALL, city: cityScope } },
    schema: { summary: "A city's complaints", tags: tags.intake, params: CityParams, querystring: Page, response: { 200: z.object({ items: z.array(AnyObject) }) } },
  }, async (req) => {
    const persons = seesPersons(req.principal!);
    const { rows } = await pool.query(
      `SELECT complaint_id, received_at, channel, subject_id_number, subject_unit, content, case_id, registered_at
       FROM complaint WHERE campaign_id = $1 AND city_code = $2 ORDER BY received_at LIMIT $3 OFFSET $4`,
      [req.params.campaignId, req.params.cityCode, req.query.pageSize, (req.query.page - 1) * req.query.pageSize],
    );
    return {
      items: rows.map((r) => ({
        complaintId: r.complaint_id, receivedAt: iso(r.received_at), channel: r.channel, caseId: r.case_id, registeredAt: iso(r.registered_at),
        subjectIdNumber: r.subject_id_number ? (persons ? r.subject_id_number : maskIdNumber(r.subject_id_number)) : null,
        ...(persons ? { subjectUnit: r.subject_unit, content: r.content } : {}),
      })),
    };
  });
}
