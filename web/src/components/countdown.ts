/** Time left to a deadline instant, ticking each minute; overdue shows how long ago it passed. */
import { h } from '../dom';
import { t } from '../labels';

export function describeLeft(dueAt: number, now: number): { text: string; overdue: boolean } {
  const ms = dueAt - now;
  const abs = Math.abs(ms);
  const d = Math.floor(abs / 86_400_000);
  const hh = Math.floor((abs % 86_400_000) / 3_600_000);
  const mm = Math.floor((abs % 3_600_000) / 60_000);
  const span = `${d} ${t('days')} ${hh} ${t('hours')} ${mm} ${t('minutes')}`;
  return ms >= 0 ? { text: `${t('countdown')} ${span}`, overdue: false } : { text: `${t('overdueBy')} ${span}`, overdue: true };
}

export function countdown(dueAt: string, onLeave: (fn: () => void) => void): HTMLElement {
  const el = h('span', { class: 'countdown', 'data-testid': 'countdown' });
  const tick = () => {
    const { text, overdue } = describeLeft(Date.parse(dueAt), Date.now());
    el.textContent = text;
    el.classList.toggle('overdue', overdue);
  };
  tick();
  const timer = window.setInterval(tick, 30_000);
  onLeave(() => window.clearInterval(timer));
  return el;
}
