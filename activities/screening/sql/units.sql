-- Step 2: which unit references match (DATA-CONTRACT "Unit match", "Unit kind", "Branches").
-- The same rules as domain/unitMatching.ts UnitDirectory, set-based: every distinct reference is
-- resolved against the units file once, then only pairs of references that occur together for
-- some person are compared (a few per person), and the relation of a pair does not depend on
-- the person, so each pair is compared once however many persons share it.

-- The units file: first row wins per code and per normalised name, like UnitDirectory.
CREATE TEMP TABLE scr_dir ON COMMIT DROP AS
SELECT DISTINCT ON (u.unit_code) u.unit_code::text AS code, u.unit_name_norm AS name_norm, u.unit_kind AS kind,
       u.branch_of::text AS branch_of, u.parent_code::text AS parent_code, u.batch_id, u.line
FROM unit u
WHERE u.batch_id = ANY ((SELECT batches FROM scr_param)::bigint[])
ORDER BY u.unit_code, u.batch_id, u.line;

CREATE TEMP TABLE scr_dir_name ON COMMIT DROP AS
SELECT DISTINCT ON (u.unit_name_norm) u.unit_name_norm AS name_norm, u.unit_code::text AS code
FROM unit u
WHERE u.batch_id = ANY ((SELECT batches FROM scr_param)::bigint[]) AND u.unit_name_norm <> ''
ORDER BY u.unit_name_norm, u.batch_id, u.line;

-- Every unit reference of a screened person, resolved: the directory entry is found by code
-- when the reference has one (a code not in the file finds nothing: falling back to the name
-- could pick another legal person), else by normalised name.
--   ec/en: effective code and name (the reference's own, else the directory's);
--   lp/lp_parent: the legal person (a branch counts as its head office) and its parent company.
CREATE TEMP TABLE scr_ref ON COMMIT DROP AS
WITH refs AS (
  SELECT rc, rn, ref_key FROM scr_reg
  UNION SELECT rc, rn, ref_key FROM scr_si WHERE ref_key IS NOT NULL
  UNION SELECT rc, rn, ref_key FROM scr_fund
  UNION SELECT rc, rn, ref_key FROM scr_pss
), resolved AS (
  SELECT r.ref_key, r.rc, r.rn, e.code AS dc, e.name_norm AS dn, e.kind AS dkind, e.branch_of AS dbo, e.parent_code AS dpc
  FROM refs r
  LEFT JOIN scr_dir_name n ON r.rc IS NULL AND n.name_norm = r.rn
  LEFT JOIN scr_dir e ON e.code = coalesce(r.rc, n.code)
)
SELECT x.ref_key, x.rc, x.rn, x.dc, x.dbo,
       coalesce(x.rc, x.dc) AS ec,
       coalesce(x.rn, x.dn) AS en,
       coalesce(x.dkind, CASE left(x.rc, 2) WHEN '11' THEN 'government' WHEN '12' THEN 'public_institution'
                                            ELSE 'enterprise' END) AS kind,
       coalesce(x.dbo, x.dc, x.rc) AS lp,
       CASE WHEN x.dbo IS NOT NULL THEN h.parent_code ELSE x.dpc END AS lp_parent
FROM resolved x
LEFT JOIN scr_dir h ON h.code = x.dbo;
ANALYZE scr_ref;

-- Every unit reference of each person, whatever the source.
CREATE TEMP TABLE scr_pref ON COMMIT DROP AS
SELECT id_number, ref_key FROM scr_reg
UNION SELECT id_number, ref_key FROM scr_si WHERE ref_key IS NOT NULL
UNION SELECT id_number, ref_key FROM scr_fund
UNION SELECT id_number, ref_key FROM scr_pss;

-- scr_match(a, b, relation, parent_link): both directions of every co-occurring pair, plus each
-- reference with itself. relation IS NULL means "does not match"; such rows are kept only when
-- they carry a parent-company link, which is evidence and never a match.
CREATE TEMP TABLE scr_match ON COMMIT DROP AS
WITH pairs AS (
  SELECT DISTINCT a.ref_key AS a, b.ref_key AS b
  FROM scr_pref a JOIN scr_pref b ON b.id_number = a.id_number AND b.ref_key > a.ref_key
), compared AS (
  SELECT p.a, p.b,
    CASE
      WHEN ua.rc = ub.rc THEN 'same_code'
      -- Both codes present and different: different legal persons, even under one name.
      WHEN (ua.rc IS NULL OR ub.rc IS NULL) AND ua.rn = ub.rn THEN 'same_name'
      WHEN ua.dc = ub.dc THEN 'same_code'
      WHEN ua.dbo = ub.ec OR ub.dbo = ua.ec THEN 'branch_of'
      WHEN ua.dbo = ub.dbo THEN 'same_head_office'
      -- One name is the other's plus a suffix ending in 分公司. starts_with/right, not LIKE:
      -- names may contain % or _.
      WHEN (starts_with(ua.en, ub.en) AND length(ua.en) >= length(ub.en) + 3 AND right(ua.en, 3) = '分公司')
        OR (starts_with(ub.en, ua.en) AND length(ub.en) >= length(ua.en) + 3 AND right(ub.en, 3) = '分公司')
        THEN 'branch_by_name'
    END AS relation,
    (ua.lp <> ub.lp AND (ua.lp_parent = ub.lp OR ub.lp_parent = ua.lp OR ua.lp_parent = ub.lp_parent)) AS parent_link
  FROM pairs p
  JOIN scr_ref ua ON ua.ref_key = p.a
  JOIN scr_ref ub ON ub.ref_key = p.b
), kept AS (
  SELECT a, b, relation, CASE WHEN relation IS NULL THEN coalesce(parent_link, false) ELSE false END AS parent_link
  FROM compared
  WHERE relation IS NOT NULL OR parent_link
)
SELECT a, b, relation, parent_link FROM kept
UNION ALL SELECT b, a, relation, parent_link FROM kept
UNION ALL SELECT ref_key, ref_key, CASE WHEN rc IS NOT NULL THEN 'same_code' ELSE 'same_name' END, false
          FROM scr_ref WHERE rc IS NOT NULL OR rn IS NOT NULL;
ANALYZE scr_match;
