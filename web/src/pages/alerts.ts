/**
 * The supervisors' alerts board: filtered by city, phase and level, updated live from the
 * stream. New alerts are announced through an aria-live region, so a screen reader hears them
 * without losing its place.
 */
import { JILIN_CITIES } from '../../../domain/cities';
import { acknowledgeAlerts, listAlerts, streamAlerts, type Alert, type AlertFilter } from '../api/alerts';
import { errorText, formatInstant } from '../components/feedback';
import { clear, field, h } from '../dom';
import { cityLabel } from '../domainLabels';
import { t, tv } from '../labels';
import type { PageContext } from '../router';

const PHASES = ['selfCheck', 'investigation', 'provincialVerification'];
const LEVEL_ORDER = { critical: 0, warning: 1, info: 2 } as const;
const levelOf = (v: string): AlertFilter['level'] => (v === 'critical' || v === 'warning' || v === 'info' ? v : undefined);

export async function renderAlerts(ctx: PageContext): Promise<HTMLElement> {
  const q = ctx.query;
  const filter = { city: q.get('city') ?? '', phase: q.get('phase') ?? '', level: q.get('level') ?? '' };
  const canAck = ['supervisor', 'province_coordinator'].includes(ctx.session.user.role);
  const alerts = new Map<string, Alert>();
  for (const a of await listAlerts({ campaignId: ctx.campaignId, cityCode: filter.city || undefined, level: levelOf(filter.level), state: 'open' }))
    alerts.set(a.alertKey, a);

  const visible = (a: Alert) =>
    (!filter.phase || a.phase === filter.phase) && (!filter.level || a.level === filter.level) && (!filter.city || a.cityCode === filter.city) && !a.resolvedAt;
  const body = h('tbody', {});
  const empty = h('p', { class: 'muted' }, t('noAlerts'));
  const live = h('div', { class: 'sr-only', 'aria-live': 'assertive', 'data-testid': 'alerts-live' });
  const streamState = h('p', { class: 'stream-state', role: 'status', 'data-testid': 'stream-state' }, '…');

  const draw = () => {
    clear(body);
    const rows = [...alerts.values()]
      .filter(visible)
      .sort((a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] || String(b.lastRaisedAt).localeCompare(String(a.lastRaisedAt)));
    empty.hidden = rows.length > 0;
    for (const a of rows) {
      const ack =
        canAck && !a.acknowledgedAt
          ? h(
              'button',
              {
                type: 'button',
                onclick: () => {
                  acknowledgeAlerts([a.alertKey]).then(
                    () => {
                      alerts.set(a.alertKey, { ...a, acknowledgedAt: new Date().toISOString() });
                      draw();
                    },
                    (err: unknown) => {
                      live.textContent = errorText(err);
                    },
                  );
                },
              },
              t('acknowledge'),
            )
          : a.acknowledgedAt
            ? h('span', { class: 'muted' }, t('acknowledged'))
            : null;
      body.append(
        h(
          'tr',
          { class: `alert ${a.level}`, 'data-alert-kind': a.kind, 'data-alert-key': a.alertKey },
          h('td', {}, h('span', { class: `badge ${a.level}` }, tv('level', a.level))),
          h('td', {}, cityLabel(a.cityCode)),
          h('td', {}, tv('phase', a.phase)),
          h('td', {}, a.message, a.caseId ? [' ', h('a', { href: `#/cases/${encodeURIComponent(a.caseId)}` }, a.caseId)] : null),
          h('td', {}, formatInstant(a.lastRaisedAt)),
          h('td', { class: 'num' }, String(a.repeatCount)),
          h('td', {}, ack),
        ),
      );
    }
  };

  const stop = streamAlerts(
    { campaignId: ctx.campaignId, cityCode: filter.city || undefined },
    {
      alert: (a) => {
        const isNew = !alerts.has(a.alertKey) || alerts.get(a.alertKey)!.repeatCount !== a.repeatCount;
        alerts.set(a.alertKey, a);
        draw();
        if (isNew && visible(a)) live.textContent = `${t('newAlert')}：${tv('level', a.level)} ${cityLabel(a.cityCode)} ${a.message}`;
      },
      state: (connected) => {
        streamState.textContent = connected ? t('liveConnected') : t('liveDisconnected');
        streamState.className = `stream-state ${connected ? 'on' : 'off'}`;
      },
    },
  );
  ctx.onLeave(stop);

  const sel = (name: string, options: [string, string][], value: string) =>
    h(
      'select',
      { name },
      h('option', { value: '' }, t('all')),
      options.map(([v, l]) => h('option', { value: v, selected: v === value }, l)),
    );
  const form = h(
    'form',
    { class: 'filters', role: 'search', 'aria-label': t('search') },
    field(
      t('city'),
      sel(
        'city',
        JILIN_CITIES.map((c) => [c.code, c.name]),
        filter.city,
      ),
    ).wrap,
    field(
      t('phase'),
      sel(
        'phase',
        PHASES.map((p) => [p, tv('phase', p)]),
        filter.phase,
      ),
    ).wrap,
    field(
      t('level'),
      sel(
        'level',
        ['critical', 'warning', 'info'].map((l) => [l, tv('level', l)]),
        filter.level,
      ),
    ).wrap,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, t('search'))),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const next = new URLSearchParams();
    for (const [k, v] of new FormData(form).entries()) if (typeof v === 'string' && v) next.set(k, v);
    ctx.navigate(`#/alerts?${next}`);
  });

  draw();
  return h(
    'div',
    {},
    h('h1', {}, t('alertsTitle')),
    streamState,
    form,
    live,
    h(
      'table',
      { class: 'grid alerts', 'aria-label': t('alertsTitle') },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ['level', 'city', 'phase', 'message', 'raisedAt', 'repeats', 'acknowledge'].map((k) => h('th', { scope: 'col' }, t(k as 'level'))),
        ),
      ),
      body,
    ),
    empty,
  );
}
