/**
 * The worklist's state lives in its address (#/worklist?status=open&flag=…&page=2): filters, sort,
 * page and page size survive a decision, a reload and the back button, and can be bookmarked. Only
 * the values that are set (and differ from the defaults) are written, so none is ever "undefined";
 * a value the API would refuse (a mistyped address) is dropped when read.
 */
import { CertCategory } from '../../../../domain/certCategories';
import { FlagCode } from '../../../../domain/flags';
import { CaseOutcome } from '../../../../domain/outcomes';
import type { CaseStatus, WorklistQuery, WorklistSort } from '../../api/cases';

export const CASE_STATUSES: readonly CaseStatus[] = ['open', 'decided', 'closed', 'carried_over'];
/** Every order the API sorts by (its `sort` parameter). */
export const WORKLIST_SORTS: readonly WorklistSort[] = ['risk', '-risk', 'due', '-due', 'caseNo', '-caseNo', 'opened', '-opened', 'decided'];
export const PAGE_SIZES = [10, 20, 50, 100] as const;
const DEFAULT_SORT: WorklistSort = 'risk';
const DEFAULT_PAGE_SIZE = 20;

export interface WorklistState {
  status?: CaseStatus;
  outcome?: CaseOutcome;
  flag?: FlagCode;
  certCategory?: CertCategory;
  caseNo?: string;
  /**
   * The 承办人: `all`, `me`, `unassigned` or an officer's user name. Absent: the default, which is
   * `me` for an officer who has assigned cases (the page writes it into the address once known) and
   * every case for everyone else.
   */
  assignee?: string;
  sort: WorklistSort;
  page: number;
  pageSize: number;
}

const ASSIGNEE = /^(all|me|unassigned|[a-z0-9][a-z0-9._-]{1,62})$/;

const oneOf = <T extends string>(list: readonly T[], v: string | null): T | undefined => list.find((x) => x === v);

function wholeNumber(v: string | null, min: number): number | undefined {
  const n = v === null || v === '' ? NaN : Number(v);
  return Number.isInteger(n) && n >= min ? n : undefined;
}

export function readWorklistState(q: URLSearchParams): WorklistState {
  const caseNo = q.get('caseNo')?.trim();
  const size = wholeNumber(q.get('pageSize'), 1);
  return {
    status: oneOf(CASE_STATUSES, q.get('status')),
    outcome: oneOf(CaseOutcome.options, q.get('outcome')),
    flag: oneOf(FlagCode.options, q.get('flag')),
    certCategory: oneOf(CertCategory.options, q.get('certCategory')),
    caseNo: caseNo && caseNo.length <= 60 ? caseNo : undefined,
    assignee: ASSIGNEE.test(q.get('assignee') ?? '') ? (q.get('assignee') ?? undefined) : undefined,
    sort: oneOf(WORKLIST_SORTS, q.get('sort')) ?? DEFAULT_SORT,
    page: wholeNumber(q.get('page'), 1) ?? 1,
    pageSize: PAGE_SIZES.find((s) => s === size) ?? DEFAULT_PAGE_SIZE,
  };
}

/** The query string of a state: set values only, defaults left out ('' for the plain list). */
export function worklistSearch(s: WorklistState): string {
  const q = new URLSearchParams();
  const put = (k: string, v: string | number | undefined, skip?: string | number) => {
    if (v !== undefined && v !== '' && v !== skip) q.set(k, String(v));
  };
  put('status', s.status);
  put('outcome', s.outcome);
  put('flag', s.flag);
  put('certCategory', s.certCategory);
  put('caseNo', s.caseNo);
  put('assignee', s.assignee);
  put('sort', s.sort, DEFAULT_SORT);
  put('page', s.page, 1);
  put('pageSize', s.pageSize, DEFAULT_PAGE_SIZE);
  return q.toString();
}

export function worklistPath(search: string): string {
  return search ? `/worklist?${search}` : '/worklist';
}

/** What the API is asked for the state. */
export function worklistQuery(s: WorklistState): WorklistQuery {
  const q: WorklistQuery = { sort: s.sort, page: s.page, pageSize: s.pageSize };
  if (s.status) q.status = s.status;
  if (s.outcome) q.outcome = s.outcome;
  if (s.flag) q.flag = s.flag;
  if (s.certCategory) q.certCategory = s.certCategory;
  if (s.caseNo) q.caseNo = s.caseNo;
  if (s.assignee && s.assignee !== 'all') q.assignee = s.assignee;
  return q;
}

const REMEMBERED = 'gz.worklist';

/** Kept for the tab: where "back to the worklist" returns from a case or a bulk decision. */
export function rememberWorklist(search: string): void {
  sessionStorage.setItem(REMEMBERED, search);
}

export function rememberedWorklistPath(): string {
  return worklistPath(sessionStorage.getItem(REMEMBERED) ?? '');
}
