/**
 * The campaign's phases on one axis: each phase a bar, each deadline a mark, the progress notice
 * a mark, and today a line. Inline SVG with a text description for screen readers.
 */
import { s, h } from '../dom';
import { t } from '../labels';
import type { Calendar } from '../api/campaigns';

const DAY = 86_400_000;
const day = (d: string) => Date.parse(`${d}T00:00:00+08:00`);

export function phaseTimeline(cal: Calendar, today: string): HTMLElement {
  const phases = [
    { key: 'phase_selfCheck' as const, ...cal.selfCheck, cls: 'p1' },
    { key: 'phase_investigation' as const, ...cal.investigation, cls: 'p2' },
    { key: 'phase_provincialVerification' as const, ...cal.provincialVerification, cls: 'p3' },
  ];
  const from = day(cal.selfCheck.start) - 7 * DAY;
  const to = day(cal.provincialVerification.deadline) + 10 * DAY;
  const W = 1000;
  const left = 150;
  const x = (ms: number) => left + ((Math.min(Math.max(ms, from), to) - from) / (to - from)) * (W - left - 20);
  const rowY = (i: number) => 30 + i * 34;
  const todayMs = day(today) + DAY / 2;
  const inRange = todayMs >= from && todayMs <= to;

  const svg = s(
    'svg',
    { viewBox: `0 0 ${W} 170`, class: 'phase-timeline', role: 'img', 'aria-labelledby': 'tl-title tl-desc' },
    s('title', { id: 'tl-title' }, t('timeline')),
    s(
      'desc',
      { id: 'tl-desc' },
      phases.map((p) => `${t(p.key)} ${p.start}–${p.deadline}`).join('；') +
        `；${t('phase_progressNotice')} ${cal.progressNotice.date}；${t('today')} ${today}`,
    ),
    phases.map((p, i) => [
      s('text', { x: 0, y: rowY(i) + 15, class: 'tl-label' }, t(p.key)),
      s('rect', {
        x: x(day(p.start)),
        y: rowY(i),
        width: Math.max(2, x(day(p.deadline) + DAY) - x(day(p.start))),
        height: 20,
        rx: 3,
        class: `tl-bar ${p.cls}`,
      }),
      s('line', { x1: x(day(p.deadline) + DAY), x2: x(day(p.deadline) + DAY), y1: rowY(i) - 4, y2: rowY(i) + 24, class: 'tl-deadline' }),
      // Near the right edge the label goes left of its mark, so it is never cut off.
      x(day(p.deadline) + DAY) > W - 190
        ? s('text', { x: x(day(p.deadline) + DAY) - 6, y: rowY(i) + 15, class: 'tl-date tl-on-bar', 'text-anchor': 'end' }, `${t('deadline')} ${p.deadline}`)
        : s('text', { x: x(day(p.deadline) + DAY) + 4, y: rowY(i) + 15, class: 'tl-date' }, `${t('deadline')} ${p.deadline}`),
    ]),
    s('path', { d: `M${x(day(cal.progressNotice.date))} 128 l6 10 h-12 z`, class: 'tl-notice' }),
    s('text', { x: x(day(cal.progressNotice.date)) + 8, y: 138, class: 'tl-date' }, `${t('phase_progressNotice')} ${cal.progressNotice.date}`),
    s('line', { x1: x(todayMs), x2: x(todayMs), y1: 10, y2: 160, class: 'tl-today' }),
    s(
      'text',
      { x: inRange ? x(todayMs) + 4 : x(todayMs) - 4, y: 162, class: 'tl-today-label', 'text-anchor': inRange ? 'start' : 'end' },
      `${t('today')} ${today}${inRange ? '' : todayMs > to ? ' →' : ' ←'}`,
    ),
  );
  return h('figure', { class: 'figure' }, svg);
}
