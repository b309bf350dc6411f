/**
 * A rectification order's watch (docs/intermediaries.md): its input and the signal that ends it.
 * Pure, safe in the workflow sandbox. Only the order's number, the campaign, the city and dates
 * cross Temporal: no name, no officer's text.
 */
import { defineSignal } from '@temporalio/workflow';
import { z } from 'zod';
import { CampaignCalendar, IsoDate } from '../../domain/calendar';
import { CampaignClock, CampaignId, CityCode } from '../../domain/campaignClock';

export const IntermediaryOrderInput = z.object({
  orderId: z.number().int().min(1),
  campaignId: CampaignId,
  cityCode: CityCode,
  deadline: IsoDate,
  /** The reminder's day: this many calendar days before the deadline (intermediary_setting). */
  reminderDaysBefore: z.number().int().min(0).max(30).default(3),
  /** The campaign's clock and calendar: a demo's compressed days map onto wall time as the cases' do. */
  clock: CampaignClock.default({ kind: 'calendar' }),
  calendar: CampaignCalendar,
});
export type IntermediaryOrderInput = z.input<typeof IntermediaryOrderInput>;

/** The order's result or escalation was recorded: resolve its alerts and end. */
export const orderClosedSignal = defineSignal<[]>('orderClosed');
