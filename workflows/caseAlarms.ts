/**
 * When an undecided case next needs attention: the officer's reminders (after N days, then every
 * R days), the supervisors' escalation (after M days), and the overdue alert when the city's
 * deadline passes (not for a case the city carried over with a reason). Pure: a function of the
 * case's alarm state and the campaign clock, so the workflow re-computes it after every wake-up.
 */
import { DAY_MS, wallDuration, type Clocked } from '../domain/campaignClock';
import type { CaseSettings } from './messages/case';

export interface CaseAlarmState {
  openedAtMs: number;
  dueAtMs: number;
  reminders: number;
  escalated: boolean;
  /** The due instant an overdue alert was raised for (an extension re-arms it). */
  overdueForMs?: number;
  carriedOver: boolean;
}

export type CaseAlarm =
  | { kind: 'reminder'; atMs: number; occurrence: number; daysOpen: number }
  | { kind: 'escalation'; atMs: number; occurrence: 1; daysOpen: number }
  | { kind: 'overdue'; atMs: number; occurrence: 1; daysOpen: number };

function afterDays(c: Clocked, s: CaseAlarmState, days: number): number {
  return s.openedAtMs + wallDuration(c, days * DAY_MS);
}

export function nextCaseAlarm(c: Clocked, settings: CaseSettings, s: CaseAlarmState): CaseAlarm | undefined {
  const alarms: CaseAlarm[] = [];
  const n = s.reminders + 1;
  if (n === 1 || settings.reminderRepeatDays !== undefined) {
    const days = settings.reminderAfterDays + (n - 1) * (settings.reminderRepeatDays ?? 0);
    alarms.push({ kind: 'reminder', atMs: afterDays(c, s, days), occurrence: n, daysOpen: days });
  }
  if (!s.escalated) {
    alarms.push({ kind: 'escalation', atMs: afterDays(c, s, settings.escalateAfterDays), occurrence: 1, daysOpen: settings.escalateAfterDays });
  }
  if (!s.carriedOver && s.overdueForMs !== s.dueAtMs) {
    const daysOpen = Math.max(0, Math.floor((s.dueAtMs - s.openedAtMs) / wallDuration(c, DAY_MS)));
    alarms.push({ kind: 'overdue', atMs: s.dueAtMs, occurrence: 1, daysOpen });
  }
  // Earliest first; at a tie the overdue alert (the most serious) goes first.
  const rank = { overdue: 0, escalation: 1, reminder: 2 } as const;
  return alarms.sort((a, b) => a.atMs - b.atMs || rank[a.kind] - rank[b.kind])[0];
}
