/**
 * Re-screening's messages (issue 21 item 4): the update that tells a city fresh data formed a new
 * snapshot, and the monthly re-screening's input. Ids only: the activities read persons from the
 * database.
 */
import { defineUpdate } from '@temporalio/workflow';
import { z } from 'zod';
import { CampaignConfig, CampaignId } from '../../domain/campaignConfig';
import { CityCode } from '../../domain/cityCode';
import { IsoDate } from '../../domain/calendar';

export interface RescreenAnswer {
  rescreenId: number | null;
  mode: 'diff' | 'full' | 'unchanged' | 'none';
  newlyFlagged: number;
  noLongerFlagged: number;
  reasonsChanged: number;
  /** Cases the city opened for the newly flagged (a running investigation only). */
  casesOpened: number;
}

/** A new snapshot of the campaign (campaign_snapshot): the city screens it against its current run. */
export const rescreenCityUpdate = defineUpdate<RescreenAnswer, [{ snapshotId: number }]>('rescreenCity');

export const MonthlyRescreenInput = z.object({
  campaignId: CampaignId,
  cities: z.array(CityCode).min(1),
  config: CampaignConfig,
  /** The first month to re-screen (its first day); later runs carry the next one. */
  firstMonth: IsoDate,
  /** Months to run before stopping (tests); without it the mechanism runs until cancelled. */
  months: z.number().int().min(1).optional(),
  /** Months already done (carried through continue-as-new). */
  done: z.number().int().min(0).default(0),
});
export type MonthlyRescreenInput = z.input<typeof MonthlyRescreenInput>;

export const monthlyRescreenWorkflowId = (campaignId: string) => `campaign/${campaignId}/monthly-rescreen`;
