-- Step 3: the ten flags of DATA-CONTRACT "Screening semantics", one line per rule, evaluated
-- per person in one pass over per-person summaries, into scr_flagged(pid, reasons, risk_score).

CREATE TEMP TABLE scr_flagged ON COMMIT DROP AS
WITH si AS (
  -- P is max(period); at_p marks the records of P.
  SELECT pid,
         bool_or(at_p AND status = 'employed') AS employed_at_p,
         bool_or(at_p AND status = 'flexible') AS flexible_at_p,
         bool_or(status = 'retired') AS retired,
         bool_or(at_p AND region_code IS NOT NULL AND left(region_code, 2) <> '22') AS outside
  FROM scr_si GROUP BY pid
), units AS (
  SELECT pid,
         bool_or(si_employed_latest AND relation IS NOT NULL) AS ss_matches,
         bool_or(fund) AS has_fund,
         bool_or(fund_latest AND relation IS NOT NULL) AS fund_matches,
         bool_or(si_latest AND kind = 'hr_agency') AS via_agency,
         bool_or(relation IS NULL AND (pss OR ((si_latest OR fund_latest) AND kind IN ('government', 'public_institution'))))
           AS public_sector
  FROM scr_umatch
  GROUP BY pid
), payers AS (
  -- Two units named at P that do not match each other.
  SELECT DISTINCT x.pid FROM scr_payerpair x
  LEFT JOIN scr_rel m ON m.a = x.a AND m.b = x.b
  WHERE m.relation IS NULL
), multi AS (
  -- Two valid registrations whose units do not match each other.
  SELECT DISTINCT x.pid FROM scr_regpair x
  LEFT JOIN scr_rel m ON m.a = x.a AND m.b = x.b
  WHERE m.relation IS NULL
), reasons AS (
  -- Listed in code-point order, so the array is already sorted as flags.csv requires.
  SELECT p.pid, array_remove(ARRAY[
    -- FUND_UNIT_MISMATCH: Q exists and no record at Q names a matching unit.
    CASE WHEN u.has_fund AND NOT u.fund_matches THEN 'FUND_UNIT_MISMATCH' END,
    -- MULTI_UNIT: two valid registrations name units that do not match each other.
    CASE WHEN mu.pid IS NOT NULL THEN 'MULTI_UNIT' END,
    -- OVER_AGE: age (ID number's birth date) on the last day of as_of at or above the limit;
    -- a 29 February birthday counts on 1 March in common years, as domain ageOn does.
    CASE WHEN extract(year FROM prm.as_of_end)::int - p.birth_year
              - CASE WHEN to_char(prm.as_of_end, 'MMDD') < p.birth_mmdd COLLATE "C" THEN 1 ELSE 0 END >= prm.age_limit
         THEN 'OVER_AGE' END,
    -- PUBLIC_SECTOR: a public-sector staff entry, or a government organ / public institution named
    -- at P or Q, that matches no registration unit.
    CASE WHEN u.public_sector THEN 'PUBLIC_SECTOR' END,
    -- SS_MISSING: no social-insurance record in the window.
    CASE WHEN si.pid IS NULL THEN 'SS_MISSING' END,
    -- SS_MULTIPLE_PAYERS: two units at P that do not match each other, or employed beside flexible.
    CASE WHEN pa.pid IS NOT NULL OR (si.employed_at_p AND si.flexible_at_p) THEN 'SS_MULTIPLE_PAYERS' END,
    -- SS_OUTSIDE_PROVINCE: a record at P with a region code outside Jilin.
    CASE WHEN si.outside THEN 'SS_OUTSIDE_PROVINCE' END,
    -- SS_RETIRED: a record in the window with status retired.
    CASE WHEN si.retired THEN 'SS_RETIRED' END,
    -- SS_UNIT_MISMATCH: P exists and no employed record at P names a matching unit
    -- (a flexible record names no unit; a retired one is no employment).
    CASE WHEN si.pid IS NOT NULL AND NOT coalesce(u.ss_matches, false) THEN 'SS_UNIT_MISMATCH' END,
    -- SS_VIA_AGENCY: a unit named at P is an HR agency.
    CASE WHEN u.via_agency THEN 'SS_VIA_AGENCY' END
  ], NULL) AS reasons
  FROM scr_person p
  CROSS JOIN scr_param prm
  LEFT JOIN si ON si.pid = p.pid
  LEFT JOIN units u ON u.pid = p.pid
  LEFT JOIN payers pa ON pa.pid = p.pid
  LEFT JOIN multi mu ON mu.pid = p.pid
)
SELECT r.pid, r.reasons,
       (SELECT sum(coalesce((prm.weights ->> c)::int, 0)) FROM unnest(r.reasons) AS c, scr_param prm)::int AS risk_score
FROM reasons r
WHERE cardinality(r.reasons) > 0;
ANALYZE scr_flagged;
