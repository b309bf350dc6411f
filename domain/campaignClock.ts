/**
 * A campaign's clock: calendar time (the campaign's dates) ↔ wall time (what Temporal timers see),
 * and the small identifiers every workflow message carries.
 *
 * Kept apart from campaignConfig.ts (which re-exports all of it) because case and shard workflows
 * need only this: in the worker's reusable V8 context every workflow evaluates the modules its
 * type imports, and the full configuration schema costs several milliseconds per case workflow.
 */
import { z } from 'zod';
import { CampaignCalendar, deadlineInstant, startOfDayShanghai, shanghaiDate } from './calendar';
import { onField } from './fieldMessages';

export const DAY_MS = 24 * 60 * 60 * 1000;
export const HOUR_MS = 60 * 60 * 1000;

/** A slug: it becomes part of workflow ids (`campaign/<id>`) and URLs. */
export const CampaignId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, { error: onField('只能由小写字母、数字和“-”组成，以字母或数字开头，不超过63个字符') });
export type CampaignId = z.infer<typeof CampaignId>;

export { CityCode } from './cityCode';

/**
 * The real calendar, or the demo's: calendar days mapped linearly onto `minutesPerDay` minutes
 * from `start` (the first day of self-check), so a whole campaign passes in an hour.
 */
export const CampaignClock = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('calendar') }),
  z.object({
    kind: z.literal('compressed'),
    start: z.string().datetime({ offset: true }),
    minutesPerDay: z.number().positive().max(1440),
  }),
]);
export type CampaignClock = z.infer<typeof CampaignClock>;

// ---- The clock: calendar time (the campaign's dates) ↔ wall time (what Temporal timers see) ----

/** What the clock functions read of a campaign: its clock and its calendar. */
export interface Clocked {
  clock: CampaignClock;
  calendar: CampaignCalendar;
}

function epoch(c: Clocked): number {
  return startOfDayShanghai(c.calendar.selfCheck.start).getTime();
}

/** Wall milliseconds per calendar millisecond (1 on the real calendar). */
export function clockScale(c: Clocked): number {
  return c.clock.kind === 'calendar' ? 1 : (c.clock.minutesPerDay * 60_000) / DAY_MS;
}

/** The wall-clock instant (ms) of a calendar instant (ms). */
export function toWallTime(c: Clocked, calendarMs: number): number {
  if (c.clock.kind === 'calendar') return calendarMs;
  return Date.parse(c.clock.start) + (calendarMs - epoch(c)) * clockScale(c);
}

/** The calendar instant (ms) a wall-clock instant (ms) stands for. */
export function toCalendarTime(c: Clocked, wallMs: number): number {
  if (c.clock.kind === 'calendar') return wallMs;
  return epoch(c) + (wallMs - Date.parse(c.clock.start)) / clockScale(c);
}

/** When a deadline day has passed (00:00 +08:00 the next calendar day), as wall ms. */
export function deadlineAt(c: Clocked, date: string): number {
  return toWallTime(c, deadlineInstant(date).getTime());
}

/** 00:00 +08:00 on a calendar date, as wall ms. */
export function dayStartAt(c: Clocked, date: string): number {
  return toWallTime(c, startOfDayShanghai(date).getTime());
}

/** The campaign's calendar date (Asia/Shanghai) at a wall instant. */
export function calendarDateAt(c: Clocked, wallMs: number): string {
  return shanghaiDate(new Date(Math.floor(toCalendarTime(c, wallMs))));
}

/** A calendar duration (e.g. 24 hours) as wall ms; at least 1 ms so timers always advance. */
export function wallDuration(c: Clocked, calendarMs: number): number {
  return Math.max(1, Math.round(calendarMs * clockScale(c)));
}
