-- Step 4: one screening_result row per flagged person, with the evidence a city officer reads:
-- each source's units and months in the window, the latest payers, which relation made a unit
-- match a registration unit, parent-company links (evidence only, never a match), and whether
-- housing-fund records are absent (not a flag by itself).
INSERT INTO screening_result (run_id, id_number, name, city_code, cert_categories, cert_numbers, reg_unit_names,
  reg_unit_codes, reasons, risk_score, ss_unit_name, ss_unit_code, ss_region_code, ss_latest_period,
  fund_unit_name, fund_unit_code, fund_latest_period, evidence)
WITH
-- Name of the registration unit a reference matched (or is parent-linked to).
reg_name AS (
  SELECT r.id_number, r.ord, r.unit_name FROM scr_reg r JOIN scr_flagged USING (id_number)
),
parent_link AS (
  SELECT DISTINCT ON (x.id_number, x.ref_key) x.id_number, x.ref_key, r.unit_name AS reg_unit_name
  FROM scr_pref x JOIN scr_flagged USING (id_number)
  JOIN scr_reg r ON r.id_number = x.id_number
  JOIN scr_match m ON m.a = x.ref_key AND m.b = r.ref_key AND m.parent_link
  ORDER BY x.id_number, x.ref_key, r.ord
),
-- How one reference of a person relates to the registration units, as evidence JSON.
unit_relation AS (
  SELECT x.id_number, x.ref_key,
         jsonb_build_object('unitKind', u.kind,
                            'matchesRegistrationUnit', rn.unit_name, 'relation', m.relation,
                            'parentCompanyLinkTo', pl.reg_unit_name) AS j
  FROM scr_pref x JOIN scr_flagged USING (id_number)
  JOIN scr_ref u ON u.ref_key = x.ref_key
  LEFT JOIN scr_regmatch m ON m.id_number = x.id_number AND m.ref_key = x.ref_key
  LEFT JOIN reg_name rn ON rn.id_number = x.id_number AND rn.ord = m.reg_ord
  LEFT JOIN parent_link pl ON pl.id_number = x.id_number AND pl.ref_key = x.ref_key
),
reg AS (
  SELECT r.id_number,
         array_agg(r.cert_category ORDER BY r.ord) AS cert_categories,
         array_agg(r.cert_number ORDER BY r.ord) AS cert_numbers,
         array_agg(r.unit_name ORDER BY r.ord) AS unit_names,
         array_agg(coalesce(r.rc, '') ORDER BY r.ord) AS unit_codes,
         jsonb_agg(jsonb_build_object('certCategory', r.cert_category, 'certNumber', r.cert_number,
                                      'unitName', r.unit_name, 'unitCode', r.rc, 'cityCode', r.city_code,
                                      'registeredOn', r.registered_on, 'unitKind', u.kind) ORDER BY r.ord) AS ev
  FROM scr_reg r JOIN scr_flagged USING (id_number)
  JOIN scr_ref u ON u.ref_key = r.ref_key
  GROUP BY r.id_number
),
-- For MULTI_UNIT: how each two different registration units relate (relation null: unrelated).
reg_pairs AS (
  SELECT x.id_number,
         jsonb_agg(jsonb_build_object('unitName', x.a_name, 'otherUnitName', x.b_name, 'relation', m.relation,
                                      'parentCompanyLink', coalesce(m.parent_link, false))
                   ORDER BY x.a_ord, x.b_ord) AS pairs
  FROM (SELECT DISTINCT ON (a.id_number, a.ref_key, b.ref_key) a.id_number, a.ref_key AS a_key, b.ref_key AS b_key,
               a.unit_name AS a_name, b.unit_name AS b_name, a.ord AS a_ord, b.ord AS b_ord
        FROM scr_reg a JOIN scr_flagged USING (id_number)
        JOIN scr_reg b ON b.id_number = a.id_number AND b.ref_key <> a.ref_key AND b.ord > a.ord
        ORDER BY a.id_number, a.ref_key, b.ref_key, a.ord, b.ord) x
  LEFT JOIN scr_match m ON m.a = x.a_key AND m.b = x.b_key
  GROUP BY x.id_number
),
si_units AS (
  SELECT s.id_number, s.ref_key, s.status, min(s.unit_name) AS unit_name, min(s.rc) AS unit_code,
         array_agg(DISTINCT to_char(s.period, 'YYYY-MM')) AS periods,
         coalesce(array_agg(DISTINCT s.region_code) FILTER (WHERE s.region_code IS NOT NULL), '{}') AS regions,
         bool_or(s.period = p.p) AS at_latest
  FROM scr_si s JOIN scr_flagged USING (id_number) JOIN scr_p p ON p.id_number = s.id_number
  GROUP BY s.id_number, s.ref_key, s.status
),
si AS (
  SELECT s.id_number,
         jsonb_agg(jsonb_build_object('unitName', s.unit_name, 'unitCode', s.unit_code, 'status', s.status,
                                      'regionCodes', s.regions, 'periods', s.periods, 'atLatestPeriod', s.at_latest)
                   || coalesce(ur.j, '{}') ORDER BY s.at_latest DESC, s.unit_name COLLATE "C", s.status) AS units
  FROM si_units s
  LEFT JOIN unit_relation ur ON ur.id_number = s.id_number AND ur.ref_key = s.ref_key
  GROUP BY s.id_number
),
-- The payers at P: every record of that month (a flexible one shows as a unit-less payer).
si_p AS (
  SELECT s.id_number, to_char(min(s.period), 'YYYY-MM') AS period,
         string_agg(s.unit_name, ';' ORDER BY s.unit_name COLLATE "C", s.ref_key COLLATE "C")
           FILTER (WHERE s.ref_key IS NOT NULL AND s.first_of_ref) AS unit_names,
         string_agg(coalesce(s.rc, ''), ';' ORDER BY s.unit_name COLLATE "C", s.ref_key COLLATE "C")
           FILTER (WHERE s.ref_key IS NOT NULL AND s.first_of_ref) AS unit_codes,
         string_agg(DISTINCT s.region_code, ';') AS regions,
         jsonb_agg(jsonb_build_object('unitName', s.unit_name, 'unitCode', s.rc, 'status', s.status,
                                      'regionCode', s.region_code) ORDER BY s.unit_name COLLATE "C", s.status) AS payers
  FROM (SELECT x.*, row_number() OVER (PARTITION BY x.id_number, x.ref_key ORDER BY x.status) = 1 AS first_of_ref
        FROM scr_si_p x JOIN scr_flagged USING (id_number)) s
  GROUP BY s.id_number
),
fund_units AS (
  SELECT f.id_number, f.ref_key, min(f.unit_name) AS unit_name, min(f.rc) AS unit_code,
         array_agg(DISTINCT to_char(f.period, 'YYYY-MM')) AS periods, bool_or(f.period = q.q) AS at_latest
  FROM scr_fund f JOIN scr_flagged USING (id_number) JOIN scr_q q ON q.id_number = f.id_number
  GROUP BY f.id_number, f.ref_key
),
fund AS (
  SELECT f.id_number,
         jsonb_agg(jsonb_build_object('unitName', f.unit_name, 'unitCode', f.unit_code, 'periods', f.periods,
                                      'atLatestPeriod', f.at_latest) || ur.j
                   ORDER BY f.at_latest DESC, f.unit_name COLLATE "C") AS units,
         string_agg(f.unit_name, ';' ORDER BY f.unit_name COLLATE "C", f.ref_key COLLATE "C") FILTER (WHERE f.at_latest) AS unit_names,
         string_agg(coalesce(f.unit_code, ''), ';' ORDER BY f.unit_name COLLATE "C", f.ref_key COLLATE "C") FILTER (WHERE f.at_latest) AS unit_codes
  FROM fund_units f
  JOIN unit_relation ur ON ur.id_number = f.id_number AND ur.ref_key = f.ref_key
  GROUP BY f.id_number
),
pss AS (
  SELECT s.id_number,
         jsonb_agg(jsonb_build_object('employerName', s.employer_name, 'employerCode', s.rc) || ur.j
                   ORDER BY s.employer_name COLLATE "C") AS employers
  FROM scr_pss s JOIN scr_flagged USING (id_number)
  JOIN unit_relation ur ON ur.id_number = s.id_number AND ur.ref_key = s.ref_key
  GROUP BY s.id_number
)
SELECT prm.run_id, p.id_number, p.name, p.city_code,
       reg.cert_categories, reg.cert_numbers, reg.unit_names, reg.unit_codes,
       f.reasons, f.risk_score,
       si_p.unit_names, si_p.unit_codes, si_p.regions, to_char(sp.p, 'YYYY-MM'),
       fund.unit_names, fund.unit_codes, to_char(fq.q, 'YYYY-MM'),
       jsonb_build_object(
         'asOf', to_char(prm.as_of, 'YYYY-MM'),
         'window', jsonb_build_object('from', to_char(prm.window_start, 'YYYY-MM'), 'to', to_char(prm.as_of, 'YYYY-MM'),
                                      'months', prm.window_months),
         'ageOnAsOf', extract(year FROM prm.as_of_end)::int - p.birth_year
                      - CASE WHEN to_char(prm.as_of_end, 'MMDD') < p.birth_mmdd COLLATE "C" THEN 1 ELSE 0 END,
         'ageLimit', prm.age_limit,
         'registrations', reg.ev,
         'registrationUnitRelations', coalesce(reg_pairs.pairs, '[]'),
         'socialInsurance', jsonb_build_object('latestPeriod', to_char(sp.p, 'YYYY-MM'),
                                               'latestPayers', coalesce(si_p.payers, '[]'),
                                               'units', coalesce(si.units, '[]')),
         'housingFund', jsonb_build_object('latestPeriod', to_char(fq.q, 'YYYY-MM'),
                                           'absent', fq.q IS NULL,
                                           'units', coalesce(fund.units, '[]')),
         'publicSectorStaff', coalesce(pss.employers, '[]'))
FROM scr_flagged f
JOIN scr_person p ON p.id_number = f.id_number
JOIN reg ON reg.id_number = f.id_number
CROSS JOIN scr_param prm
LEFT JOIN reg_pairs ON reg_pairs.id_number = f.id_number
LEFT JOIN scr_p sp ON sp.id_number = f.id_number
LEFT JOIN scr_q fq ON fq.id_number = f.id_number
LEFT JOIN si ON si.id_number = f.id_number
LEFT JOIN si_p ON si_p.id_number = f.id_number
LEFT JOIN fund ON fund.id_number = f.id_number
LEFT JOIN pss ON pss.id_number = f.id_number;
