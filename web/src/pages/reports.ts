/** Reports produced so far (汇总表, work reports), each to download. */
import { downloadReport, listReports } from '../api/intake';
import { errorText, formatInstant } from '../components/feedback';
import { h } from '../dom';
import { cityLabel } from '../domainLabels';
import { t } from '../labels';
import type { PageContext } from '../router';

export async function renderReports(ctx: PageContext): Promise<HTMLElement> {
  const items = await listReports(ctx.campaignId);
  return h(
    'div',
    {},
    h('h1', {}, t('reportsTitle')),
    items.length === 0
      ? h('p', { class: 'muted' }, t('none'))
      : h(
          'table',
          { class: 'grid' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              [t('reportName'), t('city'), t('format'), t('producedAt'), ''].map((x) => h('th', { scope: 'col' }, x)),
            ),
          ),
          h(
            'tbody',
            {},
            items.map((r) =>
              h(
                'tr',
                {},
                h('td', {}, r.fileName),
                h('td', {}, r.cityCode ? cityLabel(r.cityCode) : t('province')),
                h('td', {}, r.format.toUpperCase()),
                h('td', {}, formatInstant(r.createdAt)),
                h(
                  'td',
                  {},
                  h(
                    'button',
                    { type: 'button', onclick: () => void downloadReport(r).catch((err: unknown) => ctx.announce(errorText(err), 'error')) },
                    t('download'),
                  ),
                ),
              ),
            ),
          ),
        ),
  );
}
