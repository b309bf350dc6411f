/**
 * Every page of the console: its address, the roles that may open it (and whether only the
 * authority's responsible person, 负责人, among them may), and whether it is in their menu. The menu,
 * the route guard and the browser tests (test/browser) all read this one table, so a page reachable
 * by a user is in that user's menu, and a user not listed is refused.
 */
import { INTERMEDIARY_HANDLERS } from '../../../domain/intermediary';
import { ROLES, type Role } from '../../../domain/roles';

export type PageKey =
  | 'overview'
  | 'campaigns'
  | 'launch'
  | 'imports'
  | 'snapshots'
  | 'reviews'
  | 'notice'
  | 'late'
  | 'reports'
  | 'bans'
  | 'alerts'
  | 'worklist'
  | 'case'
  | 'bulkDecisions'
  | 'declarations'
  | 'deregistrations'
  | 'complaints'
  | 'complaintCases'
  | 'complaintSettings'
  | 'outsideAuthorities'
  | 'submissions'
  | 'auditLog'
  | 'assignments'
  | 'supervisionTasks'
  | 'onsiteChecks'
  | 'procedures'
  | 'approvals'
  | 'provinceProcedures'
  | 'intermediaries'
  | 'selfCheckList';

export interface PageAccess {
  key: PageKey;
  /** The route inside the console's hash (#/worklist); `:name` marks a parameter. */
  path: string;
  roles: readonly Role[];
  /** Only the responsible person (负责人) of those roles may open it: the approvals. */
  responsibleOnly?: boolean;
  /** In the side menu of its roles (a case page is reached from a list, not the menu). */
  menu: boolean;
  title: { zh: string; en: string };
}

const COORDINATOR = ['province_coordinator'] as const;
const OFFICER = ['city_officer'] as const;
/** Issue 21: 住建 and 人社 of a city (the cases' evidence, the 汇总表's two signatures). */
const CITY_SIGNERS = ['city_officer', 'city_hr_officer'] as const;
/** Both provincial departments (省住建厅, 省人社厅): each reviews its part, both receive the reports. */
const PROVINCE = ['province_coordinator', 'province_hr_coordinator'] as const;

export const PAGES: readonly PageAccess[] = [
  {
    key: 'overview',
    path: '/overview',
    roles: ['province_coordinator', 'province_hr_coordinator', 'supervisor'],
    menu: true,
    title: { zh: '进展总览', en: 'Overview' },
  },
  { key: 'campaigns', path: '/campaigns', roles: COORDINATOR, menu: true, title: { zh: '专项行动', en: 'Campaigns' } },
  { key: 'launch', path: '/campaigns/new', roles: COORDINATOR, menu: true, title: { zh: '发起行动', en: 'Launch' } },
  { key: 'imports', path: '/imports', roles: ['province_coordinator', 'city_fund_officer'], menu: true, title: { zh: '数据导入', en: 'Imports' } },
  { key: 'snapshots', path: '/snapshots', roles: COORDINATOR, menu: true, title: { zh: '数据快照', en: 'Snapshots' } },
  { key: 'reviews', path: '/reviews', roles: PROVINCE, menu: true, title: { zh: '汇总表审核', en: 'Reviews' } },
  { key: 'notice', path: '/notice', roles: COORDINATOR, menu: true, title: { zh: '进展通报', en: 'Progress notice' } },
  {
    key: 'late',
    path: '/late',
    roles: ['province_coordinator', 'province_hr_coordinator', 'supervisor'],
    menu: true,
    title: { zh: '逾期市（州）', en: 'Late cities' },
  },
  { key: 'alerts', path: '/alerts', roles: ['province_coordinator', 'supervisor'], menu: true, title: { zh: '预警看板', en: 'Alerts' } },
  { key: 'bans', path: '/bans', roles: ['province_coordinator', 'city_officer'], menu: true, title: { zh: '禁入查询', en: 'Ban look-up' } },
  { key: 'worklist', path: '/worklist', roles: CITY_SIGNERS, menu: true, title: { zh: '核查清单', en: 'Worklist' } },
  { key: 'bulkDecisions', path: '/decisions/bulk', roles: OFFICER, menu: true, title: { zh: '批量处理', en: 'Bulk decisions' } },
  { key: 'declarations', path: '/declarations', roles: OFFICER, menu: true, title: { zh: '自查自纠申报', en: 'Self-check declarations' } },
  // Issue 21 items 3–4: the self-check list with the units' notices and the re-screenings (the coordinator chooses a city).
  {
    key: 'selfCheckList',
    path: '/self-check-list',
    roles: ['city_officer', 'province_coordinator'],
    menu: true,
    title: { zh: '自查自纠名单', en: 'Self-check list' },
  },
  { key: 'deregistrations', path: '/deregistrations', roles: OFFICER, menu: true, title: { zh: '注销申请', en: 'Deregistration requests' } },
  { key: 'complaints', path: '/complaints', roles: OFFICER, menu: true, title: { zh: '投诉举报', en: 'Complaints' } },
  { key: 'submissions', path: '/submissions', roles: CITY_SIGNERS, menu: true, title: { zh: '本市报送', en: 'Submissions' } },
  { key: 'complaintCases', path: '/complaint-cases', roles: ROLES, menu: true, title: { zh: '投诉举报办理', en: 'Complaint handling' } },
  {
    key: 'complaintSettings',
    path: '/complaint-settings',
    roles: ['province_coordinator', 'supervisor', 'auditor'],
    menu: true,
    title: { zh: '投诉举报设置', en: 'Complaint settings' },
  },
  { key: 'outsideAuthorities', path: '/outside-authorities', roles: COORDINATOR, menu: true, title: { zh: '移送部门', en: 'Outside authorities' } },
  { key: 'assignments', path: '/assignments', roles: OFFICER, responsibleOnly: true, menu: true, title: { zh: '案件分配', en: 'Case assignment' } },
  {
    key: 'reports',
    path: '/reports',
    roles: ['province_coordinator', 'city_officer', 'supervisor', 'auditor', 'city_hr_officer', 'city_fund_officer', 'province_hr_coordinator'],
    menu: true,
    title: { zh: '报表下载', en: 'Reports' },
  },
  {
    // The city's 人社局 works escalated intermediary orders' procedures (INTERMEDIARY_HANDLERS): theirs are listed here too.
    key: 'procedures',
    path: '/procedures',
    roles: ['city_officer', 'province_coordinator', 'city_hr_officer'],
    menu: true,
    title: { zh: '待办程序', en: 'Procedure steps due' },
  },
  {
    key: 'approvals',
    path: '/procedures/approvals',
    roles: ['city_officer', 'province_coordinator'],
    responsibleOnly: true,
    menu: true,
    title: { zh: '负责人审批', en: 'Approvals' },
  },
  {
    key: 'provinceProcedures',
    path: '/procedures/province',
    roles: ['province_coordinator', 'supervisor', 'auditor'],
    menu: true,
    title: { zh: '省级处罚程序', en: 'Provincial procedures' },
  },
  { key: 'auditLog', path: '/audit-log', roles: ['auditor'], menu: true, title: { zh: '审计日志', en: 'Audit log' } },
  // Issue 20: the worked tasks (the province's supervision of lagging cities, the cities' on-site checks).
  {
    key: 'supervisionTasks',
    path: '/supervision-tasks',
    roles: ['province_coordinator', 'supervisor', 'auditor'],
    menu: true,
    title: { zh: '督办任务', en: 'Supervision tasks' },
  },
  { key: 'onsiteChecks', path: '/onsite-checks', roles: ROLES, menu: true, title: { zh: '现场核查', en: 'On-site checks' } },
  // Issue 21 item 2: the intermediaries (中介服务机构), for whoever reads them (domain/intermediary.ts INTERMEDIARY_HANDLERS).
  { key: 'intermediaries', path: '/intermediaries', roles: INTERMEDIARY_HANDLERS.read, menu: true, title: { zh: '中介机构', en: 'Intermediaries' } },
  {
    key: 'case',
    path: '/cases/:caseId',
    roles: ['city_officer', 'province_coordinator', 'supervisor', 'auditor', 'city_hr_officer', 'province_hr_coordinator'],
    menu: false,
    title: { zh: '核查案件', en: 'Case' },
  },
];

/**
 * Pages anyone may open without logging in (issue 19: publication). They sit outside the login
 * guard: main.tsx shows them whatever the session, and their API routes are public.
 */
export const PUBLIC_PAGES = {
  records: { path: '/public/records', title: { zh: '不良行为记录和不予注册公开查询', en: 'Published records' } },
  complaints: { path: '/public/complaints', title: { zh: '“挂证”问题投诉举报', en: 'Report certificate hanging' } },
} as const;

/** Whether a console address (the hash without '#') is a public page. */
export function isPublicAddress(address: string): boolean {
  return Object.values(PUBLIC_PAGES).some((p) => address === p.path || address.startsWith(`${p.path}?`));
}

/** Who opens a page: the role, and whether the user is the authority's responsible person. */
export interface Viewer {
  role: Role;
  responsible: boolean;
}

export function mayOpen(page: PageAccess, viewer: Viewer): boolean {
  return page.roles.includes(viewer.role) && (!page.responsibleOnly || viewer.responsible);
}

/** The pages in a user's side menu, in order. */
export function menuOf(viewer: Viewer): PageAccess[] {
  return PAGES.filter((p) => p.menu && mayOpen(p, viewer));
}

/** Where a user lands after logging in: the first page of their menu. */
export function homeOf(viewer: Viewer): string {
  return menuOf(viewer)[0]?.path ?? '/reports';
}

export function pageOf(key: PageKey): PageAccess {
  const page = PAGES.find((p) => p.key === key);
  if (!page) throw new Error(`no page ${key}`);
  return page;
}
