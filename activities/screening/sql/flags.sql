-- Step 3: the ten flags of DATA-CONTRACT "Screening semantics", one SELECT per rule, into
-- scr_flag(id_number, code); then scr_flagged: each flagged person's sorted reasons and risk score.

-- Records at P (latest social-insurance month in the window) and at Q (housing fund).
CREATE TEMP TABLE scr_si_p ON COMMIT DROP AS
SELECT s.* FROM scr_si s JOIN scr_p p ON p.id_number = s.id_number AND p.p = s.period;
CREATE TEMP TABLE scr_fund_q ON COMMIT DROP AS
SELECT f.* FROM scr_fund f JOIN scr_q q ON q.id_number = f.id_number AND q.q = f.period;
ANALYZE scr_si_p;
ANALYZE scr_fund_q;

-- The person's references that match one of the person's registration units, with the
-- strongest relation and the first registration (in registration order) it matches.
CREATE TEMP TABLE scr_regmatch ON COMMIT DROP AS
SELECT DISTINCT ON (x.id_number, x.ref_key) x.id_number, x.ref_key, m.relation, r.ord AS reg_ord
FROM scr_pref x
JOIN scr_reg r ON r.id_number = x.id_number
JOIN scr_match m ON m.a = x.ref_key AND m.b = r.ref_key AND m.relation IS NOT NULL
ORDER BY x.id_number, x.ref_key,
         array_position(ARRAY['same_code', 'same_name', 'branch_of', 'same_head_office', 'branch_by_name'], m.relation),
         r.ord;
ANALYZE scr_regmatch;

CREATE TEMP TABLE scr_flag ON COMMIT DROP AS
-- SS_MISSING: no social-insurance record in the window.
SELECT p.id_number, 'SS_MISSING' AS code FROM scr_person p
WHERE NOT EXISTS (SELECT 1 FROM scr_p s WHERE s.id_number = p.id_number)

-- SS_UNIT_MISMATCH: P exists and no employed record at P names a matching unit
-- (flexible records name no unit; retired records are not employment).
UNION ALL
SELECT p.id_number, 'SS_UNIT_MISMATCH' FROM scr_p p
WHERE NOT EXISTS (SELECT 1 FROM scr_si_p s JOIN scr_regmatch m ON m.id_number = s.id_number AND m.ref_key = s.ref_key
                  WHERE s.id_number = p.id_number AND s.status = 'employed')

-- SS_MULTIPLE_PAYERS: at P, two named units that do not match each other ...
UNION ALL
SELECT DISTINCT a.id_number, 'SS_MULTIPLE_PAYERS' FROM scr_si_p a
JOIN scr_si_p b ON b.id_number = a.id_number AND b.ref_key > a.ref_key
WHERE NOT EXISTS (SELECT 1 FROM scr_match m WHERE m.a = a.ref_key AND m.b = b.ref_key AND m.relation IS NOT NULL)
-- ... or an employed record beside a flexible one.
UNION ALL
SELECT id_number, 'SS_MULTIPLE_PAYERS' FROM scr_si_p GROUP BY id_number
HAVING bool_or(status = 'employed') AND bool_or(status = 'flexible')

-- SS_RETIRED: any record in the window with status retired.
UNION ALL
SELECT DISTINCT id_number, 'SS_RETIRED' FROM scr_si WHERE status = 'retired'

-- SS_OUTSIDE_PROVINCE: a record at P with a region code outside Jilin (not 22....).
UNION ALL
SELECT DISTINCT id_number, 'SS_OUTSIDE_PROVINCE' FROM scr_si_p
WHERE region_code IS NOT NULL AND left(region_code, 2) <> '22'

-- SS_VIA_AGENCY: a unit named at P is an HR agency.
UNION ALL
SELECT DISTINCT s.id_number, 'SS_VIA_AGENCY' FROM scr_si_p s JOIN scr_ref u ON u.ref_key = s.ref_key
WHERE u.kind = 'hr_agency'

-- FUND_UNIT_MISMATCH: Q exists and no record at Q names a matching unit.
UNION ALL
SELECT q.id_number, 'FUND_UNIT_MISMATCH' FROM scr_q q
WHERE NOT EXISTS (SELECT 1 FROM scr_fund_q f JOIN scr_regmatch m ON m.id_number = f.id_number AND m.ref_key = f.ref_key
                  WHERE f.id_number = q.id_number)

-- PUBLIC_SECTOR: listed as public-sector staff with an employer that matches no registration unit ...
UNION ALL
SELECT DISTINCT s.id_number, 'PUBLIC_SECTOR' FROM scr_pss s
WHERE NOT EXISTS (SELECT 1 FROM scr_regmatch m WHERE m.id_number = s.id_number AND m.ref_key = s.ref_key)
-- ... or a government organ / public institution named at P or Q that matches no registration unit.
UNION ALL
SELECT DISTINCT x.id_number, 'PUBLIC_SECTOR'
FROM (SELECT id_number, ref_key FROM scr_si_p WHERE ref_key IS NOT NULL
      UNION SELECT id_number, ref_key FROM scr_fund_q) x
JOIN scr_ref u ON u.ref_key = x.ref_key
WHERE u.kind IN ('government', 'public_institution')
  AND NOT EXISTS (SELECT 1 FROM scr_regmatch m WHERE m.id_number = x.id_number AND m.ref_key = x.ref_key)

-- MULTI_UNIT: two valid registrations name units that do not match each other.
UNION ALL
SELECT DISTINCT a.id_number, 'MULTI_UNIT' FROM scr_reg a
JOIN scr_reg b ON b.id_number = a.id_number AND b.ref_key > a.ref_key
WHERE NOT EXISTS (SELECT 1 FROM scr_match m WHERE m.a = a.ref_key AND m.b = b.ref_key AND m.relation IS NOT NULL)

-- OVER_AGE: age from the ID number's birth date, on the last day of as_of, at or above the limit
-- (a 29 February birthday counts on 1 March in common years, as domain ageOn does).
UNION ALL
SELECT p.id_number, 'OVER_AGE' FROM scr_person p CROSS JOIN scr_param s
WHERE extract(year FROM s.as_of_end)::int - p.birth_year
      - CASE WHEN to_char(s.as_of_end, 'MMDD') < p.birth_mmdd COLLATE "C" THEN 1 ELSE 0 END >= s.age_limit;

-- Reasons sorted as JavaScript sorts them (code points), hence COLLATE "C".
CREATE TEMP TABLE scr_flagged ON COMMIT DROP AS
SELECT f.id_number,
       array_agg(f.code ORDER BY f.code COLLATE "C") AS reasons,
       sum(coalesce((s.weights ->> f.code)::int, 0))::int AS risk_score
FROM (SELECT DISTINCT id_number, code FROM scr_flag) f
CROSS JOIN scr_param s
GROUP BY f.id_number;
ANALYZE scr_flagged;
