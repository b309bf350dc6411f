-- Step 1: the snapshot's rows for the persons being screened, in unlogged working tables (no WAL)
-- of the run's own schema, first on the search_path and dropped before commit (runScreening).
-- scr_param (one row) carries the run's settings, so these
-- statements need no bind parameters and run as one round trip.
--
-- Keys: a person is `pid` (an integer numbered here); a unit reference (code, normalised name)
-- is `uid`, a 64-bit hash of `ref_key` = code || '|' || name. Integer keys keep the many joins
-- below cheap; runScreening checks that no two references share a uid.
-- Identical rows in several batches of one source collapse to one (GROUP BY).

-- Valid registrations, one row per distinct registration, numbered in registration order
-- (registration date, then first appearance in the files). Sort keys on text carry COLLATE "C":
-- byte order is all these keys need, and it is several times faster than a locale's collation.
CREATE UNLOGGED TABLE scr_reg AS
WITH d AS (
  SELECT r.id_number::text AS id_number, r.name, r.cert_category, r.cert_number, r.unit_name,
         nullif(r.unit_name_norm, '') AS rn, r.unit_code::text AS rc, r.city_code, r.registered_on,
         min(r.batch_id) AS batch_id, min(r.line) AS line
  FROM registration r
  WHERE r.batch_id = ANY ((SELECT batches FROM scr_param)::bigint[]) AND r.status = 'valid'
    -- A partial run (a re-screening's diff) screens only the persons in scr_only.
    AND (NOT (SELECT subset FROM scr_param) OR r.id_number::text IN (SELECT id_number FROM scr_only))
  GROUP BY r.id_number, r.name, r.cert_category, r.cert_number, r.unit_name, r.unit_name_norm,
           r.unit_code, r.city_code, r.registered_on
), o AS (
  SELECT d.*, coalesce(d.rc, '') || '|' || coalesce(d.rn, '') AS ref_key,
         row_number() OVER w AS ord,
         first_value(d.city_code) OVER w AS person_city,
         (dense_rank() OVER (ORDER BY d.id_number COLLATE "C"))::int AS pid
  FROM d
  WINDOW w AS (PARTITION BY d.id_number COLLATE "C"
               ORDER BY d.registered_on NULLS LAST, d.batch_id, d.line, d.cert_number COLLATE "C")
)
SELECT o.pid, o.ord, o.id_number, o.name, o.cert_category, o.cert_number, o.unit_name, o.rn, o.rc,
       o.city_code, o.registered_on, hashtextextended(o.ref_key, 0) AS uid
FROM o
WHERE (SELECT city_code FROM scr_param) IS NULL OR o.person_city = (SELECT city_code FROM scr_param);

-- A person's name and city are those of their first registration (a person registered in two
-- cities is one case, handled by the city of the first registration).
CREATE UNLOGGED TABLE scr_person AS
SELECT pid, id_number, name, city_code,
       -- The ID number's birth date (YYYY, MMDD) for OVER_AGE, compared like domain ageOn.
       substr(id_number, 7, 4)::int AS birth_year, substr(id_number, 11, 4) AS birth_mmdd
FROM scr_reg WHERE ord = 1;
-- Tables created in the run are not analysed in time by autovacuum; without statistics the planner picks sort-merge
-- joins on the ID number, several times slower than hashing.
ANALYZE scr_person;

-- Social insurance in the window, one row per person, unit, status and region, with the months
-- seen. A flexible-employment record names no unit, whatever the file says (uid NULL).
-- at_p: the row has a record in P, the person's latest month with any record.
CREATE UNLOGGED TABLE scr_si AS
SELECT g.*, g.latest = max(g.latest) OVER (PARTITION BY g.pid) AS at_p
FROM (
  SELECT p.pid, s.status, s.rc, s.rn,
         CASE WHEN s.rc IS NULL AND s.rn IS NULL THEN NULL
              ELSE hashtextextended(coalesce(s.rc, '') || '|' || coalesce(s.rn, ''), 0) END AS uid,
         s.region_code, min(s.unit_name) AS unit_name, max(s.period) AS latest, array_agg(s.period) AS periods
  FROM (
    SELECT x.id_number::text AS id_number, x.period, x.insured_status AS status, x.region_code::text AS region_code,
           CASE WHEN x.insured_status <> 'flexible' THEN x.unit_code::text END AS rc,
           CASE WHEN x.insured_status <> 'flexible' THEN nullif(x.unit_name_norm, '') END AS rn,
           CASE WHEN x.insured_status <> 'flexible' THEN x.unit_name END AS unit_name
    FROM social_insurance x
    WHERE x.batch_id = ANY ((SELECT batches FROM scr_param)::bigint[])
      AND x.period BETWEEN (SELECT window_start FROM scr_param) AND (SELECT as_of FROM scr_param)
  ) s
  JOIN scr_person p ON p.id_number = s.id_number
  GROUP BY p.pid, s.status, s.rc, s.rn, s.region_code
) g;

-- Housing fund in the window, one row per person and unit; at_q: the unit has a record in Q,
-- the person's latest month with a fund record.
CREATE UNLOGGED TABLE scr_fund AS
SELECT g.*, g.latest = max(g.latest) OVER (PARTITION BY g.pid) AS at_q
FROM (
  SELECT p.pid, f.unit_code::text AS rc, nullif(f.unit_name_norm, '') AS rn,
         hashtextextended(coalesce(f.unit_code::text, '') || '|' || coalesce(nullif(f.unit_name_norm, ''), ''), 0) AS uid,
         min(f.unit_name) AS unit_name, max(f.period) AS latest, array_agg(f.period) AS periods
  FROM housing_fund f
  JOIN scr_person p ON p.id_number = f.id_number::text
  WHERE f.batch_id = ANY ((SELECT batches FROM scr_param)::bigint[])
    AND f.period BETWEEN (SELECT window_start FROM scr_param) AND (SELECT as_of FROM scr_param)
  GROUP BY p.pid, f.unit_code, f.unit_name_norm
) g;

-- Public-sector staff list entries of screened persons.
CREATE UNLOGGED TABLE scr_pss AS
SELECT p.pid, s.employer_code::text AS rc, nullif(s.employer_name_norm, '') AS rn,
       hashtextextended(coalesce(s.employer_code::text, '') || '|' || coalesce(nullif(s.employer_name_norm, ''), ''), 0) AS uid,
       min(s.employer_name) AS employer_name
FROM public_sector_staff s
JOIN scr_person p ON p.id_number = s.id_number::text
WHERE s.batch_id = ANY ((SELECT batches FROM scr_param)::bigint[])
GROUP BY p.pid, s.employer_code, s.employer_name_norm;
