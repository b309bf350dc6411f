/** Alerts: the board's pages and counts, acknowledgements, and the live stream. */
import { answer, api, type JsonAnswer } from './http';
import type { paths } from './schema';

export type Alert = JsonAnswer<'/alerts', 'get'>['items'][number];
type StreamFilter = NonNullable<NonNullable<paths['/alerts/stream']['get']['parameters']>['query']>;

/** What the board filters on (every field optional). */
export interface AlertFilter {
  campaignId?: string;
  cityCode?: string;
  kind?: string;
  level?: Alert['level'];
  /** true: acknowledged; false: not yet. */
  acknowledged?: boolean;
  /** Resolved alerts too (by default only the open ones). */
  includeResolved?: boolean;
  /** lastRaisedAt ≥ from, < to (ISO instants). */
  from?: string;
  to?: string;
}

export interface AlertPage {
  items: Alert[];
  total: number;
}

/** One cell of the board's summary: the alerts of one city (null: the province's) and kind. */
export interface AlertGroup {
  cityCode: string | null;
  kind: string;
  total: number;
  unacknowledged: number;
}

export interface AlertSummary {
  groups: AlertGroup[];
  total: number;
  unacknowledged: number;
}

/**
 * The alerts the filter selects, as the API answers them (at most 500 a request, newest first).
 * The board pages, filters and counts these here until GET /alerts pages and counts itself.
 */
async function matchingAlerts(f: AlertFilter): Promise<Alert[]> {
  const state = f.acknowledged === false ? 'unacknowledged' : f.includeResolved ? 'all' : 'open';
  const { items } = await answer(
    api.GET('/alerts', { params: { query: { campaignId: f.campaignId, cityCode: f.cityCode, level: f.level, state, pageSize: 500 } } }),
  );
  const from = f.from ? Date.parse(f.from) : undefined;
  const to = f.to ? Date.parse(f.to) : undefined;
  return items.filter(
    (a) =>
      (!f.kind || a.kind === f.kind) &&
      (f.acknowledged === undefined || isAcknowledged(a) === f.acknowledged) &&
      (f.includeResolved || f.acknowledged === false || !a.resolvedAt) &&
      (from === undefined || Date.parse(a.lastRaisedAt) >= from) &&
      (to === undefined || Date.parse(a.lastRaisedAt) < to),
  );
}

/** Acknowledged since it was last raised: an alert raised again needs a new acknowledgement. */
export function isAcknowledged(a: Alert): boolean {
  return a.acknowledgedAt !== null && Date.parse(a.acknowledgedAt) >= Date.parse(a.lastRaisedAt);
}

export async function listAlertPage(f: AlertFilter, page: number, pageSize: number): Promise<AlertPage> {
  const all = await matchingAlerts(f);
  return { items: all.slice((page - 1) * pageSize, page * pageSize), total: all.length };
}

export async function alertSummary(f: AlertFilter): Promise<AlertSummary> {
  const all = await matchingAlerts({ ...f, cityCode: undefined, kind: undefined });
  const groups = new Map<string, AlertGroup>();
  for (const a of all) {
    const key = `${a.cityCode ?? ''}|${a.kind}`;
    const g = groups.get(key) ?? { cityCode: a.cityCode, kind: a.kind, total: 0, unacknowledged: 0 };
    g.total += 1;
    if (!isAcknowledged(a)) g.unacknowledged += 1;
    groups.set(key, g);
  }
  const list = [...groups.values()];
  return { groups: list, total: all.length, unacknowledged: list.reduce((n, g) => n + g.unacknowledged, 0) };
}

export function acknowledgeAlerts(alertKeys: string[]): Promise<JsonAnswer<'/alerts/acknowledgements', 'post'>> {
  return answer(api.POST('/alerts/acknowledgements', { body: { alertKeys } }));
}

/** Why the server ended a stream (its last event), shown to the official while the console reconnects. */
export interface StreamEnd {
  reason: string;
  message: string;
}

export type StreamState = { connected: true } | { connected: false; ended?: StreamEnd };

/**
 * The live stream. EventSource cannot send an Authorization header and the API takes tokens
 * there only, so this reads the text/event-stream through the client, reconnecting with
 * Last-Event-ID after a drop (the server replays what was raised meanwhile). An `end` event (the
 * token expired, say) closes the stream: the console reconnects at once with a fresh token.
 */
export function streamAlerts(f: StreamFilter, on: { alert(a: Alert): void; state(s: StreamState): void }): () => void {
  const abort = new AbortController();
  let lastId: string | undefined;
  let retryMs = 3000;

  let endedBefore = false;

  const run = async (): Promise<void> => {
    while (!abort.signal.aborted) {
      let ended: StreamEnd | undefined;
      try {
        const { data: body, response } = await api.GET('/alerts/stream', {
          params: { query: f, header: lastId ? { 'last-event-id': lastId } : {} },
          headers: { accept: 'text/event-stream' },
          parseAs: 'stream',
          signal: abort.signal,
          cache: 'no-store',
        });
        if (!response.ok || !body) throw new Error(`stream ${response.status}`);
        on.state({ connected: true });
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
            if (ev.event === 'alert' && ev.data) on.alert(JSON.parse(ev.data) as Alert);
            if (ev.event === 'end') ended = endOf(ev.data);
          }
        }
      } catch {
        /* dropped: reconnect below */
      }
      if (abort.signal.aborted) return;
      on.state({ connected: false, ended });
      // After an `end` the server is up: reconnect at once (the client refreshes the token first);
      // after two in a row, at the server's pace.
      const soon = ended !== undefined && !endedBefore;
      endedBefore = ended !== undefined;
      await new Promise((r) => setTimeout(r, soon ? 200 : Math.max(1000, retryMs)));
    }
  };
  void run();
  return () => abort.abort();
}

function endOf(data: string | undefined): StreamEnd {
  try {
    const v = JSON.parse(data ?? '{}') as Partial<StreamEnd>;
    return { reason: typeof v.reason === 'string' ? v.reason : 'ended', message: typeof v.message === 'string' ? v.message : '' };
  } catch {
    return { reason: 'ended', message: '' };
  }
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
