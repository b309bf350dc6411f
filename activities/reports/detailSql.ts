/**
 * The ONE relation every report figure comes from: one row per person (or unit) the summary
 * table lists. The detail sheet prints it row by row; the per-city sheet, the work reports and
 * the progress notice count it (reportFigures), so a printed total always equals its rows.
 *
 * Row sets: 'selfCheck' lists phase 1's subjects (self-check declarations and deregistration
 * requests, one row per person, one per unit-only declaration); 'investigation' lists every case
 * and then the self-check subjects who have no case (so the January table is cumulative and no
 * person appears twice).
 *
 * Parameters: $1 campaign id, $2 city codes (bpchar[]), $3 labels (jsonb, see reportLabels).
 * Display text is composed here, in PostgreSQL, so a 100,000-row table streams as ready strings.
 */
import type { RowSet } from './reportKinds';

const PENALTY_KINDS = [
  'REVOKE_REGISTRATION', 'REGISTRATION_BAN_3Y', 'BAD_CONDUCT_PERSON', 'BAD_CONDUCT_UNIT',
  'DYNAMIC_QUALIFICATION_CHECK', 'NOTIFY_EMPLOYER', 'AGENCY_RECTIFY_ORDER',
] as const;
const BAD_CONDUCT = `('BAD_CONDUCT_PERSON', 'BAD_CONDUCT_UNIT')`;

/** A label map of $3 (e.g. MAP('cert') ->> 'CONSTRUCTOR_1'), or one label (LABEL('penalty', kind)). */
const MAP = (name: string) => `($3::jsonb -> '${name}')`;
const LABEL = (map: string, key: string) => `($3::jsonb #>> '{${map},${key}}')`;

// Registry facts for persons a screening result does not describe (self-check subjects and
// complaint cases): one pass over each import table of the campaign's snapshot, hash-joined to
// the few ID numbers needed (the import tables have no per-person index, on purpose).
const CTES = (rowSet: RowSet) => `
WITH k AS (
  SELECT id, snapshot_id, (calendar #>> '{selfCheck,deadline}')::date AS sc_deadline FROM campaign WHERE id = $1
),
snap AS (SELECT b.batch_id FROM data_snapshot_batch b JOIN k ON b.snapshot_id = k.snapshot_id),
decl AS (SELECT * FROM self_check_declaration WHERE campaign_id = $1 AND city_code = ANY ($2::bpchar[])),
dreq AS (SELECT * FROM deregistration_request WHERE campaign_id = $1 AND city_code = ANY ($2::bpchar[])),
sc_person AS (
  SELECT x.city_code, x.id_number, min(x.received_at) AS first_at
  FROM (SELECT city_code, id_number, received_at FROM decl WHERE id_number IS NOT NULL
        UNION ALL SELECT city_code, id_number, received_at FROM dreq) x
  ${rowSet === 'investigation'
    ? 'WHERE NOT EXISTS (SELECT 1 FROM case_file c WHERE c.campaign_id = $1 AND c.id_number = x.id_number)'
    : ''}
  GROUP BY x.city_code, x.id_number
),
sc_decl AS (
  SELECT DISTINCT ON (city_code, id_number) city_code, id_number, correction, corrected_on, unit_name
  FROM decl WHERE id_number IS NOT NULL ORDER BY city_code, id_number, corrected_on DESC, id DESC
),
sc_dreq AS (
  SELECT DISTINCT ON (city_code, id_number) city_code, id_number, received_on, processed_at, outcome
  FROM dreq ORDER BY city_code, id_number, received_on DESC, id DESC
),
need AS (
  SELECT id_number FROM sc_person
  ${rowSet === 'investigation'
    ? `UNION SELECT id_number FROM case_file
       WHERE campaign_id = $1 AND city_code = ANY ($2::bpchar[]) AND screening_run_id IS NULL`
    : ''}
),
reg AS (
  SELECT g.id_number, (array_agg(g.name ORDER BY g.batch_id, g.line))[1] AS name,
         array_agg(g.cert_category ORDER BY g.batch_id, g.line) AS cats,
         array_agg(g.cert_number ORDER BY g.batch_id, g.line) AS nums,
         array_agg(g.unit_name ORDER BY g.batch_id, g.line) AS units
  FROM registration g
  WHERE g.status = 'valid' AND g.batch_id IN (SELECT batch_id FROM snap) AND g.id_number IN (SELECT id_number FROM need)
  GROUP BY g.id_number
),
ss AS (
  SELECT id_number, string_agg(DISTINCT unit_name, '；') AS units FROM (
    SELECT s.id_number, s.unit_name, rank() OVER (PARTITION BY s.id_number ORDER BY s.period DESC) AS rk
    FROM social_insurance s
    WHERE s.batch_id IN (SELECT batch_id FROM snap) AND s.id_number IN (SELECT id_number FROM need)) x
  WHERE rk = 1 AND unit_name IS NOT NULL GROUP BY id_number
),
fund AS (
  SELECT id_number, string_agg(DISTINCT unit_name, '；') AS units FROM (
    SELECT f.id_number, f.unit_name, rank() OVER (PARTITION BY f.id_number ORDER BY f.period DESC) AS rk
    FROM housing_fund f
    WHERE f.batch_id IN (SELECT batch_id FROM snap) AND f.id_number IN (SELECT id_number FROM need)) x
  WHERE rk = 1 GROUP BY id_number
)`;

/** Every branch of the union has these columns, in this order; one a branch lacks is a typed NULL. */
const COLUMNS = {
  city_code: 'bpchar', section: 'int', sort_at: 'timestamptz', sort_n: 'bigint', case_no: 'text', id_number: 'text',
  name: 'text', cats: 'text[]', nums: 'text[]', units: 'text[]', ss_unit: 'text', fund_unit: 'text', reasons: 'text[]',
  origin: 'text', status: 'text', outcome: 'text', liability: 'text', decided_on: 'date', carry_reason: 'text',
  actual_employer: 'text', ground: 'text', how: 'text', receiving: 'text', pen_text: 'text', lv_city: 'boolean',
  lv_province: 'boolean', pen_last: 'date', n_revoked: 'bigint', n_bad: 'bigint', n_other: 'bigint', correction: 'text',
  corrected_on: 'date', decl_unit: 'text', dreq_received_on: 'date', dreq_processed_on: 'date', dreq_outcome: 'text',
  sc_deadline: 'date',
} as const;
type Column = keyof typeof COLUMNS;

function branch(exprs: Partial<Record<Column, string>>, from: string): string {
  const cols = (Object.keys(COLUMNS) as Column[]).map((c) => `(${exprs[c] ?? 'NULL'})::${COLUMNS[c]} AS ${c}`);
  return `SELECT ${cols.join(', ')}\n${from}`;
}

const PENALTY_LATERAL = `LEFT JOIN LATERAL (
  SELECT concat_ws('；', ${PENALTY_KINDS.map((kind) => `CASE WHEN bool_or(x.kind = '${kind}') THEN ${LABEL('penalty', kind)} END`).join(', ')}) AS pen_text,
         bool_or(x.level = 'city') AS lv_city, bool_or(x.level = 'province') AS lv_province, max(x.imposed_on) AS pen_last,
         count(*) FILTER (WHERE x.kind = 'REVOKE_REGISTRATION') AS n_revoked,
         count(*) FILTER (WHERE x.kind IN ${BAD_CONDUCT}) AS n_bad,
         count(*) FILTER (WHERE x.kind <> 'REVOKE_REGISTRATION' AND x.kind NOT IN ${BAD_CONDUCT}) AS n_other
  FROM penalty x WHERE x.case_id = c.case_id) p ON true`;

const CASES = branch({
  city_code: 'c.city_code', section: '1', sort_at: 'NULL::timestamptz', sort_n: 'c.seq::bigint', case_no: 'c.case_no',
  id_number: 'c.id_number::text', name: 'coalesce(r.name, g.name)', cats: 'coalesce(r.cert_categories, g.cats)',
  nums: 'coalesce(r.cert_numbers, g.nums)', units: 'coalesce(r.reg_unit_names, g.units)',
  ss_unit: 'CASE WHEN r.run_id IS NULL THEN ss.units ELSE r.ss_unit_name END',
  fund_unit: 'CASE WHEN r.run_id IS NULL THEN fund.units ELSE r.fund_unit_name END',
  reasons: 'c.reasons', origin: 'c.origin', status: 'c.status', outcome: 'c.outcome', liability: 'c.liability',
  decided_on: 'c.decided_on', carry_reason: 'c.carry_over_reason',
  actual_employer: `c.decision #>> '{actualEmployer,name}'`, ground: `c.decision ->> 'ground'`, how: `c.decision ->> 'how'`,
  receiving: `c.decision ->> 'receivingAuthority'`, pen_text: 'p.pen_text', lv_city: 'p.lv_city', lv_province: 'p.lv_province',
  pen_last: 'p.pen_last', n_revoked: 'p.n_revoked', n_bad: 'p.n_bad', n_other: 'p.n_other',
  sc_deadline: '(SELECT sc_deadline FROM k)',
}, `FROM case_file c
LEFT JOIN screening_result r ON r.run_id = c.screening_run_id AND r.id_number = c.id_number
LEFT JOIN reg g ON c.screening_run_id IS NULL AND g.id_number = c.id_number
LEFT JOIN ss ON c.screening_run_id IS NULL AND ss.id_number = c.id_number
LEFT JOIN fund ON c.screening_run_id IS NULL AND fund.id_number = c.id_number
${PENALTY_LATERAL}
WHERE c.campaign_id = $1 AND c.city_code = ANY ($2::bpchar[])`);

const SELF_CHECK_PERSONS = branch({
  city_code: 'p.city_code', section: '2', sort_at: 'p.first_at', sort_n: '0::bigint', id_number: 'p.id_number::text',
  name: 'g.name', cats: 'g.cats', nums: 'g.nums', units: 'g.units', ss_unit: 'ss.units', fund_unit: 'fund.units',
  origin: `'self_check'`, n_revoked: '0::bigint', n_bad: '0::bigint', n_other: '0::bigint',
  correction: 'd.correction', corrected_on: 'd.corrected_on', decl_unit: 'd.unit_name',
  dreq_received_on: 'q.received_on', dreq_processed_on: `(q.processed_at AT TIME ZONE 'Asia/Shanghai')::date`,
  dreq_outcome: 'q.outcome', sc_deadline: '(SELECT sc_deadline FROM k)',
}, `FROM sc_person p
LEFT JOIN sc_decl d ON d.city_code = p.city_code AND d.id_number = p.id_number
LEFT JOIN sc_dreq q ON q.city_code = p.city_code AND q.id_number = p.id_number
LEFT JOIN reg g ON g.id_number = p.id_number
LEFT JOIN ss ON ss.id_number = p.id_number
LEFT JOIN fund ON fund.id_number = p.id_number`);

const SELF_CHECK_UNITS = branch({
  city_code: 'd.city_code', section: '3', sort_at: 'd.received_at', sort_n: 'd.id', units: 'ARRAY[d.unit_name]',
  origin: `'self_check'`, n_revoked: '0::bigint', n_bad: '0::bigint', n_other: '0::bigint',
  correction: 'd.correction', corrected_on: 'd.corrected_on', decl_unit: 'd.unit_name',
  sc_deadline: '(SELECT sc_deadline FROM k)',
}, 'FROM decl d WHERE d.id_number IS NULL');

/** Classifications every figure counts, computed once per row. */
const CLASSIFIED = `
  section = 1 AS is_case,
  outcome IS NOT NULL AS verified,
  liability = 'liable' AS confirmed,
  coalesce(section = 1 AND outcome = 'DEREGISTERED', false) OR coalesce(dreq_outcome = 'cancelled', false) AS deregistered,
  CASE WHEN section = 1 THEN liability = 'exempt'
       ELSE coalesce(dreq_outcome, '') <> 'cancelled' AND correction IN ('moved_contributions', 'moved_registration')
            AND corrected_on <= sc_deadline END AS self_corrected,
  CASE WHEN section = 1 THEN liability = 'exempt'
       ELSE coalesce(corrected_on, dreq_received_on) <= sc_deadline END AS in_self_check,
  section = 1 AND status IN ('open', 'carried_over') AS still_open,
  section = 1 AND status = 'carried_over' AS carried_over,
  section > 1 AND dreq_received_on IS NOT NULL AND dreq_processed_on IS NULL AS dereg_pending,
  origin = 'complaint' AS from_complaint`;

/** The relation with its classifications (one row per listed person or unit). */
export function detailRelationSql(rowSet: RowSet): { ctes: string; relation: string } {
  const union = rowSet === 'investigation'
    ? `${CASES}\nUNION ALL\n${SELF_CHECK_PERSONS}\nUNION ALL\n${SELF_CHECK_UNITS}`
    : `${SELF_CHECK_PERSONS}\nUNION ALL\n${SELF_CHECK_UNITS}`;
  return { ctes: CTES(rowSet), relation: `(SELECT u.*, ${CLASSIFIED} FROM (${union}) u)` };
}

const DATE = (e: string) => `to_char(${e}, 'YYYY-MM-DD')`;
const CITY_BUREAU = `(${MAP('city')} ->> city_code::text) || '住房和城乡建设局'`;
const PROVINCE_DEPT = `'吉林省住房和城乡建设厅'`;
const FIRST_UNIT = 'units[1]';

/**
 * The detail sheet's 15 text columns (序号 is numbered by the writer), in the order of
 * summaryLayout DETAIL_COLUMNS, sorted by city, then cases by number, then self-check subjects
 * by first receipt. $4 (boolean): prefix 备注 with the city (the province-wide table).
 */
export function detailRowsSql(rowSet: RowSet): string {
  const { ctes, relation } = detailRelationSql(rowSet);
  return `${ctes}
SELECT coalesce(name, ''),
  coalesce(id_number, ''),
  coalesce((SELECT string_agg(coalesce(${MAP('cert')} ->> x, x), '；' ORDER BY o) FROM unnest(cats) WITH ORDINALITY AS t(x, o)), ''),
  coalesce(array_to_string(nums, '；'), ''),
  coalesce(array_to_string(units, '；'), ''),
  coalesce(ss_unit, ''),
  coalesce(fund_unit, ''),
  CASE WHEN section = 1 THEN concat_ws('；', CASE WHEN origin = 'complaint' THEN '投诉举报' END,
         (SELECT string_agg(coalesce(${MAP('flag')} ->> x, x), '；' ORDER BY x) FROM unnest(reasons) AS t(x)))
       WHEN correction = 'moved_contributions' THEN '社保、公积金缴纳单位与注册单位不一致（自查）'
       WHEN correction = 'moved_registration' THEN '注册单位与实际工作单位不一致（自查）'
       ELSE '申请注销注册（自查）' END,
  coalesce(CASE WHEN section = 1 THEN CASE outcome WHEN 'VIOLATION' THEN actual_employer
                                                  WHEN 'COMPLIANT' THEN ${FIRST_UNIT}
                                                  WHEN 'RECTIFIED' THEN CASE WHEN how = 'moved_contributions' THEN ${FIRST_UNIT} END END
                ELSE CASE correction WHEN 'moved_contributions' THEN ${FIRST_UNIT} WHEN 'moved_registration' THEN decl_unit END END, ''),
  CASE WHEN section = 1 THEN CASE WHEN outcome IS NULL THEN CASE WHEN carried_over THEN '结转办理' ELSE '核查中' END
                                  WHEN outcome = 'COMPLIANT' THEN (${MAP('outcome')} ->> outcome) || '（' || coalesce(${MAP('ground')} ->> ground, ground, '') || '）'
                                  WHEN outcome = 'TRANSFERRED' THEN (${MAP('outcome')} ->> outcome) || '（' || coalesce(receiving, '') || '）'
                                  ELSE ${MAP('outcome')} ->> outcome END
       WHEN dreq_outcome = 'cancelled' THEN '已注销'
       WHEN dreq_outcome = 'refused' THEN '不予注销'
       WHEN correction IN ('moved_contributions', 'moved_registration') THEN '自查自纠已整改'
       WHEN dreq_received_on IS NOT NULL THEN '注销办理中'
       ELSE '已申请注销' END,
  CASE WHEN section = 1 THEN CASE WHEN confirmed THEN coalesce(nullif(pen_text, ''), '待处理')
                                  WHEN outcome = 'RECTIFIED' THEN coalesce(${MAP('how')} ->> how, '已整改') || '，自查自纠期间整改到位，不再追究责任'
                                  WHEN outcome = 'COMPLIANT' THEN '无需处理'
                                  WHEN outcome = 'DEREGISTERED' THEN '注销注册'
                                  WHEN outcome = 'TRANSFERRED' THEN '移交' || coalesce(receiving, '') || '处理'
                                  ELSE '' END
       WHEN dreq_outcome = 'cancelled' THEN '注销注册'
       ELSE coalesce(${MAP('correction')} ->> correction, '') END,
  CASE WHEN section = 1 THEN CASE WHEN lv_city OR lv_province
                                    THEN concat_ws('、', CASE WHEN lv_city THEN ${CITY_BUREAU} END, CASE WHEN lv_province THEN ${PROVINCE_DEPT} END)
                                  WHEN outcome IS NOT NULL THEN ${CITY_BUREAU} ELSE '' END
       WHEN dreq_processed_on IS NOT NULL THEN ${PROVINCE_DEPT}
       ELSE ${CITY_BUREAU} END,
  coalesce(CASE WHEN section = 1 THEN ${DATE('coalesce(pen_last, decided_on)')}
                ELSE ${DATE('coalesce(dreq_processed_on, corrected_on, dreq_received_on)')} END, ''),
  CASE WHEN in_self_check THEN '是' ELSE '否' END,
  concat_ws('；', CASE WHEN $4::boolean THEN ${MAP('city')} ->> city_code::text END,
            CASE WHEN section = 1 THEN '案件编号' || case_no END,
            CASE WHEN carried_over THEN '结转理由：' || carry_reason END,
            CASE WHEN section = 3 THEN '单位自查申报' END)
FROM ${relation} d
ORDER BY city_code, section, sort_at, sort_n, id_number`;
}

/** Per-city counts over the same relation (reportFigures adds what is not per row). */
export function detailCountsSql(rowSet: RowSet): string {
  const { ctes, relation } = detailRelationSql(rowSet);
  const n = (cond: string) => `count(*) FILTER (WHERE ${cond})::int`;
  return `${ctes}
SELECT city_code::text AS city_code, count(*)::int AS rows, ${n('is_case')} AS cases, ${n('section > 1')} AS self_check_rows,
  ${n('verified')} AS verified, ${n('confirmed')} AS confirmed, ${n('self_corrected')} AS self_corrected,
  ${n('deregistered')} AS deregistered, ${n('in_self_check')} AS in_self_check, ${n('still_open')} AS still_open,
  ${n('carried_over')} AS carried_over, ${n('dereg_pending')} AS dereg_pending, ${n('from_complaint')} AS from_complaints,
  coalesce(sum(n_revoked), 0)::int AS revoked, coalesce(sum(n_bad), 0)::int AS bad_conduct, coalesce(sum(n_other), 0)::int AS other_penalties
FROM ${relation} d
GROUP BY city_code`;
}
