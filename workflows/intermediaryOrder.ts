/**
 * A rectification order's watch (责令限期整改, docs/intermediaries.md): one workflow per order
 * (`intermediary-order/<campaignId>/<orderId>`), started when the order is issued. On the campaign's clock it
 * raises a reminder (alert `intermediary_order_due`, info) the morning of the reminder day and an
 * overdue alert (`intermediary_order_overdue`, warning) once the deadline day has passed, each only
 * while the order is still open (the activity checks). The order's result or escalation signals
 * `orderClosed`: its alerts are resolved and the watch ends.
 */
import { condition, proxyActivities, proxyLocalActivities, setHandler } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { addDays } from '../domain/calendar';
import { dayStartAt, deadlineAt } from '../domain/campaignClock';
import { orderAlertPrefix } from '../domain/intermediary';
import { IntermediaryOrderInput, orderClosedSignal } from './messages/intermediaryOrder';
import { parseWorkflowInput } from './parseInput';

const acts = proxyLocalActivities<Pick<Activities, 'raiseIntermediaryOrderAlert' | 'resolveAlerts'>>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

// Sending an alert may wait on a slow webhook: started and not awaited.
const { deliverAlert } = proxyActivities<Pick<Activities, 'deliverAlert'>>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '30 seconds', backoffCoefficient: 2, maximumInterval: '30 minutes', maximumAttempts: 10 },
});

export async function intermediaryOrderWorkflow(raw: IntermediaryOrderInput): Promise<'closed'> {
  const input = parseWorkflowInput(IntermediaryOrderInput, raw, 'intermediary order');
  let closed = false;
  setHandler(orderClosedSignal, () => {
    closed = true;
  });

  /** Waits until the wall instant or the order's closing; true when the instant came first. */
  const reached = async (wallMs: number): Promise<boolean> => {
    const wait = wallMs - Date.now();
    if (wait > 0) await condition(() => closed, wait);
    return !closed;
  };
  const raise = async (what: 'due' | 'overdue'): Promise<void> => {
    const key = await acts.raiseIntermediaryOrderAlert({ orderId: input.orderId, what, at: new Date().toISOString() });
    if (key !== null) deliverAlert({ alertKey: key }).catch(() => undefined);
  };

  if (await reached(dayStartAt(input, addDays(input.deadline, -input.reminderDaysBefore)))) await raise('due');
  if (await reached(deadlineAt(input, input.deadline))) await raise('overdue');
  await condition(() => closed);
  await acts.resolveAlerts({ keyPrefix: orderAlertPrefix(input.campaignId, input.orderId), resolvedAt: new Date().toISOString() });
  return 'closed';
}
