-- Step 4: one screening_result row per flagged person, with the evidence a city officer reads:
-- each source's units and months in the window, the latest payers, which relation made a unit
-- match a registration unit, parent-company links (evidence only, never a match), and whether
-- housing-fund records are absent (not a flag by itself). A unit refers to a registration by its
-- 1-based position in `registrations` (registration order).
-- Built as json (text) and converted to jsonb once per person: composing jsonb values piece by
-- piece re-encodes them at every step and costs several times more.
INSERT INTO screening_result (run_id, id_number, name, city_code, cert_categories, cert_numbers, reg_unit_names,
  reg_unit_codes, reasons, risk_score, ss_unit_name, ss_unit_code, ss_region_code, ss_latest_period,
  fund_unit_name, fund_unit_code, fund_latest_period, evidence)
WITH
um AS MATERIALIZED (
  SELECT m.pid, m.uid, m.kind, m.relation, m.reg_ord, m.parent_reg_ord
  FROM scr_umatch m JOIN scr_flagged USING (pid)
),
reg AS (
  SELECT r.pid,
         array_agg(r.cert_category ORDER BY r.ord) AS cert_categories,
         array_agg(r.cert_number ORDER BY r.ord) AS cert_numbers,
         array_agg(r.unit_name ORDER BY r.ord) AS unit_names,
         array_agg(coalesce(r.rc, '') ORDER BY r.ord) AS unit_codes,
         json_agg(json_build_object('certCategory', r.cert_category, 'certNumber', r.cert_number,
                                    'unitName', r.unit_name, 'unitCode', r.rc, 'cityCode', r.city_code,
                                    'registeredOn', r.registered_on, 'unitKind', f.kind) ORDER BY r.ord) AS ev
  FROM scr_reg r JOIN scr_flagged USING (pid)
  JOIN scr_ref f ON f.uid = r.uid
  GROUP BY r.pid
),
-- For MULTI_UNIT: how each two different registration units relate (relation null: unrelated).
reg_pairs AS (
  SELECT x.pid,
         json_agg(json_build_object('registration', x.first_ord, 'otherRegistration', x.second_ord,
                                    'relation', m.relation, 'parentCompanyLink', coalesce(m.parent_link, false))
                  ORDER BY x.first_ord, x.second_ord) AS pairs
  FROM scr_regpair x JOIN scr_flagged USING (pid)
  LEFT JOIN scr_rel m ON m.a = x.a AND m.b = x.b
  GROUP BY x.pid
),
-- Each social-insurance row of the window: unit, status, region and the months seen.
si AS (
  SELECT s.pid,
         json_agg(json_build_object('unitName', s.unit_name, 'unitCode', s.rc, 'status', s.status,
                                    'regionCode', s.region_code, 'atLatestPeriod', s.at_p,
                                    'periods', (SELECT json_agg(DISTINCT to_char(m, 'YYYY-MM')) FROM unnest(s.periods) m),
                                    'unitKind', u.kind, 'matchesRegistration', u.reg_ord, 'relation', u.relation,
                                    'parentCompanyLinkToRegistration', u.parent_reg_ord)
                  ORDER BY s.at_p DESC, s.unit_name COLLATE "C", s.status, s.region_code COLLATE "C") AS units,
         to_char(max(s.latest), 'YYYY-MM') AS period,
         -- The latest payers: the units named at P, each once (a flexible record names none).
         string_agg(s.unit_name, ';' ORDER BY s.unit_name COLLATE "C", s.uid) FILTER (WHERE s.at_p AND s.first_of_unit) AS unit_names,
         string_agg(coalesce(s.rc, ''), ';' ORDER BY s.unit_name COLLATE "C", s.uid) FILTER (WHERE s.at_p AND s.first_of_unit) AS unit_codes,
         string_agg(DISTINCT s.region_code, ';' ORDER BY s.region_code) FILTER (WHERE s.at_p) AS regions,
         json_agg(json_build_object('unitName', s.unit_name, 'unitCode', s.rc, 'status', s.status, 'regionCode', s.region_code)
                  ORDER BY s.unit_name COLLATE "C", s.status) FILTER (WHERE s.at_p) AS payers
  FROM (SELECT x.*, x.uid IS NOT NULL
                    AND row_number() OVER (PARTITION BY x.pid, x.uid, x.at_p ORDER BY x.status, x.region_code COLLATE "C") = 1
                    AS first_of_unit
        FROM scr_si x JOIN scr_flagged USING (pid)) s
  LEFT JOIN um u ON u.pid = s.pid AND u.uid = s.uid
  GROUP BY s.pid
),
fund AS (
  SELECT f.pid, to_char(max(f.latest), 'YYYY-MM') AS period,
         json_agg(json_build_object('unitName', f.unit_name, 'unitCode', f.rc, 'atLatestPeriod', f.at_q,
                                    'periods', (SELECT json_agg(DISTINCT to_char(m, 'YYYY-MM')) FROM unnest(f.periods) m),
                                    'unitKind', u.kind, 'matchesRegistration', u.reg_ord, 'relation', u.relation,
                                    'parentCompanyLinkToRegistration', u.parent_reg_ord)
                  ORDER BY f.at_q DESC, f.unit_name COLLATE "C") AS units,
         string_agg(f.unit_name, ';' ORDER BY f.unit_name COLLATE "C", f.uid) FILTER (WHERE f.at_q) AS unit_names,
         string_agg(coalesce(f.rc, ''), ';' ORDER BY f.unit_name COLLATE "C", f.uid) FILTER (WHERE f.at_q) AS unit_codes
  FROM scr_fund f
  JOIN um u ON u.pid = f.pid AND u.uid = f.uid   -- um holds flagged persons only
  GROUP BY f.pid
),
pss AS (
  SELECT s.pid,
         json_agg(json_build_object('employerName', s.employer_name, 'employerCode', s.rc,
                                    'unitKind', u.kind, 'matchesRegistration', u.reg_ord, 'relation', u.relation,
                                    'parentCompanyLinkToRegistration', u.parent_reg_ord)
                  ORDER BY s.employer_name COLLATE "C") AS employers
  FROM scr_pss s
  JOIN um u ON u.pid = s.pid AND u.uid = s.uid   -- um holds flagged persons only
  GROUP BY s.pid
)
-- Settings come from scr_param through scalar subqueries (evaluated once): joining the one-row
-- table would make the planner materialise the 45,000 wide rows on the other side of the join.
SELECT (SELECT run_id FROM scr_param), f.id_number, f.name, f.city_code,
       reg.cert_categories, reg.cert_numbers, reg.unit_names, reg.unit_codes,
       f.reasons, f.risk_score,
       si.unit_names, si.unit_codes, si.regions, si.period,
       fund.unit_names, fund.unit_codes, fund.period,
       json_build_object(
         'asOf', (SELECT to_char(as_of, 'YYYY-MM') FROM scr_param),
         'window', (SELECT json_build_object('from', to_char(window_start, 'YYYY-MM'), 'to', to_char(as_of, 'YYYY-MM'),
                                             'months', window_months) FROM scr_param),
         'ageOnAsOf', (SELECT extract(year FROM as_of_end)::int FROM scr_param) - f.birth_year
                      - CASE WHEN (SELECT to_char(as_of_end, 'MMDD') FROM scr_param) < f.birth_mmdd COLLATE "C" THEN 1 ELSE 0 END,
         'ageLimit', (SELECT age_limit FROM scr_param),
         'registrations', reg.ev,
         'registrationUnitRelations', coalesce(reg_pairs.pairs, '[]'),
         'socialInsurance', json_build_object('latestPeriod', si.period,
                                              'latestPayers', coalesce(si.payers, '[]'),
                                              'units', coalesce(si.units, '[]')),
         'housingFund', json_build_object('latestPeriod', fund.period,
                                          'absent', fund.pid IS NULL,
                                          'units', coalesce(fund.units, '[]')),
         'publicSectorStaff', coalesce(pss.employers, '[]'))::jsonb
FROM scr_flagged f
JOIN reg ON reg.pid = f.pid
LEFT JOIN reg_pairs ON reg_pairs.pid = f.pid
LEFT JOIN si ON si.pid = f.pid
LEFT JOIN fund ON fund.pid = f.pid
LEFT JOIN pss ON pss.pid = f.pid;
