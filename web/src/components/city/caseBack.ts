/**
 * Where "back" leads from a case, for every role that may open one, so the page is never a dead
 * end: the page the case was opened from when the role may open it (its address carried in the
 * router state), else the role's own list: the officer's worklist (with its filters), the
 * supervisor's alerts, the coordinator's overview, the auditor's reports.
 */
import type { Role } from '../../../../domain/roles';
import { PAGES } from '../../app/pageAccess';
import { tr } from '../../labels';
import { rememberedWorklistPath } from './worklistState';

/** What a page that links to a case puts in the router state. */
export interface CameFrom {
  from?: { path: string; title?: string };
}

function pageAt(path: string) {
  const bare = path.split('?')[0];
  return PAGES.find((p) => p.path === bare);
}

export function caseBackLink(role: Role, state: unknown): { to: string; label: string } {
  const from = (state as CameFrom | null | undefined)?.from;
  if (from && typeof from.path === 'string') {
    const page = pageAt(from.path);
    if (page && page.key !== 'case' && page.roles.includes(role)) return { to: from.path, label: tr(`返回${page.title.zh}`, `Back to ${page.title.en}`) };
  }
  switch (role) {
    case 'city_officer':
    case 'city_hr_officer':
      return { to: rememberedWorklistPath(), label: tr('返回核查清单', 'Back to the worklist') };
    case 'supervisor':
      return { to: '/alerts', label: tr('返回预警看板', 'Back to the alerts') };
    case 'province_coordinator':
    case 'province_hr_coordinator':
      return { to: '/overview', label: tr('返回进展总览', 'Back to the overview') };
    case 'auditor':
    case 'city_fund_officer':
      return { to: '/reports', label: tr('返回报表下载', 'Back to the reports') };
  }
}
