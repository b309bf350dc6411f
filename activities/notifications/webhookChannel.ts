/** Webhook: POST the alert as JSON. A hanging endpoint costs at most timeoutMs. */
import type { AlertNotice, NotificationChannel } from './notificationPort';

export function webhookChannel(opts: { url: string; timeoutMs: number; headers: Record<string, string> }): NotificationChannel {
  return {
    name: 'webhook',
    async send(notice: AlertNotice) {
      let res: Response;
      try {
        res = await fetch(opts.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json; charset=utf-8', ...opts.headers },
          body: JSON.stringify(notice),
          signal: AbortSignal.timeout(opts.timeoutMs),
        });
      } catch (err) {
        const e = err as Error;
        throw new Error(e.name === 'TimeoutError' ? `webhook timed out after ${opts.timeoutMs} ms` : `webhook: ${e.message}`, { cause: err });
      }
      // Drain the body so the connection is released.
      await res.arrayBuffer().catch(() => undefined);
      if (!res.ok) throw new Error(`webhook answered HTTP ${res.status}`);
    },
  };
}
