-- Step 1: the snapshot's rows for the persons being screened, in session-local temp tables
-- (no WAL, dropped at commit). scr_param (one row) carries the run's settings, so these
-- statements need no bind parameters and run as one round trip.
-- Identical rows in several batches of one source collapse to one (GROUP BY / DISTINCT).
-- A unit reference is keyed by ref_key = code || '|' || normalised name, so joins are plain
-- hash joins on text (IS NOT DISTINCT FROM cannot be hashed).

-- Valid registrations, one row per distinct registration, numbered in registration order:
-- registration date, then first appearance in the files.
CREATE TEMP TABLE scr_reg ON COMMIT DROP AS
WITH d AS (
  SELECT r.id_number, r.name, r.cert_category, r.cert_number, r.unit_name,
         nullif(r.unit_name_norm, '') AS rn, r.unit_code::text AS rc, r.city_code, r.registered_on,
         min(r.batch_id) AS batch_id, min(r.line) AS line
  FROM registration r
  WHERE r.batch_id = ANY ((SELECT batches FROM scr_param)::bigint[]) AND r.status = 'valid'
  GROUP BY r.id_number, r.name, r.cert_category, r.cert_number, r.unit_name, r.unit_name_norm,
           r.unit_code, r.city_code, r.registered_on
), o AS (
  SELECT d.*, coalesce(d.rc, '') || '|' || coalesce(d.rn, '') AS ref_key,
         row_number() OVER (PARTITION BY d.id_number ORDER BY d.registered_on NULLS LAST, d.batch_id, d.line,
                                                              d.cert_number COLLATE "C") AS ord
  FROM d
)
SELECT o.* FROM o
WHERE (SELECT city_code FROM scr_param) IS NULL
   OR o.id_number IN (SELECT f.id_number FROM o f WHERE f.ord = 1 AND f.city_code = (SELECT city_code FROM scr_param));

-- A person's name and city are those of their first registration (a person registered in two
-- cities is one case, handled by the city of the first registration).
CREATE TEMP TABLE scr_person ON COMMIT DROP AS
SELECT id_number, name, city_code,
       -- The ID number's birth date (YYYY, MMDD) for OVER_AGE, compared like domain ageOn.
       substr(id_number, 7, 4)::int AS birth_year, substr(id_number, 11, 4) AS birth_mmdd
FROM scr_reg WHERE ord = 1;

-- Social insurance in the window. A flexible-employment record names no unit, whatever the file says.
CREATE TEMP TABLE scr_si ON COMMIT DROP AS
SELECT s.id_number, s.period, s.status, s.rc, s.rn,
       CASE WHEN s.rc IS NULL AND s.rn IS NULL THEN NULL ELSE coalesce(s.rc, '') || '|' || coalesce(s.rn, '') END AS ref_key,
       min(s.unit_name) AS unit_name, s.region_code
FROM (
  SELECT x.id_number, x.period, x.insured_status AS status, x.region_code::text AS region_code,
         CASE WHEN x.insured_status <> 'flexible' THEN x.unit_code::text END AS rc,
         CASE WHEN x.insured_status <> 'flexible' THEN nullif(x.unit_name_norm, '') END AS rn,
         CASE WHEN x.insured_status <> 'flexible' THEN x.unit_name END AS unit_name
  FROM social_insurance x
  WHERE x.batch_id = ANY ((SELECT batches FROM scr_param)::bigint[])
    AND x.period BETWEEN (SELECT window_start FROM scr_param) AND (SELECT as_of FROM scr_param)
) s
JOIN scr_person p ON p.id_number = s.id_number
GROUP BY s.id_number, s.period, s.status, s.rc, s.rn, s.region_code;

-- P: the latest month in the window with any social-insurance record of the person.
CREATE TEMP TABLE scr_p ON COMMIT DROP AS
SELECT id_number, max(period) AS p FROM scr_si GROUP BY id_number;

-- Housing fund in the window.
CREATE TEMP TABLE scr_fund ON COMMIT DROP AS
SELECT f.id_number, f.period, f.unit_code::text AS rc, nullif(f.unit_name_norm, '') AS rn,
       coalesce(f.unit_code::text, '') || '|' || coalesce(nullif(f.unit_name_norm, ''), '') AS ref_key,
       min(f.unit_name) AS unit_name
FROM housing_fund f
JOIN scr_person p ON p.id_number = f.id_number
WHERE f.batch_id = ANY ((SELECT batches FROM scr_param)::bigint[])
  AND f.period BETWEEN (SELECT window_start FROM scr_param) AND (SELECT as_of FROM scr_param)
GROUP BY f.id_number, f.period, f.unit_code, f.unit_name_norm;

-- Q: the same for the housing fund.
CREATE TEMP TABLE scr_q ON COMMIT DROP AS
SELECT id_number, max(period) AS q FROM scr_fund GROUP BY id_number;

-- Public-sector staff list entries of screened persons.
CREATE TEMP TABLE scr_pss ON COMMIT DROP AS
SELECT s.id_number, s.employer_code::text AS rc, nullif(s.employer_name_norm, '') AS rn,
       coalesce(s.employer_code::text, '') || '|' || coalesce(nullif(s.employer_name_norm, ''), '') AS ref_key,
       min(s.employer_name) AS employer_name
FROM public_sector_staff s
JOIN scr_person p ON p.id_number = s.id_number
WHERE s.batch_id = ANY ((SELECT batches FROM scr_param)::bigint[])
GROUP BY s.id_number, s.employer_code, s.employer_name_norm;

ANALYZE scr_reg;
ANALYZE scr_person;
ANALYZE scr_si;
ANALYZE scr_p;
ANALYZE scr_fund;
ANALYZE scr_q;
ANALYZE scr_pss;
