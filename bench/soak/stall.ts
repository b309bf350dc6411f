/**
 * When the soak calls a quiet spell a stall. The campaign moves on two clocks: the officials'
 * work (cases decided, reports submitted and approved), and the compressed calendar (phases open
 * and close at fixed instants). A spell with nothing moving is only a stall if one of them owed
 * a move: work was due, or a calendar instant passed long ago without a change.
 */
import type { CityPhase } from '../../activities/campaigns/setPhase';

/** City phases in which nothing is left for the city's officer or the coordinator to do. */
const FINISHED_CITY_PHASES: ReadonlySet<string> = new Set<CityPhase>(['verified', 'completed']);

/**
 * Work is due in the investigation while a case is undecided or a city has not yet had its
 * investigation report approved (screening, opening cases, deciding, submitting, or waiting for
 * the coordinator's review). Once every city is verified the campaign only waits for its
 * calendar: at 200,000 persons on `--calendar tight --minutes-per-day 1.0` that wait is about
 * 45 minutes, which an earlier rule (every city not in 'investigation' counted as work due)
 * took for a stall after 10.
 */
export function workIsDue(campaignPhase: string, cityPhases: readonly string[], casesOpened: number, casesDecided: number): boolean {
  if (campaignPhase !== 'investigation') return false;
  return casesOpened > casesDecided || cityPhases.some((p) => !FINISHED_CITY_PHASES.has(p));
}

/** A calendar instant that passed more than `stallMs` ago, after the last change seen. */
export function missedCalendarInstant(instants: readonly number[], lastChange: number, now: number, stallMs: number): boolean {
  return instants.some((t) => t > lastChange && t < now - stallMs);
}

export interface SoakMoment {
  now: number;
  /** When the soak last saw anything move (phases, counts, submissions, approvals). */
  lastChange: number;
  stallMs: number;
  campaignPhase: string;
  cityPhases: readonly string[];
  casesOpened: number;
  casesDecided: number;
  /** The calendar's instants on the compressed clock (phase starts, deadlines). */
  instants: readonly number[];
  /** The province's deadline, after which the campaign completes. */
  provinceDeadline: number;
}

/**
 * Nothing moved for `stallMs` although something owed a move: work was due, an instant passed
 * unanswered, or the province's deadline is `stallMs` behind and the campaign has still not
 * completed (the caller stops watching once it has).
 */
export function isStalled(m: SoakMoment): boolean {
  if (m.now - m.lastChange <= m.stallMs) return false;
  return (
    workIsDue(m.campaignPhase, m.cityPhases, m.casesOpened, m.casesDecided) ||
    missedCalendarInstant(m.instants, m.lastChange, m.now, m.stallMs) ||
    m.provinceDeadline < m.now - m.stallMs
  );
}
