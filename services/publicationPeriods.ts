/** The province sets how long a kind of bad-conduct record stays published (PUT /publication/periods/{recordKind}). */
import type { Pool } from 'pg';
import type { PeriodRecordKind } from '../domain/publication';

/** A new setting row: it counts for records published from now on; what is published keeps its period. */
export async function setPublicationPeriod(pool: Pool, input: { recordKind: PeriodRecordKind; months: number; reason: string }, setBy: string): Promise<void> {
  await pool.query('INSERT INTO publication_period_setting (record_kind, months, reason, set_by) VALUES ($1, $2, $3, $4)', [
    input.recordKind,
    input.months,
    input.reason,
    setBy,
  ]);
}
