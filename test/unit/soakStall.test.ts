/**
 * The soak's stall rule (bench/soak/stall.ts). The 200,000-person soak of session 6 had every
 * case decided and every report approved 45 minutes before the investigation deadline, and the
 * old rule called the campaign's wait for its calendar a stall.
 */
import { missedCalendarInstant, workIsDue } from '../../bench/soak/stall';

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
});
