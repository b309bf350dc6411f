/** The campaign's timeline (table campaign_event): one row per event key, so a retry records it once. */
import type { Pool, PoolClient } from 'pg';
import { z } from 'zod';
import { CityCode } from '../../domain/cityCode';

export const CampaignEventInput = z.object({
  eventKey: z.string().min(1),
  campaignId: z.string().min(1),
  cityCode: CityCode.optional(),
  phase: z.string().optional(),
  kind: z.string().min(1),
  /** Workflow time, ISO. */
  at: z.string().datetime({ offset: true }),
  /** Ids and counts only: never an ID number or name. */
  detail: z.record(z.string(), z.unknown()).default({}),
});
export type CampaignEventInput = z.input<typeof CampaignEventInput>;

export async function recordCampaignEvent(db: Pool | PoolClient, raw: CampaignEventInput): Promise<void> {
  const e = CampaignEventInput.parse(raw);
  await db.query(
    `INSERT INTO campaign_event (event_key, campaign_id, city_code, phase, kind, at, detail)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (event_key) DO NOTHING`,
    [e.eventKey, e.campaignId, e.cityCode ?? null, e.phase ?? null, e.kind, e.at, JSON.stringify(e.detail)],
  );
}
