/**
 * The long-term mechanism (长效机制, issue 21 item 4): after the campaign, every city is screened
 * again each month on the campaign's latest snapshot, as a diff against its last run, and the
 * province is told what changed (an alert per month with each city's counts; the persons are in
 * the read model, rescreen_change). No case is opened or closed here: the campaign is over, and
 * what a city does about a newly flagged person is an officer's decision.
 *
 * A monthly timer on the campaign's clock (the first day of each month, 09:00 of the campaign's
 * day), so the time-skipping test server can run months in seconds. Bounded history: it continues
 * as new every twelve months.
 */
import { condition, continueAsNew, patched, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { addMonths } from '../domain/calendar';
import { cityName } from '../domain/cities';
import { dayStartAt, HOUR_MS, screeningSettingsOf, wallDuration } from '../domain/campaignConfig';
import { ALERTS_END_BEFORE_CONTINUE, notificationsInFlight, notify } from './messages/campaignDeadlineWatch';
import { MonthlyRescreenInput } from './messages/rescreen';
import { parseWorkflowInput } from './parseInput';

const bulk = proxyActivities<Activities>({
  startToCloseTimeout: '30 minutes',
  heartbeatTimeout: '2 minutes',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

const MONTHS_PER_RUN = 12;
const REPORT_HOUR = 9;

export interface MonthlyRescreenResult {
  months: number;
}

export async function monthlyRescreenWorkflow(raw: MonthlyRescreenInput): Promise<MonthlyRescreenResult> {
  const input = parseWorkflowInput(MonthlyRescreenInput, raw, 'monthly re-screening workflow');
  const { campaignId, config } = input;
  let done = input.done;
  let month = input.firstMonth.slice(0, 7);
  for (let inRun = 0; inRun < MONTHS_PER_RUN; inRun++) {
    if (input.months !== undefined && done >= input.months) {
      await alertsDelivered();
      return { months: done };
    }
    const at = dayStartAt(config, `${month}-01`) + wallDuration(config, REPORT_HOUR * HOUR_MS);
    if (at > Date.now()) await condition(() => false, at - Date.now());
    const lines: string[] = [];
    let totals = { newly: 0, corrected: 0, changed: 0 };
    for (const cityCode of input.cities) {
      const r = await bulk.rescreenCity({
        campaignId,
        cityCode,
        trigger: 'monthly',
        requestKey: `${workflowInfo().workflowId}/${month}/${cityCode}`,
        settings: screeningSettingsOf(config),
        at: new Date().toISOString(),
      });
      totals = { newly: totals.newly + r.newlyFlagged, corrected: totals.corrected + r.noLongerFlagged, changed: totals.changed + r.reasonsChanged };
      lines.push(`${cityName(cityCode)}新增${r.newlyFlagged}人、不再疑似${r.noLongerFlagged}人、疑点变化${r.reasonsChanged}人`);
    }
    await notify({
      alertKey: `campaign/${campaignId}/monthly-rescreen/${month}`,
      level: 'info',
      kind: 'monthly_rescreen',
      campaignId,
      phase: 'longTerm',
      message: `${month}月度复筛：全省新增疑似${totals.newly}人、不再疑似${totals.corrected}人、疑点变化${totals.changed}人。${lines.join('；')}`,
    });
    done++;
    month = addMonths(month, 1);
  }
  await alertsDelivered();
  return continueAsNew<typeof monthlyRescreenWorkflow>({ ...input, firstMonth: `${month}-01`, done });
}

/** The last month's alert delivered before the run ends or continues (not abandoned with it); runs from before the patch replay as they ran. */
async function alertsDelivered(): Promise<void> {
  if (patched(ALERTS_END_BEFORE_CONTINUE)) await condition(() => notificationsInFlight() === 0);
}
