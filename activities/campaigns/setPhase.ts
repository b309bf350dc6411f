/** Phase changes of the campaign and its cities, for dashboards and the timeline. */
import type { Pool } from 'pg';
import { z } from 'zod';
import { CityCode } from '../../domain/cityCode';
import { recordCampaignEvent } from './recordCampaignEvent';

export const CampaignPhase = z.enum(['launched', 'selfCheck', 'investigation', 'provincialVerification', 'completed']);
export type CampaignPhase = z.infer<typeof CampaignPhase>;

export const SetCampaignPhaseInput = z.object({
  campaignId: z.string().min(1),
  phase: CampaignPhase,
  at: z.string().datetime({ offset: true }),
});
export type SetCampaignPhaseInput = z.input<typeof SetCampaignPhaseInput>;

export async function setCampaignPhase(pool: Pool, raw: SetCampaignPhaseInput): Promise<void> {
  const i = SetCampaignPhaseInput.parse(raw);
  await pool.query(
    `UPDATE campaign SET phase = $2, updated_at = $3, status = CASE WHEN $2 = 'completed' THEN 'completed' ELSE status END
     WHERE id = $1`,
    [i.campaignId, i.phase, i.at],
  );
  await recordCampaignEvent(pool, { eventKey: `${i.campaignId}/phase/${i.phase}`, campaignId: i.campaignId, phase: i.phase, kind: 'phase_started', at: i.at });
}

export const CityPhase = z.enum(['selfCheck', 'screening', 'investigation', 'review', 'verified', 'completed']);
export type CityPhase = z.infer<typeof CityPhase>;

export const SetCityPhaseInput = z.object({
  campaignId: z.string().min(1),
  cityCode: CityCode,
  phase: CityPhase,
  at: z.string().datetime({ offset: true }),
});
export type SetCityPhaseInput = z.input<typeof SetCityPhaseInput>;

export async function setCityPhase(pool: Pool, raw: SetCityPhaseInput): Promise<void> {
  const i = SetCityPhaseInput.parse(raw);
  await pool.query(
    `UPDATE city_progress SET phase = $3, updated_at = $4, status = CASE WHEN $3 = 'completed' THEN 'completed' ELSE status END
     WHERE campaign_id = $1 AND city_code = $2`,
    [i.campaignId, i.cityCode, i.phase, i.at],
  );
  await recordCampaignEvent(pool, {
    eventKey: `${i.campaignId}/city/${i.cityCode}/phase/${i.phase}`,
    campaignId: i.campaignId,
    cityCode: i.cityCode,
    phase: i.phase,
    kind: 'city_phase_started',
    at: i.at,
  });
}
