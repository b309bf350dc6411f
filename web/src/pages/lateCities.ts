/**
 * Which city is late for which phase: deadlines passed without being met, with the city's
 * submission state and how many of its cases are overdue.
 */
import { getCampaign, getCity } from '../api/campaigns';
import { formatInstant } from '../components/feedback';
import { h } from '../dom';
import { cityLabel } from '../domainLabels';
import { t, tv } from '../labels';
import type { PageContext } from '../router';

export async function renderLateCities(ctx: PageContext): Promise<HTMLElement> {
  const heading = h('h1', {}, t('lateTitle'));
  if (!ctx.campaignId) return h('div', {}, heading, h('p', {}, t('noCampaign')));
  const c = await getCampaign(ctx.campaignId);
  const now = Date.now();
  const late = c.deadlines.filter((d) => d.cityCode && !d.metAt && d.dueAt && Date.parse(d.dueAt) <= now);
  const cities = [...new Set(late.map((d) => d.cityCode!))];
  const details = new Map(await Promise.all(cities.map(async (code) => [code, await getCity(c.id, code).catch(() => undefined)] as const)));
  if (late.length === 0) return h('div', {}, heading, h('p', { class: 'ok-note' }, '—'));
  return h(
    'div',
    {},
    heading,
    h(
      'table',
      { class: 'grid', 'data-testid': 'late-cities' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          [t('city'), t('phase'), t('deadline'), t('overdueBy'), t('navCitySubmissions'), t('overdueCases')].map((x) => h('th', { scope: 'col' }, x)),
        ),
      ),
      h(
        'tbody',
        {},
        late.map((d) => {
          const detail = details.get(d.cityCode!);
          const kind = d.phase === 'selfCheck' ? 'self_check' : 'investigation';
          const sub = detail?.submissions.filter((x) => x.kind === kind).at(-1);
          const days = Math.floor((now - Date.parse(d.dueAt)) / 86_400_000);
          return h(
            'tr',
            {},
            h('th', { scope: 'row' }, cityLabel(d.cityCode)),
            h('td', {}, tv('phase', d.phase)),
            h('td', {}, `${d.dueDate}（${formatInstant(d.dueAt)}）`),
            h('td', {}, `${days} ${t('days')}`),
            h('td', {}, sub ? `${tv('subStatus', sub.status)} v${sub.version}` : t('subStatus_none')),
            h('td', { class: 'num' }, String(detail?.casesOverdue ?? '')),
          );
        }),
      ),
    ),
  );
}
