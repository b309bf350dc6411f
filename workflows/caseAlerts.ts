/**
 * What a case workflow tells people: the officer's reminders, the supervisors' escalation and the
 * overdue alert (caseAlarms.ts says when), and a decision the database refused. Each alert is
 * recorded, then delivered by an activity started and not awaited (a slow webhook never holds the case).
 */
import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { CaseActivities } from '../activities/cases';
import type { DeliverAlertInput } from '../activities/notifications/deliverAlert';
import { calendarDateAt, type Clocked } from '../domain/campaignClock';
import type { CaseAlarm, CaseAlarmState } from './caseAlarms';
import type { CaseState } from './messages/case';

// Recording an alert is one short write, as the case's own writes.
const alerts = proxyLocalActivities<Pick<Activities, 'raiseAlert'>>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

// Sending an alert may wait on a slow webhook: a regular activity, started and not awaited.
const { deliverAlert } = proxyActivities<{ deliverAlert(input: DeliverAlertInput): Promise<unknown> }>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '30 seconds', backoffCoefficient: 2, maximumInterval: '30 minutes', maximumAttempts: 10 },
});

export interface AlertingCase {
  caseId: string;
  campaignId: string;
  cityCode: string;
}

/** Supervisors and the city see that a decision was refused and the case is open again. */
export async function raiseRefusalAlert(c: AlertingCase, updateId: string, raisedAt: string): Promise<void> {
  const r = await alerts.raiseAlert({
    alertKey: `campaign/${c.campaignId}/city/${c.cityCode}/case/${c.caseId}/decision-refused/${updateId}`,
    level: 'warning',
    kind: 'decision_refused',
    campaignId: c.campaignId,
    cityCode: c.cityCode,
    phase: 'investigation',
    caseId: c.caseId,
    raisedAt,
    message: `案件 ${c.caseId} 的核查结论未能保存（数据库拒绝了其中的内容），已恢复为待核查状态，请经办人重新作出结论`,
  });
  deliverAlert({ alertKey: r.alertKey }).catch(() => undefined);
}

/** A reminder, escalation or overdue alert recorded and sent; the case's alarm state and its queried state follow it. */
export async function raiseCaseAlarm(
  c: AlertingCase & { clocked: Clocked; alarms: CaseAlarmState; state: CaseState },
  alarm: CaseAlarm,
  cases: Pick<CaseActivities, 'alertCase'>,
  at: string,
): Promise<void> {
  const { alarms, state } = c;
  const dueDate = alarm.kind === 'overdue' ? calendarDateAt(c.clocked, alarms.dueAtMs - 1) : undefined;
  const r = await cases.alertCase({
    campaignId: c.campaignId,
    cityCode: c.cityCode,
    caseId: c.caseId,
    kind: alarm.kind,
    occurrence: alarm.occurrence,
    daysOpen: alarm.daysOpen,
    dueDate,
    at,
  });
  if (alarm.kind === 'reminder') state.reminders = alarms.reminders = alarm.occurrence;
  if (alarm.kind === 'escalation') state.escalated = alarms.escalated = true;
  if (alarm.kind === 'overdue') {
    alarms.overdueForMs = alarms.dueAtMs;
    state.overdue = true;
  }
  deliverAlert({ alertKey: r.alertKey }).catch(() => undefined);
}
