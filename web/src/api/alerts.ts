/** Alerts: the list, acknowledgements, and the live stream. */
import { answer, api, type JsonAnswer } from './http';
import type { paths } from './schema';

export type Alert = JsonAnswer<'/alerts', 'get'>['items'][number];
export type AlertFilter = Omit<NonNullable<NonNullable<paths['/alerts']['get']['parameters']>['query']>, 'page' | 'pageSize'>;
type StreamFilter = NonNullable<NonNullable<paths['/alerts/stream']['get']['parameters']>['query']>;

export async function listAlerts(f: AlertFilter): Promise<Alert[]> {
  return (await answer(api.GET('/alerts', { params: { query: { ...f, pageSize: 200 } } }))).items;
}

export function acknowledgeAlerts(alertKeys: string[]): Promise<JsonAnswer<'/alerts/acknowledgements', 'post'>> {
  return answer(api.POST('/alerts/acknowledgements', { body: { alertKeys } }));
}

/**
 * The live stream. EventSource cannot send an Authorization header and the API takes tokens
 * there only, so this reads the text/event-stream through the client, reconnecting with
 * Last-Event-ID after a drop (the server replays what was raised meanwhile).
 */
export function streamAlerts(f: StreamFilter, on: { alert(a: Alert): void; state(connected: boolean): void }): () => void {
  const abort = new AbortController();
  let lastId: string | undefined;
  let retryMs = 3000;

  const run = async (): Promise<void> => {
    while (!abort.signal.aborted) {
      try {
        const { data: body, response } = await api.GET('/alerts/stream', {
          params: { query: f, header: lastId ? { 'last-event-id': lastId } : {} },
          headers: { accept: 'text/event-stream' },
          parseAs: 'stream',
          signal: abort.signal,
          cache: 'no-store',
        });
        if (!response.ok || !body) throw new Error(`stream ${response.status}`);
        on.state(true);
        const reader = body.pipeThrough(new TextDecoderStream()).getReader();
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
            // The server serializes each event with the Alert schema of /openapi.json.
            if (ev.event === 'alert' && ev.data) {
              const alert: Alert = JSON.parse(ev.data);
              on.alert(alert);
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
