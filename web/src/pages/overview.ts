/** A campaign at a glance: its phases against today, every deadline, and each city's progress. */
import { shanghaiDate } from '../../../domain/calendar';
import { getCampaign, getCity, type CampaignDetail } from '../api/campaigns';
import { countCases } from '../api/cases';
import { formatInstant, section } from '../components/feedback';
import { phaseTimeline } from '../components/phaseTimeline';
import { progressChart, type CityCounts } from '../components/progressChart';
import { h } from '../dom';
import { cityLabel } from '../domainLabels';
import { t, tv } from '../labels';
import type { PageContext } from '../router';

async function cityCounts(c: CampaignDetail): Promise<CityCounts[]> {
  return Promise.all(
    c.cities.map(async (code) => {
      const p = c.cityProgress.find((x) => x.cityCode === code);
      const [detail, confirmed] = await Promise.all([
        getCity(c.id, code).catch(() => undefined),
        countCases(c.id, code, { outcome: 'VIOLATION' }).catch(() => 0),
      ]);
      const cases = detail?.cases ?? {};
      const open = cases.open ?? 0;
      const verified = (cases.decided ?? 0) + (cases.closed ?? 0);
      return { cityCode: code, flagged: p?.personsFlagged ?? Object.values(cases).reduce((a, b) => a + b, 0), verified, confirmed, open };
    }),
  );
}

export function deadlineTable(c: CampaignDetail): HTMLElement {
  const now = Date.now();
  return h(
    'table',
    { class: 'grid compact', 'data-testid': 'deadlines' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        [t('phase'), t('city'), t('deadline'), t('caseStatus')].map((x) => h('th', { scope: 'col' }, x)),
      ),
    ),
    h(
      'tbody',
      {},
      c.deadlines.map((d) => {
        const late = !d.metAt && d.dueAt !== null && Date.parse(d.dueAt) <= now;
        return h(
          'tr',
          { class: late ? 'overdue' : '' },
          h('td', {}, tv('phase', d.phase)),
          h('td', {}, d.cityCode ? cityLabel(d.cityCode) : t('province')),
          h('td', {}, d.dueDate),
          h('td', {}, d.metAt ? `✓ ${formatInstant(d.metAt)}` : late ? h('span', { class: 'badge danger' }, t('late')) : '—'),
        );
      }),
    ),
  );
}

export async function renderOverview(ctx: PageContext): Promise<HTMLElement> {
  if (!ctx.campaignId) return h('div', {}, h('h1', {}, t('overviewTitle')), h('p', {}, t('noCampaign')), h('a', { href: '#/campaigns/new' }, t('navLaunch')));
  const c = await getCampaign(ctx.campaignId);
  // The wall calendar's today: the API does not tell a compressed (demo) clock yet (docs/console.md).
  const today = shanghaiDate(new Date());
  return h(
    'div',
    {},
    h('h1', {}, `${t('overviewTitle')}：${c.name}`),
    h(
      'p',
      {},
      `${t('campaignPhase')}：`,
      h('strong', { 'data-testid': 'campaign-phase' }, tv('phase', c.phase)),
      ` · ${t('campaignStatus')}：${tv('status', c.status)}`,
    ),
    await section(t('timeline'), async () => phaseTimeline(c.calendar, today)),
    await section(t('cityProgress'), async () => progressChart(await cityCounts(c))),
    await section(t('deadlines'), async () => deadlineTable(c)),
  );
}
