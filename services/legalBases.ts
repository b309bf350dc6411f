/** Publishing a new version of a legal basis (the province coordinator, POST /legal-bases). */
import type { Pool } from 'pg';
import type { LegalBasis, LegalBasisInput } from '../domain/legalBasis';
import { inTransaction } from '../platform/transactions';
import { legalBasisById } from '../readModel/legalBases';

/** Adds the next version of the basis (category × violation); earlier versions stay as they are. */
export async function publishLegalBasis(pool: Pool, input: LegalBasisInput, publishedBy: string): Promise<LegalBasis> {
  const id = await inTransaction(pool, async (client) => {
    // One publication of a basis at a time: its next version number is read and taken under this lock.
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`legal_basis:${input.certCategory}:${input.violation}`]);
    const { rows } = await client.query(
      `INSERT INTO legal_basis_version (cert_category, violation, version, citations, measures, hearing, effective_from, reason, published_by)
       SELECT $1, $2, coalesce(max(version), 0) + 1, $3, $4, $5, $6, $7, $8
         FROM legal_basis_version WHERE cert_category = $1 AND violation = $2
       RETURNING id`,
      [
        input.certCategory,
        input.violation,
        JSON.stringify(input.citations),
        JSON.stringify(input.measures),
        JSON.stringify(input.hearing),
        input.effectiveFrom,
        input.reason,
        publishedBy,
      ],
    );
    return Number(rows[0].id);
  });
  return (await legalBasisById(pool, id))!;
}
