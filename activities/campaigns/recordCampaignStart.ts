/** The campaign's row, its cities and deadlines in the read model, written when the workflow starts. */
import type { Pool } from 'pg';
import { z } from 'zod';
import { CampaignConfig, deadlineAt } from '../../domain/campaignConfig';
import { inTransaction } from '../../platform/transactions';
import { recordCampaignEvent } from './recordCampaignEvent';

export const RecordCampaignStartInput = z.object({
  config: CampaignConfig,
  snapshotId: z.number().int().positive().nullable(),
  launchedBy: z.string().min(1),
  workflowId: z.string().min(1),
  at: z.string().datetime({ offset: true }),
});
export type RecordCampaignStartInput = z.input<typeof RecordCampaignStartInput>;

/** The deadline keys a campaign watches: the province's, and each city's two reports. */
export function campaignDeadlines(config: CampaignConfig) {
  const cal = config.calendar;
  return [
    { key: 'provincialVerification', phase: 'provincialVerification', cityCode: null, date: cal.provincialVerification.deadline },
    ...config.cities.flatMap((c) => [
      { key: `selfCheck/${c}`, phase: 'selfCheck', cityCode: c, date: cal.selfCheck.deadline },
      { key: `investigation/${c}`, phase: 'investigation', cityCode: c, date: cal.investigation.deadline },
    ]),
  ];
}

/** Idempotent: a second call (retry, or the launch service having written first) changes nothing. */
export async function recordCampaignStart(pool: Pool, raw: RecordCampaignStartInput): Promise<void> {
  const i = RecordCampaignStartInput.parse(raw);
  const c = i.config;
  await inTransaction(pool, async (client) => {
    await client.query(
      `INSERT INTO campaign (id, name, config, calendar, snapshot_id, workflow_id, launched_at, launched_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING`,
      [c.id, c.name, JSON.stringify(c), JSON.stringify(c.calendar), i.snapshotId, i.workflowId, i.at, i.launchedBy],
    );
    for (const city of c.cities) {
      await client.query(`INSERT INTO city_progress (campaign_id, city_code, updated_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [c.id, city, i.at]);
    }
    for (const d of campaignDeadlines(c)) {
      await client.query(
        `INSERT INTO deadline (campaign_id, deadline_key, phase, city_code, due_date, due_at)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
        [c.id, d.key, d.phase, d.cityCode, d.date, new Date(deadlineAt(c, d.date)).toISOString()],
      );
    }
    await recordCampaignEvent(client, {
      eventKey: `${c.id}/launched`,
      campaignId: c.id,
      kind: 'launched',
      phase: 'launched',
      at: i.at,
      detail: { cities: c.cities, snapshotId: i.snapshotId },
    });
  });
}
