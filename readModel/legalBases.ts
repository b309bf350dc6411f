/**
 * The legal bases (issue 19) as published: the version in force on a date for each certificate
 * category and violation, and any version by id (a case's decision names one).
 */
import type { Pool } from 'pg';
import { z } from 'zod';
import { CERT_CATEGORY_LABELS, CertCategory } from '../domain/certCategories';
import { allVerified, basisLabels, Citation, Hearing, LegalBasis, Measure, Violation } from '../domain/legalBasis';

const Row = z.object({
  id: z.coerce.number().int(),
  version: z.number().int(),
  cert_category: CertCategory,
  violation: Violation,
  citations: z.array(Citation),
  measures: z.array(Measure),
  hearing: Hearing,
  effective_from: z.string(),
  reason: z.string(),
  published_by: z.string(),
  published_at: z.date(),
  superseded_by: z.coerce.number().int().nullable(),
});

const SELECT = `SELECT v.id, v.version, v.cert_category, v.violation, v.citations, v.measures, v.hearing,
    to_char(v.effective_from, 'YYYY-MM-DD') AS effective_from, v.reason, v.published_by, v.published_at,
    (SELECT n.id FROM legal_basis_version n WHERE n.cert_category = v.cert_category AND n.violation = v.violation
       AND n.version > v.version ORDER BY n.version LIMIT 1) AS superseded_by
  FROM legal_basis_version v`;

function toBasis(raw: unknown): LegalBasis {
  const r = Row.parse(raw);
  return {
    id: r.id,
    version: r.version,
    certCategory: r.cert_category,
    violation: r.violation,
    citations: r.citations,
    measures: r.measures,
    hearing: r.hearing,
    effectiveFrom: r.effective_from,
    reason: r.reason,
    publishedBy: r.published_by,
    publishedAt: r.published_at.toISOString(),
    supersededBy: r.superseded_by,
    verified: allVerified(r.citations),
    labels: basisLabels(CERT_CATEGORY_LABELS[r.cert_category], r.violation, r.measures),
  };
}

/**
 * The version in force on `asOf` of every basis (or of one category and violation): per basis, the
 * highest version whose effective date is on or before `asOf`.
 */
export async function legalBasesInForce(pool: Pool, opts: { asOf: string; certCategory?: CertCategory; violation?: Violation }): Promise<LegalBasis[]> {
  const { rows } = await pool.query(
    `${SELECT}
     WHERE v.effective_from <= $1::date
       AND ($2::text IS NULL OR v.cert_category = $2) AND ($3::text IS NULL OR v.violation = $3)
       AND v.version = (SELECT max(m.version) FROM legal_basis_version m
                        WHERE m.cert_category = v.cert_category AND m.violation = v.violation AND m.effective_from <= $1::date)
     ORDER BY v.cert_category, v.violation`,
    [opts.asOf, opts.certCategory ?? null, opts.violation ?? null],
  );
  return rows.map(toBasis);
}

/** One version by id, or undefined. */
export async function legalBasisById(pool: Pool, id: number): Promise<LegalBasis | undefined> {
  const { rows } = await pool.query(`${SELECT} WHERE v.id = $1`, [id]);
  return rows.length === 0 ? undefined : toBasis(rows[0]);
}
