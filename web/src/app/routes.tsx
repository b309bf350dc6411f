/**
 * The console's routes: each page of pageAccess.ts behind its role check, loaded when first opened
 * (a city officer's browser never downloads the coordinator's charts).
 */
import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from 'react';
import { Navigate, type RouteObject } from 'react-router';
import { Spin } from 'antd';
import { PAGES, PUBLIC_PAGES, homeOf, type PageKey, type Viewer } from './pageAccess';
import { RequirePage } from './RequirePage';

const PAGE_COMPONENTS: Record<PageKey, LazyExoticComponent<ComponentType>> = {
  overview: lazy(() => import('../pages/province/OverviewPage')),
  campaigns: lazy(() => import('../pages/province/CampaignsPage')),
  launch: lazy(() => import('../pages/province/LaunchPage')),
  imports: lazy(() => import('../pages/province/ImportsPage')),
  snapshots: lazy(() => import('../pages/province/SnapshotsPage')),
  reviews: lazy(() => import('../pages/province/ReviewsPage')),
  notice: lazy(() => import('../pages/province/NoticePage')),
  bans: lazy(() => import('../pages/province/BansPage')),
  late: lazy(() => import('../pages/watch/LateCitiesPage')),
  alerts: lazy(() => import('../pages/watch/AlertsPage')),
  auditLog: lazy(() => import('../pages/watch/AuditLogPage')),
  worklist: lazy(() => import('../pages/city/WorklistPage')),
  case: lazy(() => import('../pages/city/CasePage')),
  bulkDecisions: lazy(() => import('../pages/city/BulkDecisionsPage')),
  declarations: lazy(() => import('../pages/city/DeclarationsPage')),
  selfCheckList: lazy(() => import('../pages/city/SelfCheckListPage')),
  deregistrations: lazy(() => import('../pages/city/DeregistrationsPage')),
  complaints: lazy(() => import('../pages/city/ComplaintsPage')),
  complaintCases: lazy(() => import('../pages/complaints/ComplaintCasesPage')),
  complaintSettings: lazy(() => import('../pages/complaints/ComplaintSettingsPage')),
  outsideAuthorities: lazy(() => import('../pages/province/OutsideAuthoritiesPage')),
  submissions: lazy(() => import('../pages/city/SubmissionsPage')),
  reports: lazy(() => import('../pages/shared/ReportsPage')),
  assignments: lazy(() => import('../pages/city/AssignmentsPage')),
  supervisionTasks: lazy(() => import('../pages/province/SupervisionTasksPage')),
  onsiteChecks: lazy(() => import('../pages/city/OnsiteChecksPage')),
  intermediaries: lazy(() => import('../pages/city/IntermediariesPage')),
  procedures: lazy(() => import('../pages/procedures/ProceduresDuePage')),
  approvals: lazy(() => import('../pages/procedures/ApprovalsPage')),
  provinceProcedures: lazy(() => import('../pages/procedures/ProvinceProceduresPage')),
};

const PublicRecordsPage = lazy(() => import('../pages/public/PublicRecordsPage'));
const PublicComplaintPage = lazy(() => import('../pages/public/PublicComplaintPage'));

/** The pages outside the login guard (pageAccess.ts PUBLIC_PAGES): no session, no role check. */
export function publicRoutes(): RouteObject[] {
  return [
    {
      path: PUBLIC_PAGES.records.path.slice(1),
      element: (
        <Suspense fallback={<Spin className="loading-block" />}>
          <PublicRecordsPage />
        </Suspense>
      ),
    },
    {
      path: PUBLIC_PAGES.complaints.path.slice(1),
      element: (
        <Suspense fallback={<Spin className="loading-block" />}>
          <PublicComplaintPage />
        </Suspense>
      ),
    },
  ];
}

export function pageRoutes(viewer: Viewer): RouteObject[] {
  return [
    { index: true, element: <Navigate to={homeOf(viewer)} replace /> },
    ...PAGES.map((page) => {
      const Page = PAGE_COMPONENTS[page.key];
      return {
        path: page.path.slice(1),
        element: (
          <RequirePage page={page.key}>
            <Suspense fallback={<Spin className="loading-block" />}>
              <Page />
            </Suspense>
          </RequirePage>
        ),
      };
    }),
    { path: '*', element: <Navigate to={homeOf(viewer)} replace /> },
  ];
}
