/**
 * A rectification order's reminder and overdue alert (docs/intermediaries.md), raised by the order's
 * watch workflow (workflows/intermediaryOrder.ts) through the alert mechanism (table `alert`): raised
 * only while the order is still open, so a result recorded just before the timer fired raises nothing.
 * The message names the order's number and deadline, never the intermediary's name.
 */
import type { Pool } from 'pg';
import { z } from 'zod';
import { orderAlertKey } from '../../domain/intermediary';
import { raiseAlert } from '../alerts/raiseAlert';

export const OrderAlertInput = z.object({
  orderId: z.number().int().min(1),
  what: z.enum(['due', 'overdue']),
  /** Workflow time (ISO). */
  at: z.string().datetime({ offset: true }),
});
export type OrderAlertInput = z.input<typeof OrderAlertInput>;

/** Raises the alert when the order is open; answers its key, or null when the order is no longer open. */
export async function raiseOrderAlert(pool: Pool, raw: OrderAlertInput): Promise<string | null> {
  const a = OrderAlertInput.parse(raw);
  const { rows } = await pool.query<{ campaign_id: string; city_code: string; deadline: string; status: string }>(
    `SELECT i.campaign_id, i.city_code::text AS city_code, to_char(o.deadline, 'YYYY-MM-DD') AS deadline, o.status
     FROM intermediary_order o JOIN intermediary i ON i.id = o.intermediary_id WHERE o.id = $1`,
    [a.orderId],
  );
  const o = rows[0];
  if (!o || o.status !== 'open') return null;
  const alertKey = orderAlertKey(o.campaign_id, a.orderId, a.what);
  await raiseAlert(pool, {
    alertKey,
    level: a.what === 'due' ? 'info' : 'warning',
    kind: a.what === 'due' ? 'intermediary_order_due' : 'intermediary_order_overdue',
    campaignId: o.campaign_id,
    cityCode: o.city_code,
    phase: 'intermediary',
    raisedAt: a.at,
    message:
      a.what === 'due'
        ? `中介机构责令限期整改第${a.orderId}号的整改期限为${o.deadline}，即将到期，请跟进整改情况`
        : `中介机构责令限期整改第${a.orderId}号已超过整改期限（${o.deadline}）仍未记录整改结果，请核查；情节严重的依法移送行政处罚`,
  });
  return alertKey;
}
