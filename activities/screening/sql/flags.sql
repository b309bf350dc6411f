-- Step 3: the ten flags of DATA-CONTRACT "Screening semantics", one line per rule, evaluated
-- per person in one pass over per-person summaries, into scr_flagged(pid, reasons, risk_score)
-- with the person's ID number, name, city and birth date.

CREATE UNLOGGED TABLE scr_flagged AS
WITH per AS (
  -- Every per-person fact in one aggregate over the four sources (one hash table and one join
  -- to scr_person instead of four): each source sets its own columns and false elsewhere.
  SELECT pid,
         bool_or(has_si) AS has_si, bool_or(employed_at_p) AS employed_at_p,
         bool_or(flexible_at_p) AS flexible_at_p, bool_or(retired) AS retired, bool_or(outside) AS outside,
         bool_or(ss_matches) AS ss_matches, bool_or(has_fund) AS has_fund, bool_or(fund_matches) AS fund_matches,
         bool_or(via_agency) AS via_agency, bool_or(public_sector) AS public_sector,
         bool_or(payer_mismatch) AS payer_mismatch, bool_or(reg_mismatch) AS reg_mismatch
  FROM (
    -- Social-insurance records in the window: P is max(period); at_p marks the records of P.
    SELECT pid, true AS has_si,
           at_p AND status = 'employed' AS employed_at_p,
           at_p AND status = 'flexible' AS flexible_at_p,
           status = 'retired' AS retired,
           at_p AND region_code IS NOT NULL AND left(region_code, 2) <> '22' AS outside,
           false AS ss_matches, false AS has_fund, false AS fund_matches, false AS via_agency,
           false AS public_sector, false AS payer_mismatch, false AS reg_mismatch
    FROM scr_si
    UNION ALL
    -- The units the records name, with their relation to the registration units.
    SELECT pid, false, false, false, false, false,
           si_employed_latest AND relation IS NOT NULL,
           fund,
           fund_latest AND relation IS NOT NULL,
           si_latest AND kind = 'hr_agency',
           relation IS NULL AND (pss OR ((si_latest OR fund_latest) AND kind IN ('government', 'public_institution'))),
           false, false
    FROM scr_umatch
    UNION ALL
    -- Two units named at P that do not match each other.
    SELECT x.pid, false, false, false, false, false, false, false, false, false, false, true, false
    FROM scr_payerpair x
    LEFT JOIN scr_rel m ON m.a = x.a AND m.b = x.b
    WHERE m.relation IS NULL
    UNION ALL
    -- Two valid registrations whose units do not match each other.
    SELECT x.pid, false, false, false, false, false, false, false, false, false, false, false, true
    FROM scr_regpair x
    LEFT JOIN scr_rel m ON m.a = x.a AND m.b = x.b
    WHERE m.relation IS NULL
  ) x
  GROUP BY pid
), rules AS (
  -- One boolean per flag, evaluated for every person; the reasons array is built afterwards
  -- only for the ~25% of persons with at least one flag (building and filtering 200,000
  -- ten-element arrays cost more than the rules themselves).
  SELECT p.pid, p.id_number, p.name, p.city_code, p.birth_year, p.birth_mmdd,
    -- FUND_UNIT_MISMATCH: Q exists and no record at Q names a matching unit.
    coalesce(f.has_fund AND NOT f.fund_matches, false) AS fund_unit_mismatch,
    -- MULTI_UNIT: two valid registrations name units that do not match each other.
    coalesce(f.reg_mismatch, false) AS multi_unit,
    -- OVER_AGE: age (ID number's birth date) on the last day of as_of at or above the limit;
    -- a 29 February birthday counts on 1 March in common years, as domain ageOn does.
    extract(year FROM prm.as_of_end)::int - p.birth_year
      - CASE WHEN to_char(prm.as_of_end, 'MMDD') < p.birth_mmdd COLLATE "C" THEN 1 ELSE 0 END >= prm.age_limit AS over_age,
    -- PUBLIC_SECTOR: a public-sector staff entry, or a government organ / public institution named
    -- at P or Q, that matches no registration unit.
    coalesce(f.public_sector, false) AS public_sector,
    -- SS_MISSING: no social-insurance record in the window.
    NOT coalesce(f.has_si, false) AS ss_missing,
    -- SS_MULTIPLE_PAYERS: two units at P that do not match each other, or employed beside flexible.
    coalesce(f.payer_mismatch OR (f.employed_at_p AND f.flexible_at_p), false) AS ss_multiple_payers,
    -- SS_OUTSIDE_PROVINCE: a record at P with a region code outside Jilin.
    coalesce(f.outside, false) AS ss_outside_province,
    -- SS_RETIRED: a record in the window with status retired.
    coalesce(f.retired, false) AS ss_retired,
    -- SS_UNIT_MISMATCH: P exists and no employed record at P names a matching unit
    -- (a flexible record names no unit; a retired one is no employment).
    coalesce(f.has_si AND NOT f.ss_matches, false) AS ss_unit_mismatch,
    -- SS_VIA_AGENCY: a unit named at P is an HR agency.
    coalesce(f.via_agency, false) AS ss_via_agency
  FROM scr_person p
  CROSS JOIN scr_param prm
  LEFT JOIN per f ON f.pid = p.pid
), flagged AS MATERIALIZED (
  -- MATERIALIZED: evaluated once, filtered before the arrays below are built.
  SELECT * FROM rules
  WHERE fund_unit_mismatch OR multi_unit OR over_age OR public_sector OR ss_missing OR ss_multiple_payers
     OR ss_outside_province OR ss_retired OR ss_unit_mismatch OR ss_via_agency
)
-- The person's columns ride along, so the evidence step need not join scr_person again.
SELECT r.pid, r.id_number, r.name, r.city_code, r.birth_year, r.birth_mmdd,
       -- Listed in code-point order, so the array is already sorted as flags.csv requires.
       array_remove(ARRAY[
         CASE WHEN r.fund_unit_mismatch THEN 'FUND_UNIT_MISMATCH' END,
         CASE WHEN r.multi_unit THEN 'MULTI_UNIT' END,
         CASE WHEN r.over_age THEN 'OVER_AGE' END,
         CASE WHEN r.public_sector THEN 'PUBLIC_SECTOR' END,
         CASE WHEN r.ss_missing THEN 'SS_MISSING' END,
         CASE WHEN r.ss_multiple_payers THEN 'SS_MULTIPLE_PAYERS' END,
         CASE WHEN r.ss_outside_province THEN 'SS_OUTSIDE_PROVINCE' END,
         CASE WHEN r.ss_retired THEN 'SS_RETIRED' END,
         CASE WHEN r.ss_unit_mismatch THEN 'SS_UNIT_MISMATCH' END,
         CASE WHEN r.ss_via_agency THEN 'SS_VIA_AGENCY' END
       ], NULL) AS reasons,
       -- The sum of the reasons' weights (a weight missing from the table counts 0), added up
       -- flag by flag instead of unnesting each person's reasons in a subquery.
       (CASE WHEN r.fund_unit_mismatch THEN coalesce((w ->> 'FUND_UNIT_MISMATCH')::int, 0) ELSE 0 END
             + CASE WHEN r.multi_unit THEN coalesce((w ->> 'MULTI_UNIT')::int, 0) ELSE 0 END
             + CASE WHEN r.over_age THEN coalesce((w ->> 'OVER_AGE')::int, 0) ELSE 0 END
             + CASE WHEN r.public_sector THEN coalesce((w ->> 'PUBLIC_SECTOR')::int, 0) ELSE 0 END
             + CASE WHEN r.ss_missing THEN coalesce((w ->> 'SS_MISSING')::int, 0) ELSE 0 END
             + CASE WHEN r.ss_multiple_payers THEN coalesce((w ->> 'SS_MULTIPLE_PAYERS')::int, 0) ELSE 0 END
             + CASE WHEN r.ss_outside_province THEN coalesce((w ->> 'SS_OUTSIDE_PROVINCE')::int, 0) ELSE 0 END
             + CASE WHEN r.ss_retired THEN coalesce((w ->> 'SS_RETIRED')::int, 0) ELSE 0 END
             + CASE WHEN r.ss_unit_mismatch THEN coalesce((w ->> 'SS_UNIT_MISMATCH')::int, 0) ELSE 0 END
             + CASE WHEN r.ss_via_agency THEN coalesce((w ->> 'SS_VIA_AGENCY')::int, 0) ELSE 0 END
       ) AS risk_score
FROM flagged r
CROSS JOIN (SELECT weights AS w FROM scr_param) prm;
ANALYZE scr_flagged;
