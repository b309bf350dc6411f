/// <reference lib="dom" />
/**
 * The console's entry: reads the hash, checks the session, draws the frame and the page. Every
 * navigation re-renders the page (data is always fresh) and moves focus to the main region so a
 * screen reader announces the new page.
 */
import { whenSignedOut } from './api/http';
import { clear, h } from './dom';
import { chooseCampaign, buildFrame, resolveCampaign } from './layout';
import { setLang, currentLang, t } from './labels';
import { homeOf, matchRoute, parseHash, type PageContext } from './router';
import { ROUTES } from './routes';
import { renderLogin } from './pages/login';
import { clearSession, loadSession } from './session';
import { describeError } from './components/feedback';
import { z } from 'zod';

const app = document.getElementById('app') as HTMLElement;
let leaveHandlers: (() => void)[] = [];
let renderSeq = 0;

function leave(): void {
  for (const fn of leaveHandlers) {
    try {
      fn();
    } catch {
      /* a page's cleanup must not stop the next page */
    }
  }
  leaveHandlers = [];
}

async function render(): Promise<void> {
  const seq = ++renderSeq;
  leave();
  const { path, query } = parseHash(location.hash);
  const session = loadSession();
  app.setAttribute('aria-busy', 'true');
  if (!session || path === '/login') {
    if (session && path === '/login') return void (location.hash = homeOf(session.user.role));
    clear(app);
    app.appendChild(renderLogin({ onSignedIn: (s) => (location.hash = homeOf(s.user.role)) }));
    app.removeAttribute('aria-busy');
    document.title = `${t('loginTitle')} - ${t('appTitle')}`;
    return;
  }
  const found = matchRoute(ROUTES, path);
  if (!found || !found.route.roles.includes(session.user.role)) return void (location.hash = homeOf(session.user.role));

  let campaigns: Awaited<ReturnType<typeof resolveCampaign>>;
  try {
    campaigns = await resolveCampaign();
  } catch (err) {
    clear(app);
    app.appendChild(h('div', { class: 'panel error', role: 'alert' }, describeError(err)));
    return;
  }
  if (seq !== renderSeq) return;
  const frame = buildFrame({
    session,
    routes: ROUTES,
    activePattern: found.route.pattern,
    campaigns: campaigns.campaigns,
    campaignId: campaigns.current,
    onCampaign: (id) => {
      chooseCampaign(id);
      void render();
    },
    onLogout: () => {
      clearSession();
      location.hash = '#/login';
    },
    onLanguage: () => {
      applyLang();
      void render();
    },
  });
  const announce = (message: string, kind: 'ok' | 'error' = 'ok') => {
    frame.status.textContent = message;
    frame.status.className = `toast show ${kind}`;
    window.setTimeout(() => {
      if (frame.status.textContent === message) frame.status.className = 'toast';
    }, 6000);
  };
  const ctx: PageContext = {
    params: found.params,
    query,
    session,
    campaignId: campaigns.current,
    onLeave: (fn) => leaveHandlers.push(fn),
    announce,
    navigate: (hash) => {
      location.hash = hash;
    },
  };
  clear(app);
  app.appendChild(frame.root);
  frame.main.appendChild(h('p', { class: 'loading' }, t('loading')));
  document.title = `${t(found.route.title)} - ${t('appTitle')}`;
  try {
    const page = await found.route.render(ctx);
    if (seq !== renderSeq) return;
    clear(frame.main);
    frame.main.appendChild(page);
  } catch (err) {
    if (seq !== renderSeq) return;
    clear(frame.main);
    frame.main.appendChild(
      h(
        'div',
        { class: 'panel error', role: 'alert' },
        h('h1', {}, t(found.route.title)),
        describeError(err),
        h('button', { type: 'button', onclick: () => void render() }, t('retry')),
      ),
    );
  }
  app.removeAttribute('aria-busy');
  frame.main.focus();
}

whenSignedOut(() => {
  location.hash = '#/login';
});
/** zod's own messages (required, too short, ...) follow the language; the domain's custom ones stay as written. */
function applyLang(): void {
  setLang(currentLang());
  z.config(currentLang() === 'zh' ? z.locales.zhCN() : z.locales.en());
}

applyLang();
window.addEventListener('hashchange', () => void render());
void render();
