/** The coordinator's list of campaigns; choosing one makes it the header's current campaign. */
import { listCampaigns } from '../api/campaigns';
import { formatInstant } from '../components/feedback';
import { h } from '../dom';
import { chooseCampaign } from '../layout';
import { t, tv } from '../labels';
import type { PageContext } from '../router';

export async function renderCampaigns(ctx: PageContext): Promise<HTMLElement> {
  const items = await listCampaigns();
  return h(
    'div',
    {},
    h('h1', {}, t('navCampaigns')),
    h('p', {}, h('a', { href: '#/campaigns/new', class: 'button primary' }, t('navLaunch'))),
    items.length === 0
      ? h('p', { class: 'muted' }, t('noCampaign'))
      : h(
          'table',
          { class: 'grid' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              [t('campaignId'), t('campaignName'), t('campaignPhase'), t('campaignStatus'), t('launchedAt'), ''].map((x) => h('th', { scope: 'col' }, x)),
            ),
          ),
          h(
            'tbody',
            {},
            items.map((c) =>
              h(
                'tr',
                {},
                h('td', { class: 'mono' }, c.id),
                h('td', {}, c.name),
                h('td', {}, tv('phase', c.phase)),
                h('td', {}, tv('status', c.status)),
                h('td', {}, formatInstant(c.launchedAt)),
                h(
                  'td',
                  {},
                  h(
                    'button',
                    {
                      type: 'button',
                      onclick: () => {
                        chooseCampaign(c.id);
                        ctx.navigate('#/overview');
                      },
                    },
                    t('navOverview'),
                  ),
                ),
              ),
            ),
          ),
        ),
  );
}
