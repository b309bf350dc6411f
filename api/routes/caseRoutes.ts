/** The worklist of a city's cases and one case's detail with its evidence and timeline. */
import { z } from 'zod';
import { CaseOutcome } from '../../domain/outcomes';
import { FlagCode } from '../../domain/flags';
import { maskIdNumber } from '../../domain/idNumber';
import type { Principal } from '../auth/principal';
import { READ_ALL } from '../authz/access';
import { problemResponses } from '../http/problem';
import type { RouteContext, ZodApp } from './context';
import { AnyObject, CaseParams, CityParams, Page, tags } from './schemas';

/** Officers and coordinators work with people; supervisors and auditors see counts, ids and masks. */
const seesPersons = (p: Principal) => p.role === 'city_officer' || p.role === 'province_coordinator';
const iso = (d: unknown) => (d instanceof Date ? d.toISOString() : d === null || d === undefined ? null : typeof d === 'string' ? d : JSON.stringify(d));

const SORTS = {
  risk: 'c.risk_score DESC, c.case_id',
  '-risk': 'c.risk_score ASC, c.case_id',
  due: 'c.due_at ASC NULLS LAST, c.case_id',
  caseNo: 'c.case_no ASC',
  opened: 'c.opened_at DESC, c.case_id',
} as const;

const WorklistQuery = Page.extend({
  status: z.enum(['open', 'decided', 'closed', 'carried_over']).optional(),
  outcome: CaseOutcome.optional(),
  flag: FlagCode.optional(),
  unit: z.string().trim().min(2).max(200).optional().describe('part of a registration, social-insurance or fund unit name, or a unit code'),
  riskMin: z.coerce.number().int().min(0).optional(),
  riskMax: z.coerce.number().int().min(0).optional(),
  dueBefore: z.iso.datetime({ offset: true }).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  ready: z.enum(['true', 'false']).optional()
    .describe("true: only open cases whose workflow already takes decisions; false: only those still being started"),
  sort: z.enum(Object.keys(SORTS) as [keyof typeof SORTS, ...(keyof typeof SORTS)[]]).default('risk'),
});

export function registerCaseRoutes(app: ZodApp, ctx: RouteContext): void {
  const { pool } = ctx;

  app.get('/campaigns/:campaignId/cities/:cityCode/cases', {
    config: { action: 'case.list', access: { roles: READ_ALL, city: { kind: 'param', param: 'cityCode' } } },
    schema: {
      summary: "A city's worklist of cases: filters, sorting, pages",
      tags: tags.cases,
      params: CityParams,
      querystring: WorklistQuery,
      response: { 200: z.object({ items: z.array(AnyObject), page: z.number(), pageSize: z.number(), total: z.number() }), ...problemResponses(400, 401, 403) },
    },
  }, async (req) => {
    const q = req.query;
    const where = ['c.campaign_id = $1', 'c.city_code = $2'];
    const args: unknown[] = [req.params.campaignId, req.params.cityCode];
    const add = (sql: string, v: unknown) => {
      args.push(v);
      where.push(sql.replace('?', `$${args.length}`));
    };
    if (q.status) add('c.status = ?', q.status);
    if (q.outcome) add('c.outcome = ?', q.outcome);
    if (q.flag) add('? = ANY(c.reasons)', q.flag);
    if (q.riskMin !== undefined) add('c.risk_score >= ?', q.riskMin);
    if (q.riskMax !== undefined) add('c.risk_score <= ?', q.riskMax);
    if (q.dueBefore) add('c.due_at < ?', q.dueBefore);
    if (q.overdue === 'true') where.push(`c.status = 'open' AND c.due_at < now()`);
    if (q.ready === 'true') where.push(`c.status = 'open' AND c.ready_at IS NOT NULL`);
    if (q.ready === 'false') where.push(`c.status = 'open' AND c.ready_at IS NULL`);
    if (q.unit) {
      args.push(`%${q.unit.replace(/[\\%_]/g, (m) => `\\${m}`)}%`, q.unit.toUpperCase());
      const like = `$${args.length - 1}`;
      const code = `$${args.length}`;
      where.push(`(EXISTS (SELECT 1 FROM unnest(s.reg_unit_names) n WHERE n ILIKE ${like}) OR s.ss_unit_name ILIKE ${like}
        OR s.fund_unit_name ILIKE ${like} OR ${code} = ANY(s.reg_unit_codes) OR s.ss_unit_code = ${code} OR s.fund_unit_code = ${code})`);
    }
    const from = `FROM case_file c LEFT JOIN screening_result s ON s.run_id = c.screening_run_id AND s.id_number = c.id_number
      WHERE ${where.join(' AND ')}`;
    const total = await pool.query<{ n: number }>(`SELECT count(*)::int AS n ${from}`, args);
    const { rows } = await pool.query(
      `SELECT c.case_id, c.case_no, c.status, c.outcome, c.reasons, c.risk_score, c.origin, c.opened_at, c.due_at, c.decided_at, c.ready_at,
              c.id_number, s.name, s.reg_unit_names, s.ss_unit_name, s.fund_unit_name
       ${from} ORDER BY ${SORTS[q.sort]} LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
      args,
    );
    const persons = seesPersons(req.principal!);
    return {
      page: q.page,
      pageSize: q.pageSize,
      total: total.rows[0].n,
      items: rows.map((r) => ({
        caseId: r.case_id, caseNo: r.case_no, status: r.status, outcome: r.outcome, reasons: r.reasons, riskScore: r.risk_score,
        origin: r.origin, openedAt: iso(r.opened_at), dueAt: iso(r.due_at), decidedAt: iso(r.decided_at),
        // An open case is ready once its workflow takes decisions; until then a decision is refused.
        ready: r.ready_at !== null,
        idNumberMasked: maskIdNumber(r.id_number), ...(persons ? { name: r.name ?? null } : {}),
        regUnitNames: r.reg_unit_names ?? [], ssUnitName: r.ss_unit_name ?? null, fundUnitName: r.fund_unit_name ?? null,
      })),
    };
  });

  app.get('/cases/:caseId', {
    config: { action: 'case.read', access: { roles: READ_ALL, city: { kind: 'case', param: 'caseId' } } },
    schema: { summary: 'A case with its evidence and timeline', tags: tags.cases, params: CaseParams, response: { 200: AnyObject, ...problemResponses(401, 403, 404) } },
  }, async (req) => {
    const id = req.params.caseId;
    const persons = seesPersons(req.principal!);
    const [c, evidence, log, penalties, complaints, ban] = await Promise.all([
      pool.query(
        `SELECT c.*, s.name, to_char(c.decided_on, 'YYYY-MM-DD') AS decided_on_text FROM case_file c
         LEFT JOIN screening_result s ON s.run_id = c.screening_run_id AND s.id_number = c.id_number WHERE c.case_id = $1`, [id]),
      pool.query('SELECT kind, payload, gathered_at FROM case_evidence WHERE case_id = $1 ORDER BY kind', [id]),
      pool.query('SELECT update_id, action, officer_id, officer_role, officer_city, payload, recorded_at FROM decision_log WHERE case_id = $1 ORDER BY recorded_at', [id]),
      pool.query(`SELECT penalty_id, kind, level, to_char(imposed_on, 'YYYY-MM-DD') AS imposed_on, target, unit_name, unit_code, published FROM penalty WHERE case_id = $1 ORDER BY penalty_id`, [id]),
      pool.query('SELECT complaint_id, received_at, channel, content, registered_at FROM complaint WHERE case_id = $1 ORDER BY received_at', [id]),
      pool.query(`SELECT to_char(start_date, 'YYYY-MM-DD') AS start_date, to_char(end_date, 'YYYY-MM-DD') AS end_date FROM registration_ban WHERE case_id = $1`, [id]),
    ]);
    const r = c.rows[0];
    const timeline = [
      { at: iso(r.opened_at), kind: 'opened', detail: { origin: r.origin } },
      ...(r.evidence_at ? [{ at: iso(r.evidence_at), kind: 'evidence_gathered', detail: {} }] : []),
      ...(r.reminded_at ? [{ at: iso(r.reminded_at), kind: 'reminded', detail: { reminders: r.reminders } }] : []),
      ...(r.escalated_at ? [{ at: iso(r.escalated_at), kind: 'escalated', detail: {} }] : []),
      ...(r.overdue_at ? [{ at: iso(r.overdue_at), kind: 'overdue', detail: {} }] : []),
      ...complaints.rows.map((x) => ({ at: iso(x.received_at), kind: 'complaint', detail: { complaintId: x.complaint_id, channel: x.channel } })),
      ...log.rows.map((x) => ({ at: iso(x.recorded_at), kind: x.action, detail: { by: x.officer_id, role: x.officer_role, ...(persons ? { payload: x.payload } : {}) } })),
      ...(r.carried_over_at ? [{ at: iso(r.carried_over_at), kind: 'carried_over', detail: { reason: r.carry_over_reason } }] : []),
      ...(r.closed_at ? [{ at: iso(r.closed_at), kind: 'closed', detail: {} }] : []),
    ].sort((a, b) => String(a.at).localeCompare(String(b.at)));
    return {
      caseId: r.case_id, caseNo: r.case_no, campaignId: r.campaign_id, cityCode: r.city_code, status: r.status, origin: r.origin,
      reasons: r.reasons, riskScore: r.risk_score, outcome: r.outcome, decidedOn: r.decided_on_text, decidedBy: r.decided_by,
      liability: r.liability, exemptionBasis: r.exemption_basis, dueAt: iso(r.due_at), openedAt: iso(r.opened_at),
      ready: r.ready_at !== null, readyAt: iso(r.ready_at),
      person: persons ? { idNumber: r.id_number, name: r.name ?? null } : { idNumberMasked: maskIdNumber(r.id_number) },
      decision: persons ? r.decision : undefined,
      evidence: evidence.rows.map((e) => ({ kind: e.kind, gatheredAt: iso(e.gathered_at), ...(persons ? { payload: e.payload } : {}) })),
      penalties: penalties.rows.map((p) => ({
        penaltyId: p.penalty_id, kind: p.kind, level: p.level, imposedOn: p.imposed_on, target: p.target,
        unitName: p.unit_name, unitCode: p.unit_code, published: p.published,
      })),
      ban: ban.rows[0] ? { start: ban.rows[0].start_date, end: ban.rows[0].end_date } : null,
      complaints: complaints.rows.map((x) => ({ complaintId: x.complaint_id, receivedAt: iso(x.received_at), channel: x.channel, ...(persons ? { content: x.content } : {}) })),
      timeline,
    };
  });
}
