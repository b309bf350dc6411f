/**
 * Webhook: POST the alert as JSON. A hanging endpoint costs at most timeoutMs. Only hosts listed in
 * GZ_WEBHOOK_HOSTS are called, and a redirect is not followed (it could lead anywhere).
 */
import { assertHostAllowed } from '../../platform/outboundHosts';
import type { AlertNotice, NotificationChannel } from './notificationPort';

export function webhookChannel(
  opts: { url: string; timeoutMs: number; headers: Record<string, string> },
  allowedHosts: readonly string[],
): NotificationChannel {
  return {
    name: 'webhook',
    async send(notice: AlertNotice) {
      assertHostAllowed(opts.url, { GZ_WEBHOOK_HOSTS: allowedHosts }, 'GZ_WEBHOOK_HOSTS');
      let res: Response;
      try {
        res = await fetch(opts.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json; charset=utf-8', ...opts.headers },
          body: JSON.stringify(notice),
          redirect: 'manual',
          signal: AbortSignal.timeout(opts.timeoutMs),
        });
      } catch (err) {
        const e = err as Error;
        throw new Error(e.name === 'TimeoutError' ? `webhook timed out after ${opts.timeoutMs} ms` : `webhook: ${e.message}`, { cause: err });
      }
      // Drain the body so the connection is released.
      await res.arrayBuffer().catch(() => undefined);
      if (res.status >= 300 && res.status < 400) throw new Error(`webhook answered HTTP ${res.status}: 重定向不被跟随 (redirects are not followed)`);
      if (!res.ok) throw new Error(`webhook answered HTTP ${res.status}`);
    },
  };
}
