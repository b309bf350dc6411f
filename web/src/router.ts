/**
 * Hash routes (#/cases/abc): the API owns every path on the server, the console only the
 * fragment. Each route names the roles that see it; the server enforces access regardless.
 */
import type { LabelKey } from './labels';
import type { Role, Session } from './session';

export interface PageContext {
  params: Record<string, string>;
  query: URLSearchParams;
  session: Session;
  /** The campaign chosen in the header (most pages are about one campaign). */
  campaignId: string | undefined;
  /** Called when the page is left: close streams, stop timers. */
  onLeave: (fn: () => void) => void;
  /** Announces a short message to screen readers and shows it as a toast. */
  announce(message: string, kind?: 'ok' | 'error'): void;
  navigate(hash: string): void;
}

export interface Route {
  pattern: string;
  title: LabelKey;
  roles: readonly Role[];
  /** Shown in the navigation bar (the others are reached from a page). */
  nav: boolean;
  render(ctx: PageContext): Promise<HTMLElement>;
}

export function matchRoute(routes: readonly Route[], path: string): { route: Route; params: Record<string, string> } | undefined {
  const parts = path.split('/').filter(Boolean);
  for (const route of routes) {
    const pp = route.pattern.split('/').filter(Boolean);
    if (pp.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const ok = pp.every((p, i) => {
      if (p.startsWith(':')) {
        params[p.slice(1)] = decodeURIComponent(parts[i]);
        return true;
      }
      return p === parts[i];
    });
    if (ok) return { route, params };
  }
  return undefined;
}

/** '#/cases?status=open' → { path: '/cases', query } */
export function parseHash(hash: string): { path: string; query: URLSearchParams } {
  const raw = hash.replace(/^#/, '') || '/';
  const [path, qs] = raw.split('?');
  return { path: path || '/', query: new URLSearchParams(qs ?? '') };
}

export function homeOf(role: Role): string {
  switch (role) {
    case 'province_coordinator':
      return '#/overview';
    case 'city_officer':
      return '#/worklist';
    case 'supervisor':
    case 'auditor':
      return '#/alerts';
  }
}
