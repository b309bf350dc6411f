/** A deadline's state in the read model: extended (with reason) or met. */
import type { Pool } from 'pg';
import { z } from 'zod';
import { IsoDate } from '../../domain/calendar';
import { inTransaction } from '../../platform/transactions';

export const RecordDeadlineExtensionInput = z.object({
  requestId: z.string().min(1),
  campaignId: z.string().min(1),
  deadlineKey: z.string().min(1),
  fromDate: IsoDate,
  toDate: IsoDate,
  dueAt: z.string().datetime({ offset: true }),
  reason: z.string().trim().min(1),
  extendedBy: z.string().min(1),
  at: z.string().datetime({ offset: true }),
});
export type RecordDeadlineExtensionInput = z.input<typeof RecordDeadlineExtensionInput>;

/** Idempotent by requestId (the update id). */
export async function recordDeadlineExtension(pool: Pool, raw: RecordDeadlineExtensionInput): Promise<void> {
  const i = RecordDeadlineExtensionInput.parse(raw);
  await inTransaction(pool, async (client) => {
    const ins = await client.query(
      `INSERT INTO deadline_extension (request_id, campaign_id, deadline_key, from_date, to_date, reason, extended_by, extended_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING`,
      [i.requestId, i.campaignId, i.deadlineKey, i.fromDate, i.toDate, i.reason, i.extendedBy, i.at],
    );
    if ((ins.rowCount ?? 0) > 0) {
      await client.query(
        `UPDATE deadline SET due_date = $3, due_at = $4, extended_from = $5, extension_reason = $6, extended_by = $7,
                extended_at = $8, met_at = NULL
         WHERE campaign_id = $1 AND deadline_key = $2`,
        [i.campaignId, i.deadlineKey, i.toDate, i.dueAt, i.fromDate, i.reason, i.extendedBy, i.at],
      );
    }
  });
}
