/**
 * The early-November progress notice (通报) of each city's self-check. Read from the API when it
 * offers the notice; until then, drawn from what the campaign state shows (self-check deadlines
 * met or not per city) and marked as such.
 */
import { z } from 'zod';
import { getCampaign } from '../api/campaigns';
import { ApiError, getJson } from '../api/http';
import { formatInstant } from '../components/feedback';
import { h } from '../dom';
import { cityLabel } from '../domainLabels';
import { t } from '../labels';
import type { PageContext } from '../router';

const Notice = z.object({ producedAt: z.string(), content: z.record(z.string(), z.unknown()) });

export async function renderProgressNotice(ctx: PageContext): Promise<HTMLElement> {
  const heading = h('h1', {}, t('noticeTitle'));
  if (!ctx.campaignId) return h('div', {}, heading, h('p', {}, t('noCampaign')));
  const c = await getCampaign(ctx.campaignId);
  let notice: z.infer<typeof Notice> | undefined;
  let missingRoute = false;
  try {
    notice = await getJson(`/campaigns/${encodeURIComponent(c.id)}/progress-notice`, Notice);
  } catch (err) {
    if (!(err instanceof ApiError && err.status === 404)) throw err;
    missingRoute = true;
  }
  const selfCheck = c.deadlines.filter((d) => d.phase === 'selfCheck' && d.cityCode);
  const rows = c.cities.map((code) => {
    const d = selfCheck.find((x) => x.cityCode === code);
    return h('tr', { class: d && !d.metAt && d.dueAt && Date.parse(d.dueAt) < Date.now() ? 'overdue' : '' },
      h('th', { scope: 'row' }, cityLabel(code)),
      h('td', {}, d?.dueDate ?? c.calendar.selfCheck.deadline),
      h('td', {}, d?.metAt ? `✓ ${formatInstant(d.metAt)}` : t('subStatus_none')));
  });
  return h('div', {}, heading,
    h('p', {}, `${t('noticeDate')}：${c.calendar.progressNotice.date}`),
    notice
      ? h('section', { class: 'panel' }, h('p', {}, `${t('producedAt')}：${formatInstant(notice.producedAt)}`), h('pre', { class: 'notice-json' }, JSON.stringify(notice.content, null, 2)))
      : h('p', { class: 'muted' }, missingRoute ? t('noNotice') : ''),
    h('table', { class: 'grid' }, h('caption', {}, t('kind_self_check')),
      h('thead', {}, h('tr', {}, [t('city'), t('deadline'), t('submittedAt')].map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', {}, rows)));
}
