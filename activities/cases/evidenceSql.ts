/**
 * Evidence for a set of cases, gathered set-based: one pass over each source per call, so a
 * city's 20,000 new cases cost what one case costs (the import tables have no per-person index,
 * on purpose: it would slow every import). Each statement upserts one row per case and kind.
 */

/** Per case: its snapshot and window (the screening run's; a complaint case's: the fallbacks). */
export const EV_CASE_SQL = `
CREATE TEMP TABLE ev_case ON COMMIT DROP AS
SELECT c.case_id, c.id_number, c.screening_run_id,
       coalesce(r.snapshot_id, $2::bigint) AS snapshot_id,
       coalesce(r.as_of, $3::date) AS w_to,
       (coalesce(r.as_of, $3::date) - make_interval(months => coalesce(r.window_months, 3) - 1))::date AS w_from
FROM case_file c LEFT JOIN screening_run r ON r.id = c.screening_run_id
WHERE c.case_id = ANY ($1::text[])`;

export const EV_BATCH_SQL = `
CREATE TEMP TABLE ev_batch ON COMMIT DROP AS
SELECT e.case_id, e.id_number, e.w_from, e.w_to, b.batch_id
FROM ev_case e JOIN data_snapshot_batch b ON b.snapshot_id = e.snapshot_id`;

const UPSERT = `ON CONFLICT (case_id, kind) DO UPDATE SET payload = EXCLUDED.payload, gathered_at = EXCLUDED.gathered_at`;

/**
 * One statement per kind of evidence; $1 = gathered_at. `prepare`: statements without parameters
 * run just before it, in the same transaction (its temp tables drop at commit).
 */
export const EVIDENCE_STATEMENTS: { kind: string; sql: string; prepare?: string[] }[] = [
  {
    kind: 'screening',
    sql: `
INSERT INTO case_evidence (case_id, kind, payload, gathered_at)
SELECT e.case_id, 'screening',
       CASE WHEN r.run_id IS NULL THEN jsonb_build_object('screened', false)
       ELSE jsonb_build_object('screened', true, 'runId', r.run_id, 'reasons', to_jsonb(r.reasons),
              'riskScore', r.risk_score, 'ssUnitName', r.ss_unit_name, 'ssUnitCode', r.ss_unit_code,
              'ssRegionCode', r.ss_region_code, 'ssLatestPeriod', r.ss_latest_period,
              'fundUnitName', r.fund_unit_name, 'fundUnitCode', r.fund_unit_code,
              'fundLatestPeriod', r.fund_latest_period, 'detail', r.evidence) END, $1
FROM ev_case e LEFT JOIN screening_result r ON r.run_id = e.screening_run_id AND r.id_number = e.id_number
${UPSERT}`,
  },
  {
    // Every status, so the officer sees revoked and cancelled registrations too.
    kind: 'registrations',
    sql: `
INSERT INTO case_evidence (case_id, kind, payload, gathered_at)
SELECT e.case_id, 'registrations', coalesce(x.rows, '[]'), $1
FROM ev_case e LEFT JOIN (
  SELECT b.case_id, jsonb_agg(jsonb_build_object('certCategory', g.cert_category, 'certNumber', g.cert_number,
           'unitName', g.unit_name, 'unitCode', g.unit_code, 'cityCode', g.city_code,
           'registeredOn', g.registered_on, 'status', g.status) ORDER BY g.batch_id, g.line) AS rows
  FROM ev_batch b JOIN registration g ON g.batch_id = b.batch_id AND g.id_number = b.id_number
  GROUP BY b.case_id) x ON x.case_id = e.case_id
${UPSERT}`,
  },
  {
    kind: 'social_insurance',
    sql: `
INSERT INTO case_evidence (case_id, kind, payload, gathered_at)
SELECT e.case_id, 'social_insurance',
       jsonb_build_object('window', jsonb_build_object('from', to_char(e.w_from, 'YYYY-MM'), 'to', to_char(e.w_to, 'YYYY-MM')),
                          'monthsWithRecords', coalesce(x.n, 0), 'records', coalesce(x.rows, '[]')), $1
FROM ev_case e LEFT JOIN (
  SELECT b.case_id, count(DISTINCT s.period) AS n,
         jsonb_agg(jsonb_build_object('period', to_char(s.period, 'YYYY-MM'), 'unitName', s.unit_name,
           'unitCode', s.unit_code, 'regionCode', s.region_code, 'status', s.insured_status)
           ORDER BY s.period, s.unit_name, s.line) AS rows
  FROM ev_batch b JOIN social_insurance s ON s.batch_id = b.batch_id AND s.id_number = b.id_number
   AND s.period BETWEEN b.w_from AND b.w_to
  GROUP BY b.case_id) x ON x.case_id = e.case_id
${UPSERT}`,
  },
  {
    kind: 'housing_fund',
    sql: `
INSERT INTO case_evidence (case_id, kind, payload, gathered_at)
SELECT e.case_id, 'housing_fund',
       jsonb_build_object('window', jsonb_build_object('from', to_char(e.w_from, 'YYYY-MM'), 'to', to_char(e.w_to, 'YYYY-MM')),
                          'monthsWithRecords', coalesce(x.n, 0), 'records', coalesce(x.rows, '[]')), $1
FROM ev_case e LEFT JOIN (
  SELECT b.case_id, count(DISTINCT f.period) AS n,
         jsonb_agg(jsonb_build_object('period', to_char(f.period, 'YYYY-MM'), 'unitName', f.unit_name,
           'unitCode', f.unit_code) ORDER BY f.period, f.unit_name, f.line) AS rows
  FROM ev_batch b JOIN housing_fund f ON f.batch_id = b.batch_id AND f.id_number = b.id_number
   AND f.period BETWEEN b.w_from AND b.w_to
  GROUP BY b.case_id) x ON x.case_id = e.case_id
${UPSERT}`,
  },
  {
    kind: 'exam_applications',
    sql: `
INSERT INTO case_evidence (case_id, kind, payload, gathered_at)
SELECT e.case_id, 'exam_applications', coalesce(x.rows, '[]'), $1
FROM ev_case e LEFT JOIN (
  SELECT b.case_id, jsonb_agg(jsonb_build_object('examYear', a.exam_year, 'certCategory', a.cert_category,
           'unitName', a.unit_name, 'unitCode', a.unit_code) ORDER BY a.exam_year, a.line) AS rows
  FROM ev_batch b JOIN exam_application a ON a.batch_id = b.batch_id AND a.id_number = b.id_number
  GROUP BY b.case_id) x ON x.case_id = e.case_id
${UPSERT}`,
  },
  {
    kind: 'labor_contracts',
    sql: `
INSERT INTO case_evidence (case_id, kind, payload, gathered_at)
SELECT e.case_id, 'labor_contracts', coalesce(x.rows, '[]'), $1
FROM ev_case e LEFT JOIN (
  SELECT b.case_id, jsonb_agg(jsonb_build_object('unitName', l.unit_name, 'unitCode', l.unit_code,
           'startDate', l.start_date, 'endDate', l.end_date) ORDER BY l.start_date, l.line) AS rows
  FROM ev_batch b JOIN labor_contract l ON l.batch_id = b.batch_id AND l.id_number = b.id_number
  GROUP BY b.case_id) x ON x.case_id = e.case_id
${UPSERT}`,
  },
  {
    kind: 'public_sector',
    sql: `
INSERT INTO case_evidence (case_id, kind, payload, gathered_at)
SELECT e.case_id, 'public_sector', coalesce(x.rows, '[]'), $1
FROM ev_case e LEFT JOIN (
  SELECT b.case_id, jsonb_agg(jsonb_build_object('employerName', p.employer_name, 'employerCode', p.employer_code)
           ORDER BY p.line) AS rows
  FROM ev_batch b JOIN public_sector_staff p ON p.batch_id = b.batch_id AND p.id_number = b.id_number
  GROUP BY b.case_id) x ON x.case_id = e.case_id
${UPSERT}`,
  },
  {
    // What the person or unit declared in phase 1 (self-check) and any deregistration request:
    // the officer decides RECTIFIED with the correction's date when it holds up.
    kind: 'self_check',
    sql: `
INSERT INTO case_evidence (case_id, kind, payload, gathered_at)
SELECT e.case_id, 'self_check',
       jsonb_build_object('declarations', coalesce(d.rows, '[]'), 'deregistrationRequests', coalesce(q.rows, '[]')), $1
FROM ev_case e
LEFT JOIN (
  SELECT c.case_id, jsonb_agg(jsonb_build_object('correction', s.correction, 'correctedOn', s.corrected_on,
           'unitName', s.unit_name, 'unitCode', s.unit_code, 'receivedAt', s.received_at) ORDER BY s.corrected_on, s.id) AS rows
  FROM ev_case e2 JOIN case_file c ON c.case_id = e2.case_id
  JOIN self_check_declaration s ON s.campaign_id = c.campaign_id AND s.id_number = c.id_number
  GROUP BY c.case_id) d ON d.case_id = e.case_id
LEFT JOIN (
  SELECT c.case_id, jsonb_agg(jsonb_build_object('certNumber', r.cert_number, 'receivedOn', r.received_on,
           'slaDue', r.sla_due, 'processedAt', r.processed_at, 'outcome', r.outcome) ORDER BY r.received_on, r.id) AS rows
  FROM ev_case e2 JOIN case_file c ON c.case_id = e2.case_id
  JOIN deregistration_request r ON r.campaign_id = c.campaign_id AND r.id_number = c.id_number
  GROUP BY c.case_id) q ON q.case_id = e.case_id
${UPSERT}`,
  },
  {
    // The units file's entry for every unit code the evidence above names, with its head office
    // (branch_of) and parent company: the related-unit notes an officer weighs (evidence only).
    // The codes and the directory go into analysed, indexed temp tables first. As subqueries the
    // planner had no statistics for them (nor for case_evidence in a new campaign), guessed a few
    // hundred rows where there were tens of thousands, and joined them by nested loops: each chunk
    // of 5,000 cases took four to five minutes at 200,000 persons (bench:open-cases).
    kind: 'units',
    prepare: [
      `CREATE TEMP TABLE ev_ref ON COMMIT DROP AS
       WITH mine AS (
         SELECT v.case_id, e.snapshot_id, v.kind, v.payload
         FROM ev_case e JOIN case_evidence v ON v.case_id = e.case_id
         WHERE v.kind <> 'units'
       )
       SELECT m.case_id, m.snapshot_id, btrim(c.code #>> '{}') AS code
       FROM mine m CROSS JOIN LATERAL jsonb_path_query(m.payload, 'strict $.**.unitCode') AS c(code)
       WHERE jsonb_typeof(c.code) = 'string'
       UNION
       SELECT m.case_id, m.snapshot_id, btrim(c.code #>> '{}')
       FROM mine m CROSS JOIN LATERAL jsonb_path_query(m.payload, 'strict $.**.employerCode') AS c(code)
       WHERE m.kind = 'public_sector' AND jsonb_typeof(c.code) = 'string'`,
      'ANALYZE ev_ref',
      `CREATE TEMP TABLE ev_unit ON COMMIT DROP AS
       SELECT DISTINCT ON (b.snapshot_id, u.unit_code) b.snapshot_id, u.unit_code, u.unit_name, u.unit_kind, u.branch_of, u.parent_code
       FROM unit u JOIN data_snapshot_batch b ON b.batch_id = u.batch_id
       WHERE b.snapshot_id IN (SELECT DISTINCT snapshot_id FROM ev_case)
       ORDER BY b.snapshot_id, u.unit_code, u.batch_id DESC, u.line`,
      'CREATE INDEX ON ev_unit (snapshot_id, unit_code)',
      'ANALYZE ev_unit',
    ],
    sql: `
INSERT INTO case_evidence (case_id, kind, payload, gathered_at)
SELECT e.case_id, 'units', coalesce(x.rows, '[]'), $1
FROM ev_case e LEFT JOIN (
  SELECT r.case_id, jsonb_agg(jsonb_build_object('unitCode', d.unit_code, 'unitName', d.unit_name, 'unitKind', d.unit_kind,
           'branchOf', d.branch_of, 'headOfficeName', h.unit_name, 'parentCode', d.parent_code,
           'parentName', p.unit_name) ORDER BY d.unit_code) AS rows
  FROM ev_ref r JOIN ev_unit d ON d.snapshot_id = r.snapshot_id AND d.unit_code = r.code
  LEFT JOIN ev_unit h ON h.snapshot_id = r.snapshot_id AND h.unit_code = d.branch_of
  LEFT JOIN ev_unit p ON p.snapshot_id = r.snapshot_id AND p.unit_code = d.parent_code
  GROUP BY r.case_id) x ON x.case_id = e.case_id
${UPSERT}`,
  },
];

export const EVIDENCE_KINDS = EVIDENCE_STATEMENTS.map((s) => s.kind);
