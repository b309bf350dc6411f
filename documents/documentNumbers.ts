/**
 * Document numbers: gap-free and never reused, per issuing authority, kind and year
 * (长建罚告〔2026〕第0001号). A number is taken in one transaction that locks the counter row, so
 * concurrent allocations neither collide nor skip, and records it under the caller's key: the same
 * key gets the same number again (an activity retried takes no second number).
 */
import type { Pool } from 'pg';
import { z } from 'zod';
import { DocumentKind, formatDocumentNumber } from '../domain/documents';
import { DomainError } from '../domain/errors';
import { inTransaction } from '../platform/transactions';

export const IssuingAuthority = z.object({
  code: z.string(),
  name: z.string(),
  abbreviation: z.string(),
  cityCode: z.string().nullable(),
  updatedBy: z.string(),
  updatedAt: z.string().describe('ISO 8601'),
});
export type IssuingAuthority = z.infer<typeof IssuingAuthority>;

const AuthorityRow = z.object({
  code: z.string(),
  name: z.string(),
  abbreviation: z.string(),
  city_code: z.string().nullable(),
  updated_by: z.string(),
  updated_at: z.date(),
});

const toAuthority = (r: z.infer<typeof AuthorityRow>): IssuingAuthority => ({
  code: r.code,
  name: r.name,
  abbreviation: r.abbreviation,
  cityCode: r.city_code,
  updatedBy: r.updated_by,
  updatedAt: r.updated_at.toISOString(),
});

export async function listIssuingAuthorities(pool: Pool): Promise<IssuingAuthority[]> {
  const { rows } = await pool.query('SELECT code, name, abbreviation, city_code, updated_by, updated_at FROM issuing_authority ORDER BY code');
  return rows.map((r) => toAuthority(AuthorityRow.parse(r)));
}

/** Renames an authority or changes its abbreviation; numbers already taken keep the text they were given. */
export async function updateIssuingAuthority(
  pool: Pool,
  code: string,
  change: { name: string; abbreviation: string },
  updatedBy: string,
): Promise<IssuingAuthority> {
  const { rows } = await pool.query(
    `UPDATE issuing_authority SET name = $2, abbreviation = $3, updated_by = $4, updated_at = now() WHERE code = $1
     RETURNING code, name, abbreviation, city_code, updated_by, updated_at`,
    [code, change.name, change.abbreviation, updatedBy],
  );
  if (rows.length === 0) throw new DomainError('NotFound', `no issuing authority ${code}`);
  return toAuthority(AuthorityRow.parse(rows[0]));
}

export const AllocateNumberInput = z.object({
  authorityCode: z.string().min(1).max(20),
  kind: DocumentKind,
  year: z.number().int().min(2000).max(2100),
  /** The caller's key: a retry with it gets the number it got the first time. */
  key: z.string().min(1).max(200),
  /** What the number is for (a case id); recorded, never part of the key's meaning. */
  subjectRef: z.string().max(200).nullable().default(null),
});
export type AllocateNumberInput = z.input<typeof AllocateNumberInput>;

export const AllocatedNumber = z.object({
  number: z.string(),
  authorityCode: z.string(),
  kind: DocumentKind,
  year: z.number().int(),
  seq: z.number().int(),
  /** False when the key already had this number (a retry). */
  allocated: z.boolean(),
});
export type AllocatedNumber = z.infer<typeof AllocatedNumber>;

const NumberRow = z.object({ number: z.string(), authority_code: z.string(), kind: DocumentKind, year: z.number().int(), seq: z.number().int() });

function sameRequest(row: z.infer<typeof NumberRow>, input: z.output<typeof AllocateNumberInput>): boolean {
  return row.authority_code === input.authorityCode && row.kind === input.kind && row.year === input.year;
}

export async function allocateDocumentNumber(pool: Pool, raw: AllocateNumberInput): Promise<AllocatedNumber> {
  const input = AllocateNumberInput.parse(raw);
  const taken = async (q: Pick<Pool, 'query'>): Promise<AllocatedNumber | undefined> => {
    const { rows } = await q.query('SELECT number, authority_code, kind, year, seq FROM document_number WHERE idempotency_key = $1', [input.key]);
    if (rows.length === 0) return undefined;
    const row = NumberRow.parse(rows[0]);
    if (!sameRequest(row, input)) throw new DomainError('KeyReused', `key ${input.key} already took a number of another authority, kind or year`);
    return { number: row.number, authorityCode: row.authority_code, kind: row.kind, year: row.year, seq: row.seq, allocated: false };
  };
  const before = await taken(pool);
  if (before) return before;
  try {
    return await inTransaction(pool, async (client) => {
      const authority = await client.query('SELECT abbreviation FROM issuing_authority WHERE code = $1', [input.authorityCode]);
      if (authority.rows.length === 0) throw new DomainError('NotFound', `no issuing authority ${input.authorityCode}`);
      await client.query(`INSERT INTO document_number_counter (authority_code, kind, year, last_seq) VALUES ($1, $2, $3, 0) ON CONFLICT DO NOTHING`, [
        input.authorityCode,
        input.kind,
        input.year,
      ]);
      const { rows } = await client.query('SELECT last_seq FROM document_number_counter WHERE authority_code = $1 AND kind = $2 AND year = $3 FOR UPDATE', [
        input.authorityCode,
        input.kind,
        input.year,
      ]);
      // A caller with the same key may have taken its number while this one waited for the lock.
      const meanwhile = await taken(client);
      if (meanwhile) return meanwhile;
      const seq = (rows[0].last_seq as number) + 1;
      const number = formatDocumentNumber(authority.rows[0].abbreviation as string, input.kind, input.year, seq);
      await client.query('UPDATE document_number_counter SET last_seq = $4 WHERE authority_code = $1 AND kind = $2 AND year = $3', [
        input.authorityCode,
        input.kind,
        input.year,
        seq,
      ]);
      await client.query(
        `INSERT INTO document_number (authority_code, kind, year, seq, number, idempotency_key, subject_ref) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [input.authorityCode, input.kind, input.year, seq, number, input.key, input.subjectRef],
      );
      return { number, authorityCode: input.authorityCode, kind: input.kind, year: input.year, seq, allocated: true };
    });
  } catch (err) {
    // The same key taken at once under another counter: the first one stands (its transaction committed).
    if (
      (err as { code?: string; constraint?: string }).code === '23505' &&
      (err as { constraint?: string }).constraint === 'document_number_idempotency_key_key'
    ) {
      const after = await taken(pool);
      if (after) return after;
    }
    throw err;
  }
}
