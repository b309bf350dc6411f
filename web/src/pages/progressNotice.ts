/**
 * The early-November progress notice (通报) of each city's self-check, drawn from what the
 * campaign state shows (self-check deadlines met or not per city) and marked as such: the API has
 * no notice route yet (docs/console.md), and the console calls only what /openapi.json offers.
 */
import { getCampaign } from '../api/campaigns';
import { formatInstant } from '../components/feedback';
import { h } from '../dom';
import { cityLabel } from '../domainLabels';
import { t } from '../labels';
import type { PageContext } from '../router';

export async function renderProgressNotice(ctx: PageContext): Promise<HTMLElement> {
  const heading = h('h1', {}, t('noticeTitle'));
  if (!ctx.campaignId) return h('div', {}, heading, h('p', {}, t('noCampaign')));
  const c = await getCampaign(ctx.campaignId);
  const selfCheck = c.deadlines.filter((d) => d.phase === 'selfCheck' && d.cityCode);
  const rows = c.cities.map((code) => {
    const d = selfCheck.find((x) => x.cityCode === code);
    return h(
      'tr',
      { class: d && !d.metAt && d.dueAt && Date.parse(d.dueAt) < Date.now() ? 'overdue' : '' },
      h('th', { scope: 'row' }, cityLabel(code)),
      h('td', {}, d?.dueDate ?? c.calendar.selfCheck.deadline),
      h('td', {}, d?.metAt ? `✓ ${formatInstant(d.metAt)}` : t('subStatus_none')),
    );
  });
  return h(
    'div',
    {},
    heading,
    h('p', {}, `${t('noticeDate')}：${c.calendar.progressNotice.date}`),
    h('p', { class: 'muted' }, t('noNotice')),
    h(
      'table',
      { class: 'grid' },
      h('caption', {}, t('kind_self_check')),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          [t('city'), t('deadline'), t('submittedAt')].map((x) => h('th', { scope: 'col' }, x)),
        ),
      ),
      h('tbody', {}, rows),
    ),
  );
}
