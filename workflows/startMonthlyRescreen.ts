/** How the campaign starts its monthly re-screening at close (workflows/monthlyRescreen.ts). */
import { addMonths } from '../domain/calendar';
import { calendarDateAt, type CampaignConfig } from '../domain/campaignConfig';
import { CampaignIdAttr } from './messages/campaign';
import { monthlyRescreenWorkflowId } from './messages/rescreen';
import { startAbandonedChild } from './startAbandonedChild';

/** Patch id: campaigns recorded before end without a monthly re-screening. */
export const MONTHLY_RESCREEN = 'rescreen-monthly';

export async function startMonthlyRescreen(config: CampaignConfig, cities: string[]): Promise<void> {
  const today = calendarDateAt(config, Date.now());
  // It outlives the campaign: that is its point.
  await startAbandonedChild('monthlyRescreenWorkflow', {
    workflowId: monthlyRescreenWorkflowId(config.id),
    args: [{ campaignId: config.id, cities, config, firstMonth: `${addMonths(today.slice(0, 7), 1)}-01`, done: 0 }],
    typedSearchAttributes: [{ key: CampaignIdAttr, value: config.id }],
  });
}
