/**
 * The frame every page sits in: header (campaign, language, user), the role's navigation, the
 * main region that takes focus on each page change, and one polite live region for messages.
 */
import { listCampaigns, type CampaignSummary } from './api/campaigns';
import { h } from './dom';
import { currentLang, setLang, t, tv } from './labels';
import type { Route } from './router';
import type { Session } from './session';
import { cityName } from '../../domain/cities';

const CAMPAIGN_KEY = 'gz.campaign';

export function chosenCampaign(): string | undefined {
  return sessionStorage.getItem(CAMPAIGN_KEY) ?? undefined;
}

export function chooseCampaign(id: string): void {
  sessionStorage.setItem(CAMPAIGN_KEY, id);
}

/** The running campaign most recently launched, unless the user picked one. */
export async function resolveCampaign(): Promise<{ campaigns: CampaignSummary[]; current: string | undefined }> {
  const campaigns = await listCampaigns();
  const picked = chosenCampaign();
  const current = campaigns.find((c) => c.id === picked)?.id ?? campaigns.find((c) => c.status === 'running')?.id ?? campaigns[0]?.id;
  if (current) chooseCampaign(current);
  return { campaigns, current };
}

export interface Frame {
  root: HTMLElement;
  main: HTMLElement;
  status: HTMLElement;
}

export function buildFrame(opts: {
  session: Session;
  routes: readonly Route[];
  activePattern: string;
  campaigns: CampaignSummary[];
  campaignId: string | undefined;
  onCampaign(id: string): void;
  onLogout: () => void;
  onLanguage(): void;
}): Frame {
  const { user } = opts.session;
  const main = h('main', { id: 'main', tabindex: '-1' });
  const status = h('div', { class: 'toast', role: 'status', 'aria-live': 'polite' });
  const nav = h(
    'nav',
    { 'aria-label': currentLang() === 'zh' ? '主导航' : 'Main' },
    h(
      'ul',
      {},
      opts.routes
        .filter((r) => r.nav && r.roles.includes(user.role))
        .map((r) => h('li', {}, h('a', { href: `#${r.pattern}`, 'aria-current': r.pattern === opts.activePattern ? 'page' : null }, t(r.title)))),
    ),
  );
  const select = h(
    'select',
    { id: 'campaign-select', onchange: (e: Event) => opts.onCampaign((e.target as HTMLSelectElement).value) },
    opts.campaigns.length === 0 ? h('option', { value: '' }, t('noCampaign')) : null,
    opts.campaigns.map((c) => h('option', { value: c.id, selected: c.id === opts.campaignId }, `${c.name}（${tv('phase', c.phase)}）`)),
  );
  const who = `${user.userId} · ${tv('role', user.role)}${user.cityCode ? ` · ${cityName(user.cityCode)}` : ''}`;
  const skip = h('button', { class: 'skip-link', type: 'button', onclick: () => main.focus() }, t('skipToMain'));
  const header = h(
    'header',
    { class: 'topbar' },
    h('span', { class: 'brand' }, t('appTitle')),
    h('span', { class: 'campaign-pick' }, h('label', { for: 'campaign-select' }, t('currentCampaign')), select),
    h('span', { class: 'who', 'data-testid': 'who' }, who),
    h(
      'button',
      {
        type: 'button',
        class: 'link',
        lang: currentLang() === 'zh' ? 'en' : 'zh-CN',
        onclick: () => {
          setLang(currentLang() === 'zh' ? 'en' : 'zh');
          opts.onLanguage();
        },
      },
      t('language'),
    ),
    h('button', { type: 'button', class: 'link', onclick: opts.onLogout }, t('logout')),
  );
  const root = h('div', { class: 'frame' }, skip, header, h('div', { class: 'body' }, nav, main), status);
  return { root, main, status };
}
