/** Reports produced so far (汇总表, work reports), each to download. */
import { download, listReports } from '../api/intake';
import { formatInstant } from '../components/feedback';
import { h } from '../dom';
import { cityLabel } from '../domainLabels';
import { t } from '../labels';
import type { PageContext } from '../router';

export async function renderReports(ctx: PageContext): Promise<HTMLElement> {
  const items = await listReports(ctx.campaignId);
  return h('div', {},
    h('h1', {}, t('reportsTitle')),
    items.length === 0 ? h('p', { class: 'muted' }, t('none')) :
      h('table', { class: 'grid' },
        h('thead', {}, h('tr', {}, [t('reportName'), t('city'), t('format'), t('producedAt'), ''].map((x) => h('th', { scope: 'col' }, x)))),
        h('tbody', {}, items.map((r) => h('tr', {}, h('td', {}, r.title), h('td', {}, r.cityCode ? cityLabel(r.cityCode) : t('province')), h('td', {}, r.format.toUpperCase()),
          h('td', {}, formatInstant(r.producedAt)),
          h('td', {}, h('button', { type: 'button', onclick: () => void download(`/reports/${encodeURIComponent(r.reportId)}/download`, `${r.title}.${r.format}`) }, t('download'))))))));
}
