/**
 * How long bad-conduct records stay published: the province's setting per record kind (table
 * publication_period_setting, migration 061), the latest row counting for what is published from then on.
 */
import type { Pool } from 'pg';
import { z } from 'zod';
import { PeriodRecordKind, USUAL_PERIOD_MONTHS } from '../domain/publication';
import { instant, Instant, parseRows, TimestampColumn } from './sqlTypes';

export const PublicationPeriod = z.object({
  recordKind: PeriodRecordKind,
  months: z.number().int(),
  reason: z.string(),
  setBy: z.string().describe("'system': the shipped default"),
  setAt: Instant,
  isDefault: z.boolean().describe('the shipped default, not yet confirmed or changed by the province'),
  outsideUsualRange: z.boolean().describe('outside 一般为6个月至3年 (docs/publication.md): allowed, to be justified in the reason'),
});
export type PublicationPeriod = z.infer<typeof PublicationPeriod>;

const Row = z.object({ record_kind: PeriodRecordKind, months: z.number().int(), reason: z.string(), set_by: z.string(), set_at: TimestampColumn });

export async function publicationPeriods(pool: Pool): Promise<PublicationPeriod[]> {
  const { rows } = await pool.query(
    `SELECT DISTINCT ON (record_kind) record_kind, months, reason, set_by, set_at
     FROM publication_period_setting ORDER BY record_kind, id DESC`,
  );
  return parseRows(Row, rows).map((r) => ({
    recordKind: r.record_kind,
    months: r.months,
    reason: r.reason,
    setBy: r.set_by,
    setAt: instant(r.set_at),
    isDefault: r.set_by === 'system',
    outsideUsualRange: r.months < USUAL_PERIOD_MONTHS.min || r.months > USUAL_PERIOD_MONTHS.max,
  }));
}
