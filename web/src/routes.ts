/** Every page of the console, who sees it, and whether it is in the navigation bar. */
import type { Route } from './router';
import { renderAlerts } from './pages/alerts';
import { renderCampaigns } from './pages/campaigns';
import { renderCase } from './pages/casePage';
import { renderCitySubmissions } from './pages/citySubmissions';
import { renderDeclarations } from './pages/declarations';
import { renderImports } from './pages/imports';
import { renderLateCities } from './pages/lateCities';
import { renderLaunch } from './pages/launch';
import { renderOverview } from './pages/overview';
import { renderProgressNotice } from './pages/progressNotice';
import { renderReports } from './pages/reports';
import { renderReview } from './pages/review';
import { renderWorklist } from './pages/worklist';

const COORD = ['province_coordinator'] as const;
const OFFICER = ['city_officer'] as const;
const WATCHERS = ['supervisor', 'province_coordinator', 'auditor'] as const;

export const ROUTES: readonly Route[] = [
  { pattern: '/overview', title: 'navOverview', roles: ['province_coordinator', 'supervisor', 'auditor'], nav: true, render: renderOverview },
  { pattern: '/campaigns', title: 'navCampaigns', roles: COORD, nav: true, render: renderCampaigns },
  { pattern: '/campaigns/new', title: 'navLaunch', roles: COORD, nav: true, render: renderLaunch },
  { pattern: '/review', title: 'navReview', roles: COORD, nav: true, render: renderReview },
  { pattern: '/imports', title: 'navImports', roles: COORD, nav: true, render: renderImports },
  { pattern: '/worklist', title: 'navWorklist', roles: ['city_officer', 'province_coordinator'], nav: true, render: renderWorklist },
  { pattern: '/cases/:caseId', title: 'caseTitle', roles: ['city_officer', 'province_coordinator', 'supervisor', 'auditor'], nav: false, render: renderCase },
  { pattern: '/declarations', title: 'navDeclarations', roles: OFFICER, nav: true, render: renderDeclarations },
  { pattern: '/submissions', title: 'navCitySubmissions', roles: OFFICER, nav: true, render: renderCitySubmissions },
  { pattern: '/alerts', title: 'navAlerts', roles: WATCHERS, nav: true, render: renderAlerts },
  { pattern: '/late', title: 'navLate', roles: WATCHERS, nav: true, render: renderLateCities },
  { pattern: '/notice', title: 'navNotice', roles: WATCHERS, nav: true, render: renderProgressNotice },
  { pattern: '/reports', title: 'navReports', roles: ['province_coordinator', 'city_officer', 'supervisor', 'auditor'], nav: true, render: renderReports },
];
