/**
 * A city's worklist: its cases with the screening's names and units, filtered, sorted and paged.
 * Supervisors and auditors get no names and no full ID numbers (`persons` false): the masked ID
 * number and the masked name only. Every item names its campaign and city, so a case page opened
 * from it can link back. The `figure` filter lists the cases a figure counts, by the reports'
 * own definition (detailRelation.ts CASE_FIGURES): its total is the figure.
 */
import type { CertCategory } from '../domain/certCategories';
import type { Pool } from 'pg';
import { z } from 'zod';
import { FlagCode } from '../domain/flags';
import { maskIdNumber } from '../domain/idNumber';
import { maskPersonName } from '../domain/maskPersonalData';
import { CaseOutcome } from '../domain/outcomes';
import { caseFigureSql, countedCaseSql, type CaseFigure } from './detailRelation';
import { Instant, instant, instantOrNull, parseRows, TimestampColumn } from './sqlTypes';

export const CaseStatus = z.enum(['open', 'decided', 'closed', 'carried_over']);
export const CaseOrigin = z.enum(['screening', 'complaint', 'transfer']);

export const WORKLIST_SORTS = {
  risk: 'c.risk_score DESC, c.case_id',
  '-risk': 'c.risk_score ASC, c.case_id',
  due: 'c.due_at ASC NULLS LAST, c.case_id',
  '-due': 'c.due_at DESC NULLS LAST, c.case_id',
  caseNo: 'c.case_no ASC',
  '-caseNo': 'c.case_no DESC',
  opened: 'c.opened_at DESC, c.case_id',
  '-opened': 'c.opened_at ASC, c.case_id',
  decided: 'c.decided_at DESC NULLS LAST, c.case_id',
} as const;
export type WorklistSort = keyof typeof WORKLIST_SORTS;

/** The figures whose rows are all cases, by their summary key: the worklist filtered by one has the figure as its total. */
const WORKLIST_FIGURES = {
  verified: 'verified',
  confirmedHanging: 'confirmed',
  stillOpen: 'still_open',
  carriedOver: 'carried_over',
  fromComplaints: 'from_complaint',
} as const satisfies Record<string, CaseFigure>;
export const WorklistFigure = z.enum(Object.keys(WORKLIST_FIGURES) as [keyof typeof WORKLIST_FIGURES, ...(keyof typeof WORKLIST_FIGURES)[]]);
export type WorklistFigure = z.infer<typeof WorklistFigure>;

interface WorklistFilter {
  campaignId: string;
  cityCode: string;
  status?: z.infer<typeof CaseStatus>;
  outcome?: CaseOutcome;
  origin?: z.infer<typeof CaseOrigin>;
  figure?: WorklistFigure;
  /** Part of the case number. */
  caseNo?: string;
  flag?: FlagCode;
  certCategory?: CertCategory;
  unit?: string;
  riskMin?: number;
  riskMax?: number;
  dueBefore?: string;
  overdue?: boolean;
  ready?: boolean;
  /** A user name (the 承办人), or null: only cases without one. */
  assignee?: string | null;
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
  assignee: z.string().nullable(),
  assignee_name: z.string().nullable(),
});

export const WorklistItem = z.object({
  caseId: z.string(),
  caseNo: z.string(),
  campaignId: z.string().describe('with cityCode: where the case page links back to'),
  cityCode: z.string(),
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
  nameMasked: z.string().nullable().optional().describe('supervisors and auditors: the surname only (张*)'),
  regUnitNames: z.array(z.string()),
  ssUnitName: z.string().nullable(),
  fundUnitName: z.string().nullable(),
  assignee: z.string().nullable().describe('the 承办人 (user name), null: unassigned'),
  assigneeName: z.string().nullable(),
});
export type WorklistItem = z.infer<typeof WorklistItem>;

export const Worklist = z.object({
  campaignId: z.string(),
  cityCode: z.string(),
  items: z.array(WorklistItem),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int().describe('cases matching the filters, over every page'),
  pages: z.number().int().describe('pages of pageSize for the total'),
});
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
  if (f.origin) add('c.origin = ?', f.origin);
  // A figure's cases are the ones it counts: a case transferred to another city is counted there.
  if (f.figure) where.push(caseFigureSql(WORKLIST_FIGURES[f.figure], 'c'), countedCaseSql('c'));
  if (f.caseNo)
    add(
      `c.case_no ILIKE '%' || ? || '%'`,
      f.caseNo.replace(/[\\%_]/g, (m) => `\\${m}`),
    );
  if (f.flag) add('? = ANY(c.reasons)', f.flag);
  if (f.certCategory) add('? = ANY(s.cert_categories)', f.certCategory);
  if (f.riskMin !== undefined) add('c.risk_score >= ?', f.riskMin);
  if (f.riskMax !== undefined) add('c.risk_score <= ?', f.riskMax);
  if (f.dueBefore) add('c.due_at < ?', f.dueBefore);
  if (f.overdue === true) where.push(`c.status = 'open' AND c.due_at < now()`);
  if (f.ready === true) where.push(`c.status = 'open' AND c.ready_at IS NOT NULL`);
  if (f.ready === false) where.push(`c.status = 'open' AND c.ready_at IS NULL`);
  if (f.assignee === null) where.push('a.case_id IS NULL');
  else if (f.assignee !== undefined) add('a.assignee = ?', f.assignee);
  if (f.unit) {
    args.push(`%${f.unit.replace(/[\\%_]/g, (m) => `\\${m}`)}%`, f.unit.toUpperCase());
    const like = `$${args.length - 1}`;
    const code = `$${args.length}`;
    where.push(`(EXISTS (SELECT 1 FROM unnest(s.reg_unit_names) n WHERE n ILIKE ${like}) OR s.ss_unit_name ILIKE ${like}
      OR s.fund_unit_name ILIKE ${like} OR ${code} = ANY(s.reg_unit_codes) OR s.ss_unit_code = ${code} OR s.fund_unit_code = ${code})`);
  }
  const from = `FROM case_file c LEFT JOIN screening_result s ON s.run_id = c.screening_run_id AND s.id_number = c.id_number
    LEFT JOIN case_assignment a ON a.case_id = c.case_id
    WHERE ${where.join(' AND ')}`;
  const [total, page] = await Promise.all([
    pool.query(`SELECT count(*)::int AS n ${from}`, args),
    pool.query(
      `SELECT c.case_id, c.case_no, c.status, c.outcome, c.reasons, c.risk_score, c.origin, c.opened_at, c.due_at, c.decided_at, c.ready_at,
              c.id_number, s.name, s.reg_unit_names, s.ss_unit_name, s.fund_unit_name, a.assignee,
              (SELECT u.display_name FROM app_user u WHERE u.username = a.assignee) AS assignee_name
       ${from} ORDER BY ${WORKLIST_SORTS[f.sort]} LIMIT ${f.pageSize} OFFSET ${(f.page - 1) * f.pageSize}`,
      args,
    ),
  ]);
  const n = z.object({ n: z.number().int() }).parse(total.rows[0]).n;
  return {
    campaignId: f.campaignId,
    cityCode: f.cityCode,
    page: f.page,
    pageSize: f.pageSize,
    total: n,
    pages: Math.ceil(n / f.pageSize),
    items: parseRows(WorklistRow, page.rows).map((r) => ({
      caseId: r.case_id,
      caseNo: r.case_no,
      campaignId: f.campaignId,
      cityCode: f.cityCode,
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
      ...(persons ? { name: r.name } : { nameMasked: r.name === null ? null : maskPersonName(r.name) }),
      regUnitNames: r.reg_unit_names ?? [],
      ssUnitName: r.ss_unit_name,
      fundUnitName: r.fund_unit_name,
      assignee: r.assignee,
      assigneeName: r.assignee_name,
    })),
  };
}
