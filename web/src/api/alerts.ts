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

export type AlertPage = JsonAnswer<'/alerts', 'get'>;
export type AlertSummary = JsonAnswer<'/alerts/summary', 'get'>;
export type AlertGroup = AlertSummary['groups'][number];

/** The filter as the API's query takes it. */
function queryOf(f: AlertFilter) {
  return {
    campaignId: f.campaignId,
    cityCode: f.cityCode,
    kind: f.kind,
    level: f.level,
    acknowledged: f.acknowledged === undefined ? undefined : f.acknowledged ? ('true' as const) : ('false' as const),
    state: f.includeResolved ? ('all' as const) : ('open' as const),
    from: f.from,
    to: f.to,
  };
}

/** Acknowledged since it was last raised: an alert raised again needs a new acknowledgement (as the API counts it). */
export function isAcknowledged(a: Alert): boolean {
  return a.acknowledgedAt !== null && Date.parse(a.acknowledgedAt) >= Date.parse(a.lastRaisedAt);
}

export function listAlertPage(f: AlertFilter, page: number, pageSize: number): Promise<AlertPage> {
  return answer(api.GET('/alerts', { params: { query: { ...queryOf(f), page, pageSize } } }));
}

/** The counts by city × kind of the alerts the filter selects. */
export function alertSummary(f: AlertFilter): Promise<AlertSummary> {
  return answer(api.GET('/alerts/summary', { params: { query: queryOf(f) } }));
}

type AckAnswer = JsonAnswer<'/alerts/acknowledgements', 'post'>;

/** What an acknowledgement did: how many it acknowledged now, how many were already, how many are gone. */
export interface AckOutcome {
  acknowledged: number;
  already: number;
  unknown: number;
}

function outcomeOf(answers: AckAnswer[]): AckOutcome {
  const results = answers.flatMap((a) => a.results);
  return {
    acknowledged: results.filter((r) => r.result === 'acknowledged').length,
    already: results.filter((r) => r.result === 'already_acknowledged').length,
    unknown: results.filter((r) => r.result === 'not_found').length,
  };
}

/** Acknowledges the alerts named (500 a request). */
export async function acknowledgeAlerts(alertKeys: string[]): Promise<AckOutcome> {
  const answers: AckAnswer[] = [];
  for (let i = 0; i < alertKeys.length; i += 500) {
    answers.push(await answer(api.POST('/alerts/acknowledgements', { body: { alertKeys: alertKeys.slice(i, i + 500) } })));
  }
  return outcomeOf(answers);
}

/** Acknowledges every unacknowledged alert the filter selects, however many (the API takes 5,000 a request and says when more remain). */
export async function acknowledgeMatching(f: AlertFilter): Promise<AckOutcome> {
  const { acknowledged: _ack, ...filter } = queryOf(f);
  const answers: AckAnswer[] = [];
  for (let more = true; more;) {
    const a = await answer(api.POST('/alerts/acknowledgements', { body: { filter } }));
    answers.push(a);
    // A request that acknowledged nothing ends the loop even if the API still says more (another user's lock).
    more = a.more && a.results.length > 0;
  }
  return outcomeOf(answers);
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
