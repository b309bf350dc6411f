/**
 * The soak's stall rule (bench/soak/stall.ts). The 200,000-person soak of session 6 had every
 * case decided and every report approved 45 minutes before the investigation deadline, and the
 * old rule called the campaign's wait for its calendar a stall.
 */
import { isStalled, missedCalendarInstant, workIsDue, type SoakMoment } from '../../bench/soak/stall';

const NINE = (phase: string) => Array.from({ length: 9 }, () => phase);

describe('the soak stall rule', () => {
  it('owes no work once every city is verified, so waiting for the calendar is not a stall', () => {
    expect(workIsDue('investigation', NINE('verified'), 44_953, 44_953)).toBe(false);
    expect(workIsDue('investigation', [...NINE('verified').slice(1), 'completed'], 10, 10)).toBe(false);
  });

  it('owes work while a case is undecided', () => {
    expect(workIsDue('investigation', NINE('investigation'), 44_953, 44_952)).toBe(true);
  });

  it('owes work while a city screens, opens cases, has yet to submit, or waits for review', () => {
    for (const phase of ['screening', 'investigation', 'review']) {
      expect(workIsDue('investigation', [...NINE('verified').slice(1), phase], 100, 100)).toBe(true);
    }
  });

  it('leaves the other campaign phases to the calendar instants', () => {
    expect(workIsDue('selfCheck', NINE('selfCheck'), 0, 0)).toBe(false);
    expect(workIsDue('provincialVerification', NINE('verified'), 5, 5)).toBe(false);
  });

  it('calls an instant missed only when it passed more than the stall time ago, after the last change', () => {
    const stall = 600_000;
    const now = 10_000_000;
    expect(missedCalendarInstant([now - stall - 1], now - 2 * stall, now, stall)).toBe(true);
    expect(missedCalendarInstant([now - stall + 1], now - 2 * stall, now, stall)).toBe(false); // not long enough ago
    expect(missedCalendarInstant([now - stall - 1], now - stall, now, stall)).toBe(false); // the change came after it
    expect(missedCalendarInstant([now + 60_000], now - 2 * stall, now, stall)).toBe(false); // still ahead
  });

  // Run ec044f at 3,656 s: every city verified, nothing moving for 604 s, the investigation
  // deadline still 37 minutes ahead.
  const waitingForCalendar: SoakMoment = {
    now: 3_656_000,
    lastChange: 3_052_000,
    stallMs: 600_000,
    campaignPhase: 'investigation',
    cityPhases: NINE('verified'),
    casesOpened: 44_953,
    casesDecided: 44_953,
    instants: [320_000, 5_840_000, 5_900_000],
    provinceDeadline: 6_020_000,
  };

  it('does not stop a campaign that only waits for its calendar', () => {
    expect(isStalled(waitingForCalendar)).toBe(false);
  });

  it('stops one that owes work, misses an instant, or has not completed long after the deadline', () => {
    expect(isStalled({ ...waitingForCalendar, casesDecided: 44_952 })).toBe(true);
    expect(isStalled({ ...waitingForCalendar, instants: [3_053_000] })).toBe(true);
    expect(isStalled({ ...waitingForCalendar, now: 6_700_000, lastChange: 6_030_000 })).toBe(true);
  });

  it('never calls a spell shorter than the stall time a stall, whatever is owed', () => {
    expect(isStalled({ ...waitingForCalendar, casesDecided: 0, lastChange: waitingForCalendar.now - 600_000 })).toBe(false);
  });
});
