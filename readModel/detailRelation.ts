/**
 * The ONE relation every figure comes from: one row per person (or unit) the summary table lists.
 * The detail sheet prints it (activities/reports/detailDisplaySql); the reports and the API count
 * it (detailCountsSql, through readModel/cityFigures); both classify rows with `classified` below,
 * so a total always equals its rows. What a figure counts of a case is CASE_FIGURES, which the
 * worklist's `figure` filter uses too: a figure, its rows in the table and its cases in the
 * worklist cannot disagree.
 *
 * Row sets: 'selfCheck' lists phase 1's subjects (self-check declarations and deregistration
 * requests: one row per person, one per unit-only declaration); 'investigation' lists every case
 * the figures count (countedCaseSql: not one transferred to another city), then the self-check subjects who have no case (the January table is cumulative, and no person
 * appears twice).
 *
 * Parameters: $1 campaign id, $2 one city (bpchar) or several (bpchar[]), $3 labels (jsonb,
 * reportLabels.ts; the printed text only).
 */
/**
 * Whether the figures count a case (alias `c`, a case_file row): every case but one closed as
 * TRANSFERRED to another city of the province with its transfer recorded (case_transfer kind
 * 'city'). That person is the receiving city's: its case (origin 'transfer') is listed and counted
 * there, so the province's total counts the person once (docs/reports.md). A referral to an outside
 * authority, and a TRANSFERRED decision from before the transfer rows (free text only), stay the
 * sending city's: no other case of the province counts the person. When the sending case no longer
 * stands as TRANSFERRED (reopened, or overridden to another outcome), the person is the sending
 * city's again, and the receiving case is no longer counted (it stays on its city's list to be closed).
 */
export const countedCaseSql = (c: string) =>
  `NOT (coalesce(${c}.outcome = 'TRANSFERRED', false) AND EXISTS (SELECT 1 FROM case_transfer t WHERE t.from_case_id = ${c}.case_id AND t.kind = 'city'))
   AND NOT (${c}.origin = 'transfer' AND NOT EXISTS (SELECT 1 FROM case_transfer t JOIN case_file s ON s.case_id = t.from_case_id
                                                      WHERE t.to_case_id = ${c}.case_id AND s.outcome = 'TRANSFERRED'))`;

/** Which rows a summary table lists: phase 1's self-check subjects, or every case plus them (activities/reports/reportKinds). */
export type RowSet = 'selfCheck' | 'investigation';

/** A label map of $3: MAP('outcome') ->> 'VIOLATION'. */
export const MAP = (name: string) => `($3::jsonb -> '${name}')`;

export type CityScope = 'one' | 'many';
const inCities = (scope: CityScope) => (scope === 'one' ? '= $2::bpchar' : '= ANY ($2::bpchar[])');
const SC_DEADLINE = `(SELECT (calendar #>> '{selfCheck,deadline}')::date FROM campaign WHERE id = $1)`;

/** Every branch has these columns in this order; one a branch lacks is a typed NULL. */
const COLUMNS = {
  city_code: 'bpchar',
  section: 'int',
  sort_key: 'text',
  sort_at: 'timestamptz',
  sort_n: 'bigint',
  case_no: 'text',
  id_number: 'text',
  name: 'text',
  cats: 'text[]',
  nums: 'text[]',
  units: 'text[]',
  ss_unit: 'text',
  fund_unit: 'text',
  reasons: 'text[]',
  origin: 'text',
  status: 'text',
  outcome: 'text',
  liability: 'text',
  decided_on: 'date',
  carry_reason: 'text',
  actual_employer: 'text',
  ground: 'text',
  how: 'text',
  receiving: 'text',
  pen_text: 'text',
  lv_city: 'boolean',
  lv_province: 'boolean',
  pen_last: 'date',
  correction: 'text',
  corrected_on: 'date',
  decl_unit: 'text',
  dreq_received_on: 'date',
  dreq_processed_on: 'date',
  dreq_outcome: 'text',
  sc_deadline: 'date',
} as const;
type Column = keyof typeof COLUMNS;

function branch(exprs: Partial<Record<Column, string>>, from: string): string {
  const cols = (Object.keys(COLUMNS) as Column[]).map((c) => `(${exprs[c] ?? 'NULL'})::${COLUMNS[c]} AS ${c}`);
  return `SELECT ${cols.join(', ')}\n${from}`;
}

/** What the detail sheet prints of a case's penalties: the kinds (as codes; the writer labels them), who imposed them, when. */
const PENALTY_DISPLAY = `string_agg(DISTINCT x.kind, ',') AS pen_text,
  bool_or(x.level = 'city') AS lv_city, bool_or(x.level = 'province') AS lv_province, max(x.imposed_on) AS pen_last`;

/**
 * A case's penalties as the detail sheet prints them: a lateral lookup per case, which keeps case
 * order, so the rows stream. The figures count penalties by kind separately (reportFigures), over
 * the same cases.
 */
const PENALTY_JOIN = `LEFT JOIN LATERAL (SELECT ${PENALTY_DISPLAY} FROM penalty x WHERE x.case_id = c.case_id) p ON true`;

/**
 * Registry facts (name, registrations, the units paying at the latest month) for the persons a
 * screening result does not describe: one pass over each import table of the campaign's snapshot,
 * joined to the few ID numbers in `need` (the import tables have no per-person index, on purpose).
 * MATERIALIZED: computed once, not once per complaint case that looks a person up.
 */
export function registryCtes(needSql: string): string {
  return `snap AS (SELECT b.batch_id FROM data_snapshot_batch b JOIN campaign k ON k.snapshot_id = b.snapshot_id WHERE k.id = $1),
need AS (${needSql}),
reg AS MATERIALIZED (
  SELECT g.id_number, (array_agg(g.name ORDER BY g.batch_id, g.line))[1] AS name, array_agg(g.cert_category ORDER BY g.batch_id, g.line) AS cats,
         array_agg(g.cert_number ORDER BY g.batch_id, g.line) AS nums, array_agg(g.unit_name ORDER BY g.batch_id, g.line) AS units
  FROM registration g
  WHERE g.status = 'valid' AND g.batch_id IN (SELECT batch_id FROM snap) AND g.id_number IN (SELECT id_number FROM need)
  GROUP BY g.id_number),
ss AS MATERIALIZED (
  SELECT id_number, string_agg(DISTINCT unit_name, '；') AS units FROM (
    SELECT s.id_number, s.unit_name, rank() OVER (PARTITION BY s.id_number ORDER BY s.period DESC) AS rk FROM social_insurance s
    WHERE s.batch_id IN (SELECT batch_id FROM snap) AND s.id_number IN (SELECT id_number FROM need)) x
  WHERE rk = 1 AND unit_name IS NOT NULL GROUP BY id_number),
fund AS MATERIALIZED (
  SELECT id_number, string_agg(DISTINCT unit_name, '；') AS units FROM (
    SELECT f.id_number, f.unit_name, rank() OVER (PARTITION BY f.id_number ORDER BY f.period DESC) AS rk FROM housing_fund f
    WHERE f.batch_id IN (SELECT batch_id FROM snap) AND f.id_number IN (SELECT id_number FROM need)) x
  WHERE rk = 1 GROUP BY id_number)`;
}

/**
 * The case rows. `display` adds what only the detail sheet needs: the penalties, and the registry
 * facts of complaint cases (no screening result), read from the registry CTEs.
 */
export function casesBranch(scope: CityScope, display: boolean): string {
  const registry = display;
  const fromRegistry = (screened: string, cte: string, col: string) =>
    registry ? `CASE WHEN c.screening_run_id IS NULL THEN (SELECT ${col} FROM ${cte} WHERE ${cte}.id_number = c.id_number) ELSE ${screened} END` : screened;
  return branch(
    {
      city_code: 'c.city_code',
      section: '1',
      sort_key: 'c.case_id',
      sort_n: 'c.seq',
      case_no: 'c.case_no',
      id_number: 'c.id_number',
      name: fromRegistry('r.name', 'reg', 'name'),
      cats: fromRegistry('r.cert_categories', 'reg', 'cats'),
      nums: fromRegistry('r.cert_numbers', 'reg', 'nums'),
      units: fromRegistry('r.reg_unit_names', 'reg', 'units'),
      ss_unit: fromRegistry('r.ss_unit_name', 'ss', 'units'),
      fund_unit: fromRegistry('r.fund_unit_name', 'fund', 'units'),
      reasons: 'c.reasons',
      origin: 'c.origin',
      status: 'c.status',
      outcome: 'c.outcome',
      liability: 'c.liability',
      decided_on: 'c.decided_on',
      carry_reason: 'c.carry_over_reason',
      actual_employer: `c.decision #>> '{actualEmployer,name}'`,
      ground: `c.decision ->> 'ground'`,
      how: `c.decision ->> 'how'`,
      receiving: `c.decision ->> 'receivingAuthority'`,
      ...(display ? { pen_text: 'p.pen_text', lv_city: 'p.lv_city', lv_province: 'p.lv_province', pen_last: 'p.pen_last' } : {}),
      sc_deadline: SC_DEADLINE,
    },
    `FROM case_file c
LEFT JOIN screening_result r ON r.run_id = c.screening_run_id AND r.id_number = c.id_number
${display ? PENALTY_JOIN : ''}
WHERE c.campaign_id = $1 AND c.city_code ${inCities(scope)} AND ${countedCaseSql('c')}`,
  );
}

/** Phase 1's subjects: the latest declaration and deregistration request of each person. */
export function selfCheckCtes(rowSet: RowSet, scope: CityScope): string {
  return `decl AS (SELECT * FROM self_check_declaration WHERE campaign_id = $1 AND city_code ${inCities(scope)}),
dreq AS (SELECT * FROM deregistration_request WHERE campaign_id = $1 AND city_code ${inCities(scope)}),
sc_person AS (
  SELECT x.city_code, x.id_number, min(x.received_at) AS first_at
  FROM (SELECT city_code, id_number, received_at FROM decl WHERE id_number IS NOT NULL
        UNION ALL SELECT city_code, id_number, received_at FROM dreq) x
  ${rowSet === 'investigation' ? 'WHERE NOT EXISTS (SELECT 1 FROM case_file c WHERE c.campaign_id = $1 AND c.id_number = x.id_number)' : ''}
  GROUP BY x.city_code, x.id_number),
sc_decl AS (SELECT DISTINCT ON (city_code, id_number) city_code, id_number, correction, corrected_on, unit_name
            FROM decl WHERE id_number IS NOT NULL ORDER BY city_code, id_number, corrected_on DESC, id DESC),
sc_dreq AS (SELECT DISTINCT ON (city_code, id_number) city_code, id_number, received_on, processed_at, outcome
            FROM dreq ORDER BY city_code, id_number, received_on DESC, id DESC)`;
}

/** Self-check persons and unit-only declarations; `registry` adds the registry joins (display). */
export function selfCheckBranches(registry: boolean): string {
  const reg = (expr: string) => (registry ? expr : 'NULL');
  const persons = branch(
    {
      city_code: 'p.city_code',
      section: '2',
      sort_at: 'p.first_at',
      sort_n: '0',
      id_number: 'p.id_number',
      name: reg('g.name'),
      cats: reg('g.cats'),
      nums: reg('g.nums'),
      units: reg('g.units'),
      ss_unit: reg('ss.units'),
      fund_unit: reg('fund.units'),
      origin: `'self_check'`,
      correction: 'd.correction',
      corrected_on: 'd.corrected_on',
      decl_unit: 'd.unit_name',
      dreq_received_on: 'q.received_on',
      dreq_processed_on: `(q.processed_at AT TIME ZONE 'Asia/Shanghai')::date`,
      dreq_outcome: 'q.outcome',
      sc_deadline: SC_DEADLINE,
    },
    `FROM sc_person p
LEFT JOIN sc_decl d ON d.city_code = p.city_code AND d.id_number = p.id_number
LEFT JOIN sc_dreq q ON q.city_code = p.city_code AND q.id_number = p.id_number
${
  registry
    ? `LEFT JOIN reg g ON g.id_number = p.id_number LEFT JOIN ss ON ss.id_number = p.id_number
LEFT JOIN fund ON fund.id_number = p.id_number`
    : ''
}`,
  );
  const units = branch(
    {
      city_code: 'd.city_code',
      section: '3',
      sort_at: 'd.received_at',
      sort_n: 'd.id',
      units: 'ARRAY[d.unit_name]',
      origin: `'self_check'`,
      correction: 'd.correction',
      corrected_on: 'd.corrected_on',
      decl_unit: 'd.unit_name',
      sc_deadline: SC_DEADLINE,
    },
    'FROM decl d WHERE d.id_number IS NULL',
  );
  return `${persons}\nUNION ALL\n${units}`;
}

/**
 * What each figure counts of a case, as a predicate over a case_file row (alias `c`); NULL counts
 * as false. The classification of the relation's case rows and the worklist's filters use these.
 */
export const CASE_FIGURES = {
  verified: (c: string) => `${c}.outcome IS NOT NULL`,
  confirmed: (c: string) => `${c}.liability = 'liable'`,
  // 自查自纠期间整改到位: a RECTIFIED decision on or before the self-check deadline (applyPenalties).
  self_corrected: (c: string) => `${c}.liability = 'exempt'`,
  in_self_check: (c: string) => `${c}.liability = 'exempt'`,
  deregistered: (c: string) => `${c}.outcome = 'DEREGISTERED'`,
  still_open: (c: string) => `${c}.status IN ('open', 'carried_over')`,
  carried_over: (c: string) => `${c}.status = 'carried_over'`,
  from_complaint: (c: string) => `${c}.origin = 'complaint'`,
} as const;
export type CaseFigure = keyof typeof CASE_FIGURES;

/** A case figure as a condition that is never NULL. */
export const caseFigureSql = (figure: CaseFigure, alias: string) => `coalesce(${CASE_FIGURES[figure](alias)}, false)`;

/** A classification: the case predicate on case rows (section 1), `selfCheck` on self-check rows. */
const byRow = (figure: CaseFigure, selfCheck: string) => `CASE WHEN u.section = 1 THEN ${caseFigureSql(figure, 'u')} ELSE coalesce(${selfCheck}, false) END`;

/** A branch (or union) with the classifications every figure counts, computed once per row. */
export function classified(union: string): string {
  return `(SELECT u.*,
  u.section = 1 AS is_case,
  ${byRow('verified', 'false')} AS verified,
  ${byRow('confirmed', 'false')} AS confirmed,
  ${byRow('deregistered', "u.dreq_outcome = 'cancelled'")} AS deregistered,
  ${byRow(
    'self_corrected',
    "coalesce(u.dreq_outcome, '') <> 'cancelled' AND u.correction IN ('moved_contributions', 'moved_registration') AND u.corrected_on <= u.sc_deadline",
  )} AS self_corrected,
  ${byRow('in_self_check', 'coalesce(u.corrected_on, u.dreq_received_on) <= u.sc_deadline')} AS in_self_check,
  ${byRow('still_open', 'false')} AS still_open,
  ${byRow('carried_over', 'false')} AS carried_over,
  u.section > 1 AND u.dreq_received_on IS NOT NULL AND u.dreq_processed_on IS NULL AS dereg_pending,
  ${byRow('from_complaint', 'false')} AS from_complaint
FROM (${union}) u)`;
}

/** Per-city counts over the relation (reportFigures adds the penalties and what is not per row). $1, $2 (bpchar[]) only. */
export function detailCountsSql(rowSet: RowSet): string {
  const union = rowSet === 'investigation' ? `${casesBranch('many', false)}\nUNION ALL\n${selfCheckBranches(false)}` : selfCheckBranches(false);
  const n = (cond: string) => `count(*) FILTER (WHERE ${cond})::int`;
  return `WITH ${selfCheckCtes(rowSet, 'many')}
SELECT city_code::text AS city_code, count(*)::int AS rows, ${n('is_case')} AS cases, ${n('section > 1')} AS self_check_rows,
  ${n('verified')} AS verified, ${n('confirmed')} AS confirmed, ${n('self_corrected')} AS self_corrected,
  ${n('deregistered')} AS deregistered, ${n('in_self_check')} AS in_self_check, ${n('still_open')} AS still_open,
  ${n('carried_over')} AS carried_over, ${n('dereg_pending')} AS dereg_pending, ${n('from_complaint')} AS from_complaints
FROM ${classified(union)} d
GROUP BY city_code`;
}
