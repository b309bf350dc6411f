/** Alerts (api/routes/alertRoutes.ts): the list, acknowledgements, and the live stream. */
import { z } from 'zod';
import { accessToken, API_BASE, getJson, sendJson } from './http';

export const Alert = z.object({
  alertKey: z.string(),
  level: z.enum(['info', 'warning', 'critical']),
  kind: z.string(),
  campaignId: z.string(),
  cityCode: z.string().nullable().optional(),
  phase: z.string().nullable().optional(),
  caseId: z.string().nullable().optional(),
  message: z.string(),
  raisedAt: z.string().nullable(),
  lastRaisedAt: z.string().nullable(),
  repeatCount: z.number(),
  resolvedAt: z.string().nullable().optional(),
  acknowledgedAt: z.string().nullable().optional(),
  acknowledgedBy: z.string().nullable().optional(),
});
export type Alert = z.infer<typeof Alert>;

export interface AlertFilter {
  campaignId?: string;
  cityCode?: string;
  level?: string;
  state?: 'open' | 'unacknowledged' | 'all';
}

function qs(f: Record<string, string | undefined>): string {
  return new URLSearchParams(Object.entries(f).filter(([, v]) => v) as [string, string][]).toString();
}

export function listAlerts(f: AlertFilter): Promise<Alert[]> {
  return getJson(`/alerts?${qs({ ...f, pageSize: '200' })}`, z.object({ items: z.array(Alert) })).then((r) => r.items);
}

export function acknowledgeAlerts(alertKeys: string[]): Promise<{ acknowledged: string[] }> {
  return sendJson('/alerts/acknowledgements', z.object({ acknowledged: z.array(z.string()) }), { body: { alertKeys } });
}

/**
 * The live stream. EventSource cannot send an Authorization header and the API takes tokens
 * there only, so this reads the text/event-stream over fetch, reconnecting with Last-Event-ID
 * after a drop (the server replays what was raised meanwhile).
 */
export function streamAlerts(
  f: { campaignId?: string; cityCode?: string },
  on: { alert(a: Alert): void; state(connected: boolean): void },
): () => void {
  const abort = new AbortController();
  let lastId: string | undefined;
  let retryMs = 3000;

  const run = async (): Promise<void> => {
    while (!abort.signal.aborted) {
      try {
        const token = await accessToken();
        const headers: Record<string, string> = { accept: 'text/event-stream' };
        if (token) headers.authorization = `Bearer ${token}`;
        if (lastId) headers['last-event-id'] = lastId;
        const res = await fetch(`${API_BASE}/alerts/stream?${qs(f)}`, { headers, signal: abort.signal, cache: 'no-store' });
        if (!res.ok || !res.body) throw new Error(`stream ${res.status}`);
        on.state(true);
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let end: number;
          while ((end = buffer.search(/\r?\n\r?\n/)) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, '');
            const ev = parseEvent(block);
            if (ev.retry) retryMs = ev.retry;
            if (ev.id) lastId = ev.id;
            if (ev.event === 'alert' && ev.data) {
              const parsed = Alert.safeParse(JSON.parse(ev.data));
              if (parsed.success) on.alert(parsed.data);
            }
          }
        }
      } catch {
        /* dropped: reconnect below */
      }
      if (abort.signal.aborted) return;
      on.state(false);
      await new Promise((r) => setTimeout(r, Math.max(1000, retryMs)));
    }
  };
  void run();
  return () => abort.abort();
}

function parseEvent(block: string): { event?: string; data?: string; id?: string; retry?: number } {
  const out: { event?: string; data?: string; id?: string; retry?: number } = {};
  const data: string[] = [];
  for (const line of block.split(/\r?\n/)) {
    if (line.startsWith(':')) continue;
    const i = line.indexOf(':');
    const name = i < 0 ? line : line.slice(0, i);
    const value = i < 0 ? '' : line.slice(i + 1).replace(/^ /, '');
    if (name === 'event') out.event = value;
    else if (name === 'data') data.push(value);
    else if (name === 'id') out.id = value;
    else if (name === 'retry' && /^\d+$/.test(value)) out.retry = Number(value);
  }
  if (data.length) out.data = data.join('\n');
  return out;
}
