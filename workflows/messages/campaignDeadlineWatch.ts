/**
 * Watching one deadline from inside a workflow: due-soon warnings (7 and 1 days before by
 * default), an overdue alert the instant it passes, repeated every overdueRepeatHours until the
 * deadline is met, re-armed when it is extended. Shared by the campaign and city workflows; all
 * its state lives in the DeadlineWatchState it is given, so a continued-as-new run resumes it.
 *
 * Bounded history: one timer + one alert per event, and the loop ends when the deadline is met or
 * the campaign closes, so a deadline missed for the whole campaign costs ~10 events per repeat.
 */
import { condition, proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import type { RaiseAlertInput } from '../../activities/alerts/raiseAlert';
import { DAY_MS, HOUR_MS, deadlineAt, wallDuration, type CampaignConfig } from '../../domain/campaignConfig';
import type { DeadlineWatchState } from './city';

const { raiseAlert } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

// Delivery runs detached with its own patient retry policy: a failing or hanging endpoint costs
// retries in the background, never a blocked workflow.
const { deliverAlert } = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '30 seconds', backoffCoefficient: 2, maximumInterval: '30 minutes', maximumAttempts: 10 },
});

/** The patch under which a run continues as new (or ends) only once its alerts are recorded and delivered. */
export const ALERTS_END_BEFORE_CONTINUE = 'alerts-end-before-continue';

// Module state is the workflow run's own (each run evaluates the bundle in its own context).
let alertsInFlight = 0;

/**
 * Alerts this run is recording or delivering. A run that continues as new waits for none: an alert
 * left in flight would be abandoned with its run (its result unrecorded), and the time-skipping test
 * server then stops skipping time for good.
 */
export const notificationsInFlight = (): number => alertsInFlight;

/** Records the alert (awaited: the read model is the source of truth) and sends it (not awaited). */
export async function notify(alert: Omit<RaiseAlertInput, 'raisedAt'>): Promise<void> {
  alertsInFlight += 1;
  try {
    await raiseAlert({ ...alert, raisedAt: new Date().toISOString() });
  } catch (err) {
    alertsInFlight -= 1;
    throw err;
  }
  deliverAlert({ alertKey: alert.alertKey })
    .catch(() => undefined)
    .finally(() => {
      alertsInFlight -= 1;
    });
}

export interface DeadlineWatchContext {
  config: CampaignConfig;
  campaignId: string;
  cityCode?: string;
  phase: string;
  /** Alert keys are `${keyBase}/due-soon-<d>d/<date>` and `${keyBase}/overdue/<date>`. */
  keyBase: string;
  /** Chinese: who owes the deliverable (长春市 / 省住建厅) and what it is (报送自查自纠汇总表). */
  who: string;
  what: string;
  /** True once the campaign is over: the watch ends. */
  stopped: () => boolean;
}

export async function watchDeadline(ctx: DeadlineWatchContext, w: DeadlineWatchState): Promise<void> {
  const { rules } = ctx.config;
  const soonDays = [...new Set(rules.dueSoonDays)].sort((a, b) => b - a);
  const repeatMs = wallDuration(ctx.config, rules.overdueRepeatHours * HOUR_MS);
  const base = { kind: '', campaignId: ctx.campaignId, phase: ctx.phase, ...(ctx.cityCode ? { cityCode: ctx.cityCode } : {}) };

  while (!w.met && !ctx.stopped()) {
    const version = w.version;
    const dueAt = deadlineAt(ctx.config, w.date);
    const soonAt = (d: number) => dueAt - wallDuration(ctx.config, d * DAY_MS);
    const pending = soonDays.filter((d) => !w.soonSent.includes(d));
    let nextAt: number;
    let fire: () => Promise<void>;
    if (Date.now() < dueAt) {
      const lapsed = pending.filter((d) => soonAt(d) <= Date.now());
      const upcoming = pending.filter((d) => soonAt(d) > Date.now());
      // Warnings whose moment passed (a late launch, an extension) collapse into the nearest one.
      const d = lapsed.length > 0 ? Math.min(...lapsed) : upcoming[0];
      nextAt = d === undefined ? dueAt : lapsed.length > 0 ? Date.now() : soonAt(d);
      fire =
        d === undefined
          ? () => Promise.resolve()
          : async () => {
              await notify({
                ...base,
                kind: 'deadline_due_soon',
                alertKey: `${ctx.keyBase}/due-soon-${d}d/${w.date}`,
                level: d >= 7 ? 'info' : 'warning',
                message: `${ctx.who}${ctx.what}的截止日期为${w.date}，还剩${d}天`,
              });
              w.soonSent.push(...(lapsed.length > 0 ? lapsed : [d]));
            };
    } else {
      const n = w.overdueOccurrence + 1;
      nextAt = dueAt + w.overdueOccurrence * repeatMs;
      fire = async () => {
        await notify({
          ...base,
          kind: 'deadline_overdue',
          alertKey: `${ctx.keyBase}/overdue/${w.date}`,
          level: 'critical',
          occurrence: n,
          message: `${ctx.who}未在${w.date}前${ctx.what}，已逾期${n > 1 ? `（第${n}次提醒）` : ''}`,
        });
        w.overdueOccurrence = n;
      };
    }
    const wait = nextAt - Date.now();
    if (wait > 0) {
      const interrupted = await condition(() => w.met || w.version !== version || ctx.stopped(), wait);
      if (interrupted) continue;
    }
    await fire();
  }
}

/** Moves a watched deadline: warnings and overdue alerts start afresh for the new date. */
export function extendWatch(w: DeadlineWatchState, newDate: string): void {
  w.date = newDate;
  w.soonSent = [];
  w.overdueOccurrence = 0;
  w.met = false;
  w.version += 1;
}
