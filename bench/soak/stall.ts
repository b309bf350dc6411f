/**
 * When the soak calls a quiet spell a stall. The campaign moves on two clocks: the officials'
 * work (cases decided, reports submitted and approved), and the compressed calendar (phases open
 * and close at fixed instants). A spell with nothing moving is only a stall if one of them owed
 * a move: work was due, or a calendar instant passed long ago without a change.
 */

/** City phases in which nothing is left for the city's officer or the coordinator to do. */
const FINISHED_CITY_PHASES: ReadonlySet<string> = new Set(['verified', 'completed']);

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
