/** The audit log as auditors read it: filtered pages, the filter pickers' values, and the filtered entries exported as CSV. */
import { answer, answerOf, api, type JsonAnswer } from './http';
import { fileNameOf, saveFile } from './download';

export type AuditPage = JsonAnswer<'/audit-log', 'get'>;
export type AuditEntry = AuditPage['items'][number];
export type AuditFacets = JsonAnswer<'/audit-log/facets', 'get'>;

export interface AuditFilter {
  userId?: string;
  /** Entries about cases whose 承办人 this user was at the time. */
  assignee?: string;
  action?: string;
  result?: string;
  cityCode?: string;
  /** at ≥ from, < to (ISO instants). */
  from?: string;
  to?: string;
}

export function listAuditLog(f: AuditFilter, page: number, pageSize: number): Promise<AuditPage> {
  return answer(api.GET('/audit-log', { params: { query: { ...f, page, pageSize } } }));
}

/** The users and actions that occur in the log, and the possible results. */
export function auditFacets(): Promise<AuditFacets> {
  return answer(api.GET('/audit-log/facets'));
}

/** Downloads the entries the filter selects (every page) as the API writes them (CSV); answers the file name. */
export async function exportAuditLog(f: AuditFilter): Promise<string> {
  const outcome = await api.GET('/audit-log/export', { params: { query: { ...f, format: 'csv' } }, parseAs: 'blob' });
  const name = fileNameOf(outcome.response, `audit-log-${new Date().toISOString().slice(0, 10)}.csv`);
  saveFile(answerOf(outcome), name);
  return name;
}
