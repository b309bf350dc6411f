/**
 * Per-city progress as stacked horizontal bars: confirmed violations, other verified cases, and
 * cases still open, against the number flagged. Inline SVG, with the numbers as a table too.
 */
import { h, s } from '../dom';
import { cityLabel } from '../domainLabels';
import { t } from '../labels';

export interface CityCounts {
  cityCode: string;
  flagged: number;
  verified: number;
  confirmed: number;
  open: number;
}

export function progressChart(rows: CityCounts[]): HTMLElement {
  const W = 1000;
  const left = 170;
  const barH = 22;
  const gap = 10;
  const max = Math.max(1, ...rows.map((r) => Math.max(r.flagged, r.verified + r.open)));
  const scale = (n: number) => (n / max) * (W - left - 80);
  const H = rows.length * (barH + gap) + 40;
  const svg = s(
    'svg',
    { viewBox: `0 0 ${W} ${H}`, class: 'progress-chart', role: 'img', 'aria-labelledby': 'pc-title' },
    s('title', { id: 'pc-title' }, t('cityProgress')),
    rows.map((r, i) => {
      const y = 10 + i * (barH + gap);
      const otherVerified = Math.max(0, r.verified - r.confirmed);
      let xx = left;
      const seg = (n: number, cls: string) => {
        const w = scale(n);
        const el = n > 0 ? s('rect', { x: xx, y, width: w, height: barH, class: cls }) : null;
        xx += w;
        return el;
      };
      return [
        s('text', { x: 0, y: y + 16, class: 'pc-label' }, cityLabel(r.cityCode)),
        seg(r.confirmed, 'pc-confirmed'),
        seg(otherVerified, 'pc-verified'),
        seg(r.open, 'pc-open'),
        r.flagged > 0 ? s('line', { x1: left + scale(r.flagged), x2: left + scale(r.flagged), y1: y - 3, y2: y + barH + 3, class: 'pc-flagged' }) : null,
        s('text', { x: Math.max(xx, left + scale(r.flagged)) + 6, y: y + 16, class: 'pc-num' }, `${r.verified}/${r.flagged}`),
      ];
    }),
    s(
      'g',
      { transform: `translate(${left}, ${H - 14})`, class: 'pc-legend' },
      s('rect', { x: 0, y: -10, width: 12, height: 12, class: 'pc-confirmed' }),
      s('text', { x: 16, y: 0 }, t('confirmed')),
      s('rect', { x: 110, y: -10, width: 12, height: 12, class: 'pc-verified' }),
      s('text', { x: 126, y: 0 }, t('verified')),
      s('rect', { x: 220, y: -10, width: 12, height: 12, class: 'pc-open' }),
      s('text', { x: 236, y: 0 }, t('open')),
      s('line', { x1: 330, x2: 330, y1: -12, y2: 2, class: 'pc-flagged' }),
      s('text', { x: 338, y: 0 }, t('flagged')),
    ),
  );
  const table = h(
    'table',
    { class: 'grid compact', 'data-testid': 'city-progress' },
    h('caption', {}, t('cityProgress')),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        (['city', 'flagged', 'verified', 'confirmed', 'open'] as const).map((k) => h('th', { scope: 'col' }, t(k))),
      ),
    ),
    h(
      'tbody',
      {},
      rows.map((r) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, cityLabel(r.cityCode)),
          h('td', { class: 'num' }, String(r.flagged)),
          h('td', { class: 'num' }, String(r.verified)),
          h('td', { class: 'num' }, String(r.confirmed)),
          h('td', { class: 'num' }, String(r.open)),
        ),
      ),
    ),
  );
  return h('div', {}, h('figure', { class: 'figure' }, svg), h('details', {}, h('summary', {}, t('figures')), table));
}
