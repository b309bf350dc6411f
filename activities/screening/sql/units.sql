-- Step 2: which unit references match (DATA-CONTRACT "Unit match", "Unit kind", "Branches"),
-- the same rules as domain/unitMatching.ts UnitDirectory, set-based. Each distinct reference is
-- resolved against the units file once; only pairs of references that occur together for some
-- person are compared, and a pair's relation does not depend on the person, so each pair is
-- compared once however many persons share it.

-- The units file: first row wins per code and per normalised name, like UnitDirectory.
CREATE UNLOGGED TABLE scr_dir AS
SELECT DISTINCT ON (u.unit_code) u.unit_code::text AS code, u.unit_name_norm AS name_norm, u.unit_kind AS kind,
       u.branch_of::text AS branch_of, u.parent_code::text AS parent_code
FROM unit u
WHERE u.batch_id = ANY ((SELECT batches FROM scr_param)::bigint[])
ORDER BY u.unit_code, u.batch_id, u.line;

CREATE UNLOGGED TABLE scr_dir_name AS
SELECT DISTINCT ON (u.unit_name_norm) u.unit_name_norm AS name_norm, u.unit_code::text AS code
FROM unit u
WHERE u.batch_id = ANY ((SELECT batches FROM scr_param)::bigint[]) AND u.unit_name_norm <> ''
ORDER BY u.unit_name_norm, u.batch_id, u.line;

-- Every unit reference in play, resolved. The directory entry is found by code when the
-- reference has one (a code not in the file finds nothing: falling back to the name could pick
-- another legal person), else by normalised name.
--   ec/en: effective code and name (the reference's own, else the directory's);
--   lp/lp_parent: the legal person (a branch counts as its head office) and its parent company;
--   collision: two different references hashed to one uid (checked by runScreening).
CREATE UNLOGGED TABLE scr_ref AS
WITH refs AS (
  -- UNION (not UNION ALL) leaves each distinct (uid, code, name) once: one row per uid unless
  -- two references share a hash, and deduplicating ~600,000 rows by hashing is cheaper than
  -- comparing their texts in min/max aggregates.
  SELECT uid, min(rc) AS rc, min(rn) AS rn, count(*) > 1 AS collision
  FROM (SELECT uid, rc, rn FROM scr_reg
        UNION SELECT uid, rc, rn FROM scr_si WHERE uid IS NOT NULL
        UNION SELECT uid, rc, rn FROM scr_fund
        UNION SELECT uid, rc, rn FROM scr_pss) a
  GROUP BY uid
), resolved AS (
  SELECT r.uid, r.rc, r.rn, r.collision, e.code AS dc, e.name_norm AS dn, e.kind AS dkind,
         e.branch_of AS dbo, e.parent_code AS dpc
  FROM refs r
  LEFT JOIN scr_dir_name n ON r.rc IS NULL AND n.name_norm = r.rn
  LEFT JOIN scr_dir e ON e.code = coalesce(r.rc, n.code)
)
SELECT x.uid, x.rc, x.rn, x.dc, x.dbo, x.collision,
       coalesce(x.rc, x.dc) AS ec,
       coalesce(x.rn, x.dn) AS en,
       coalesce(x.dkind, CASE left(x.rc, 2) WHEN '11' THEN 'government' WHEN '12' THEN 'public_institution'
                                            ELSE 'enterprise' END) AS kind,
       coalesce(x.dbo, x.dc, x.rc) AS lp,
       CASE WHEN x.dbo IS NOT NULL THEN h.parent_code ELSE x.dpc END AS lp_parent
FROM resolved x
LEFT JOIN scr_dir h ON h.code = x.dbo;
ANALYZE scr_ref;

-- The units each person's records name, one row per person and unit, with where they appear:
--   si_latest: named by a social-insurance record at P (employed or retired);
--   si_employed_latest: by an employed record at P; fund_latest: by a fund record at Q.
CREATE UNLOGGED TABLE scr_unit AS
SELECT x.pid, x.uid, bool_or(x.si) AS si, bool_or(x.si_latest) AS si_latest,
       bool_or(x.si_employed_latest) AS si_employed_latest,
       bool_or(x.fund) AS fund, bool_or(x.fund_latest) AS fund_latest, bool_or(x.pss) AS pss
FROM (
  SELECT pid, uid, true AS si, at_p AS si_latest, at_p AND status = 'employed' AS si_employed_latest,
         false AS fund, false AS fund_latest, false AS pss
  FROM scr_si WHERE uid IS NOT NULL
  UNION ALL SELECT pid, uid, false, false, false, true, at_q, false FROM scr_fund
  UNION ALL SELECT pid, uid, false, false, false, false, false, true FROM scr_pss
) x
GROUP BY x.pid, x.uid;

-- Pairs of different registration units of one person (MULTI_UNIT and its evidence).
CREATE UNLOGGED TABLE scr_regpair AS
SELECT DISTINCT ON (x.pid, x.uid, y.uid) x.pid, x.uid AS a, y.uid AS b,
       least(x.ord, y.ord) AS first_ord, greatest(x.ord, y.ord) AS second_ord
FROM scr_reg x JOIN scr_reg y ON y.pid = x.pid AND y.uid > x.uid
ORDER BY x.pid, x.uid, y.uid, least(x.ord, y.ord), greatest(x.ord, y.ord);

-- Pairs of different units named at P (SS_MULTIPLE_PAYERS).
CREATE UNLOGGED TABLE scr_payerpair AS
SELECT x.pid, x.uid AS a, y.uid AS b
FROM scr_unit x JOIN scr_unit y ON y.pid = x.pid AND y.uid > x.uid
WHERE x.si_latest AND y.si_latest;

-- scr_rel(a, b) with a < b: the relation of two different references (NULL: they do not match)
-- and, for pairs that do not match, whether a parent-company link joins them (evidence only).
-- Only pairs that matter are compared: each unit a person's records name vs each of the
-- person's registration units, registration units among themselves and units named at P among
-- themselves.
CREATE UNLOGGED TABLE scr_rel AS
WITH pairs AS (
  SELECT least(u.uid, r.uid) AS a, greatest(u.uid, r.uid) AS b
  FROM scr_unit u JOIN scr_reg r ON r.pid = u.pid
  WHERE u.uid <> r.uid
  UNION SELECT a, b FROM scr_regpair
  UNION SELECT a, b FROM scr_payerpair
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
    coalesce(ua.lp <> ub.lp AND (ua.lp_parent = ub.lp OR ub.lp_parent = ua.lp OR ua.lp_parent = ub.lp_parent), false) AS parent_link
  FROM pairs p
  JOIN scr_ref ua ON ua.uid = p.a
  JOIN scr_ref ub ON ub.uid = p.b
)
SELECT a, b, relation, relation IS NULL AND parent_link AS parent_link
FROM compared WHERE relation IS NOT NULL OR parent_link;
ANALYZE scr_rel;

-- scr_umatch: scr_unit plus the unit's kind, its strongest relation to one of the person's
-- registration units with the first such registration (relation NULL: it matches none), and the
-- first registration it has a parent-company link to (evidence only). One pass over every
-- (unit, registration) pair of a person: the rank of a pair depends only on the two units, so
-- the minimum of rank * 100000 + registration position picks the strongest relation and, among
-- equally strong ones, the first registration.
CREATE UNLOGGED TABLE scr_umatch AS
WITH x AS (
  SELECT u.pid, u.uid, u.si, u.si_latest, u.si_employed_latest, u.fund, u.fund_latest, u.pss, f.kind, r.ord,
         CASE WHEN u.uid = r.uid THEN CASE WHEN f.rc IS NOT NULL THEN 1 ELSE 2 END
              ELSE array_position(ARRAY['same_code', 'same_name', 'branch_of', 'same_head_office', 'branch_by_name'], m.relation)
         END AS rank,
         coalesce(m.parent_link, false) AS parent_link
  FROM scr_unit u
  JOIN scr_ref f ON f.uid = u.uid
  JOIN scr_reg r ON r.pid = u.pid
  LEFT JOIN scr_rel m ON m.a = least(u.uid, r.uid) AND m.b = greatest(u.uid, r.uid)
), best AS (
  SELECT pid, uid, si, si_latest, si_employed_latest, fund, fund_latest, pss, kind,
         min(rank * 100000 + ord) AS best, min(ord) FILTER (WHERE parent_link) AS parent_reg_ord
  FROM x
  GROUP BY pid, uid, si, si_latest, si_employed_latest, fund, fund_latest, pss, kind
)
SELECT pid, uid, si, si_latest, si_employed_latest, fund, fund_latest, pss, kind,
       (ARRAY['same_code', 'same_name', 'branch_of', 'same_head_office', 'branch_by_name'])[(best / 100000)::int] AS relation,
       (best % 100000)::int AS reg_ord, parent_reg_ord::int AS parent_reg_ord
FROM best;
ANALYZE scr_umatch;
