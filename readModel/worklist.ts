/**
 * A city's worklist: its cases with the screening's names and units, filtered, sorted and paged.
 * Supervisors and auditors get no names (`persons` false); everyone gets the masked ID number.
 */
import type { Pool } from 'pg';
import { z } from 'zod';
import { FlagCode } from '../domain/flags';
import { maskIdNumber } from '../domain/idNumber';
import { CaseOutcome } from '../domain/outcomes';
import { Instant, instant, instantOrNull, parseRows, TimestampColumn } from './sqlTypes';

export const CaseStatus = z.enum(['open', 'decided', 'closed', 'carried_over']);
export const CaseOrigin = z.enum(['screening', 'complaint']);

export const WORKLIST_SORTS = {
  risk: 'c.risk_score DESC, c.case_id',
  '-risk': 'c.risk_score ASC, c.case_id',
  due: 'c.due_at ASC NULLS LAST, c.case_id',
  caseNo: 'c.case_no ASC',
  opened: 'c.opened_at DESC, c.case_id',
} as const;
export type WorklistSort = keyof typeof WORKLIST_SORTS;

interface WorklistFilter {
  campaignId: string;
  cityCode: string;
  status?: z.infer<typeof CaseStatus>;
  outcome?: CaseOutcome;
  flag?: FlagCode;
  unit?: string;
  riskMin?: number;
  riskMax?: number;
  dueBefore?: string;
  overdue?: boolean;
  ready?: boolean;
  sort: WorklistSort;
  page: number;
  pageSize: number;
}

const WorklistRow = z.object({
  case_id: z.string(),
  case_no: z.string(),
  status: CaseStatus,
  outcome: CaseOutcome.nullable(),
  reasons: z.array(z.string()),
  risk_score: z.number().int(),
  origin: CaseOrigin,
  opened_at: TimestampColumn,
  due_at: TimestampColumn.nullable(),
  decided_at: TimestampColumn.nullable(),
  ready_at: TimestampColumn.nullable(),
  id_number: z.string(),
  name: z.string().nullable(),
  reg_unit_names: z.array(z.string()).nullable(),
  ss_unit_name: z.string().nullable(),
  fund_unit_name: z.string().nullable(),
});

export const WorklistItem = z.object({
  caseId: z.string(),
  caseNo: z.string(),
  status: CaseStatus,
  outcome: CaseOutcome.nullable(),
  reasons: z.array(z.string()).describe('flag codes'),
  riskScore: z.number().int(),
  origin: CaseOrigin,
  openedAt: Instant,
  dueAt: Instant.nullable(),
  decidedAt: Instant.nullable(),
  ready: z.boolean().describe("false while the case's workflow is still being started: a decision is refused until then"),
  idNumberMasked: z.string(),
  name: z.string().nullable().optional().describe('city officers and coordinators only'),
  regUnitNames: z.array(z.string()),
  ssUnitName: z.string().nullable(),
  fundUnitName: z.string().nullable(),
});
export type WorklistItem = z.infer<typeof WorklistItem>;

export const Worklist = z.object({ items: z.array(WorklistItem), page: z.number().int(), pageSize: z.number().int(), total: z.number().int() });
export type Worklist = z.infer<typeof Worklist>;

export async function worklist(pool: Pool, f: WorklistFilter, persons: boolean): Promise<Worklist> {
  const where = ['c.campaign_id = $1', 'c.city_code = $2'];
  const args: unknown[] = [f.campaignId, f.cityCode];
  const add = (sql: string, v: unknown) => {
    args.push(v);
    where.push(sql.replace('?', `$${args.length}`));
  };
  if (f.status) add('c.status = ?', f.status);
  if (f.outcome) add('c.outcome = ?', f.outcome);
  if (f.flag) add('? = ANY(c.reasons)', f.flag);
  if (f.riskMin !== undefined) add('c.risk_score >= ?', f.riskMin);
  if (f.riskMax !== undefined) add('c.risk_score <= ?', f.riskMax);
  if (f.dueBefore) add('c.due_at < ?', f.dueBefore);
  if (f.overdue === true) where.push(`c.status = 'open' AND c.due_at < now()`);
  if (f.ready === true) where.push(`c.status = 'open' AND c.ready_at IS NOT NULL`);
  if (f.ready === false) where.push(`c.status = 'open' AND c.ready_at IS NULL`);
  if (f.unit) {
    args.push(`%${f.unit.replace(/[\\%_]/g, (m) => `\\${m}`)}%`, f.unit.toUpperCase());
    const like = `$${args.length - 1}`;
    const code = `$${args.length}`;
    where.push(`(EXISTS (SELECT 1 FROM unnest(s.reg_unit_names) n WHERE n ILIKE ${like}) OR s.ss_unit_name ILIKE ${like}
      OR s.fund_unit_name ILIKE ${like} OR ${code} = ANY(s.reg_unit_codes) OR s.ss_unit_code = ${code} OR s.fund_unit_code = ${code})`);
  }
  const from = `FROM case_file c LEFT JOIN screening_result s ON s.run_id = c.screening_run_id AND s.id_number = c.id_number
    WHERE ${where.join(' AND ')}`;
  const [total, page] = await Promise.all([
    pool.query(`SELECT count(*)::int AS n ${from}`, args),
    pool.query(
      `SELECT c.case_id, c.case_no, c.status, c.outcome, c.reasons, c.risk_score, c.origin, c.opened_at, c.due_at, c.decided_at, c.ready_at,
              c.id_number, s.name, s.reg_unit_names, s.ss_unit_name, s.fund_unit_name
       ${from} ORDER BY ${WORKLIST_SORTS[f.sort]} LIMIT ${f.pageSize} OFFSET ${(f.page - 1) * f.pageSize}`,
      args,
    ),
  ]);
  return {
    page: f.page,
    pageSize: f.pageSize,
    total: z.object({ n: z.number().int() }).parse(total.rows[0]).n,
    items: parseRows(WorklistRow, page.rows).map((r) => ({
      caseId: r.case_id,
      caseNo: r.case_no,
      status: r.status,
      outcome: r.outcome,
      reasons: r.reasons,
      riskScore: r.risk_score,
      origin: r.origin,
      openedAt: instant(r.opened_at),
      dueAt: instantOrNull(r.due_at),
      decidedAt: instantOrNull(r.decided_at),
      // An open case is ready once its workflow takes decisions; until then a decision is refused.
      ready: r.ready_at !== null,
      idNumberMasked: maskIdNumber(r.id_number),
      ...(persons ? { name: r.name } : {}),
      regUnitNames: r.reg_unit_names ?? [],
      ssUnitName: r.ss_unit_name,
      fundUnitName: r.fund_unit_name,
    })),
  };
}
