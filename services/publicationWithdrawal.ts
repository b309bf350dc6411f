/**
 * The province withdraws a publication itself (POST /publication/records/{recordId}/withdrawal): a
 * record published in error, or no longer to be shown. The penalty stays as it is; only the
 * publication ends, with when, who and why (the reason kept in the table, never in the feed).
 */
import type { Pool } from 'pg';

export type PublicationWithdrawal =
  { outcome: 'withdrawn'; recordId: number; withdrawnAt: Date } | { outcome: 'not_found' } | { outcome: 'already_withdrawn'; withdrawnAt: Date };

export async function withdrawPublication(pool: Pool, input: { recordId: number; reason: string }, withdrawnBy: string): Promise<PublicationWithdrawal> {
  const { rows } = await pool.query<{ withdrawn_at: Date }>(
    `UPDATE publication SET withdrawn_at = now(), withdrawn_reason = 'province', withdrawn_by = $2, withdrawn_note = $3, changed_at = now()
     WHERE publication_id = $1 AND withdrawn_at IS NULL RETURNING withdrawn_at`,
    [input.recordId, withdrawnBy, input.reason],
  );
  if (rows[0]) return { outcome: 'withdrawn', recordId: input.recordId, withdrawnAt: rows[0].withdrawn_at };
  const found = await pool.query<{ withdrawn_at: Date | null }>('SELECT withdrawn_at FROM publication WHERE publication_id = $1', [input.recordId]);
  const earlier = found.rows[0]?.withdrawn_at;
  return earlier ? { outcome: 'already_withdrawn', withdrawnAt: earlier } : { outcome: 'not_found' };
}
