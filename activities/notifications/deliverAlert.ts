/**
 * Sends an alert through the campaign's notification channels (log sink always; webhook and SMTP
 * when configured). Workflows start it without waiting for it, and a failure throws so Temporal's
 * retry policy backs off and tries again; each attempt's outcome is kept on the alert row
 * (delivery_status, delivery_attempts, delivery_last_error), so a dead endpoint is visible.
 */
import { log } from '@temporalio/activity';
import { failure } from '../domainFailure';
import type { Pool } from 'pg';
import { z } from 'zod';
import { NotificationSettings } from '../../domain/campaignConfig';
import { LEVEL_RANK, type AlertNotice, type NotificationChannel } from './notificationPort';
import { smtpChannel } from './smtpChannel';
import { webhookChannel } from './webhookChannel';

export const DeliverAlertInput = z.object({ alertKey: z.string().min(1) });
export type DeliverAlertInput = z.input<typeof DeliverAlertInput>;

export type DeliveryResult = 'delivered' | 'skipped' | 'already';

function logSink(notice: AlertNotice): void {
  const line = `alert ${notice.level} ${notice.alertKey} (#${notice.repeatCount}): ${notice.message}`;
  try {
    if (notice.level === 'info') log.info(line);
    else log.warn(line);
  } catch {
    // Outside an activity (a test calling the function directly) there is no worker log to write to.
  }
}

export function channelsFor(settings: NotificationSettings, webhookHosts: readonly string[]): NotificationChannel[] {
  const out: NotificationChannel[] = [];
  if (settings.webhook) out.push(webhookChannel(settings.webhook, webhookHosts));
  if (settings.smtp) out.push(smtpChannel(settings.smtp));
  return out;
}

/** Idempotent per repetition: an occurrence already delivered is not sent again. */
export async function deliverAlert(pool: Pool, raw: DeliverAlertInput, webhookHosts: readonly string[]): Promise<DeliveryResult> {
  const { alertKey } = DeliverAlertInput.parse(raw);
  const { rows } = await pool.query(
    `SELECT a.*, c.config -> 'notifications' AS notifications FROM alert a LEFT JOIN campaign c ON c.id = a.campaign_id
      WHERE a.alert_key = $1`,
    [alertKey],
  );
  const a = rows[0];
  if (!a) throw failure('AlertNotFound', `no alert ${alertKey}`);
  if (a.delivered_count >= a.repeat_count) return 'already';
  const notice: AlertNotice = {
    alertKey,
    level: a.level,
    kind: a.kind,
    campaignId: a.campaign_id,
    cityCode: a.city_code,
    phase: a.phase,
    caseId: a.case_id,
    message: a.message,
    raisedAt: (a.last_raised_at as Date).toISOString(),
    repeatCount: a.repeat_count,
  };
  logSink(notice);
  const settings = NotificationSettings.parse(a.notifications ?? {});
  const channels = LEVEL_RANK[notice.level] >= LEVEL_RANK[settings.minLevel] ? channelsFor(settings, webhookHosts) : [];
  const errors: string[] = [];
  for (const ch of channels) {
    try {
      await ch.send(notice);
    } catch (err) {
      errors.push(`${ch.name}: ${(err as Error).message}`);
    }
  }
  if (errors.length > 0) {
    await pool.query(
      `UPDATE alert SET delivery_status = 'failed', delivery_attempts = delivery_attempts + 1, delivery_last_error = $2
        WHERE alert_key = $1`,
      [alertKey, errors.join('; ').slice(0, 1000)],
    );
    throw failure('DeliveryFailed', `alert ${alertKey} not delivered: ${errors.join('; ')}`, { retryable: true });
  }
  const status = channels.length > 0 ? 'delivered' : 'skipped';
  await pool.query(
    `UPDATE alert SET delivery_status = $3, delivered_count = GREATEST(delivered_count, $2),
            delivery_attempts = delivery_attempts + $4, delivered_at = CASE WHEN $3 = 'delivered' THEN now() ELSE delivered_at END,
            delivery_last_error = NULL
      WHERE alert_key = $1`,
    [alertKey, a.repeat_count, status, channels.length > 0 ? 1 : 0],
  );
  return status;
}
