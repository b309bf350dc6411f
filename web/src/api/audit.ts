/** The audit log as auditors read it: filtered pages, and the filtered entries exported as CSV. */
import { answer, api, type JsonAnswer } from './http';
import { saveFile } from './reports';

export type AuditEntry = JsonAnswer<'/audit-log', 'get'>['items'][number];

export interface AuditFilter {
  userId?: string;
  action?: string;
  result?: string;
  cityCode?: string;
  /** at ≥ from, < to (ISO instants). */
  from?: string;
  to?: string;
}

export interface AuditPage {
  items: AuditEntry[];
  total: number;
}

const serverQuery = (f: AuditFilter) => ({ userId: f.userId, action: f.action, result: f.result, from: f.from, to: f.to });
const inCity = (e: AuditEntry, city: string | undefined) => !city || e.cityCode === city || new RegExp(`(^|,)cityCode=${city}(,|$)`).test(e.target ?? '');

/** Every entry the filter selects, newest first, read 500 at a time. */
async function allEntries(f: AuditFilter): Promise<AuditEntry[]> {
  const out: AuditEntry[] = [];
  for (let page = 1; ; page++) {
    const res = await answer(api.GET('/audit-log', { params: { query: { ...serverQuery(f), page, pageSize: 500 } } }));
    out.push(...res.items.filter((e) => inCity(e, f.cityCode)));
    if (page * 500 >= res.total || res.items.length === 0) return out;
  }
}

export async function listAuditLog(f: AuditFilter, page: number, pageSize: number): Promise<AuditPage> {
  if (f.cityCode) {
    // The city is filtered here until GET /audit-log filters by city itself.
    const all = await allEntries(f);
    return { items: all.slice((page - 1) * pageSize, page * pageSize), total: all.length };
  }
  return answer(api.GET('/audit-log', { params: { query: { ...serverQuery(f), page, pageSize } } }));
}

const CSV_HEADER = ['编号', '时间', '请求编号', '用户', '角色', '所在市（州）', '操作', '对象', '结果', 'HTTP状态', '详情'];

/** One CSV cell: quoted when needed; text a spreadsheet would run as a formula is prefixed with '. */
function cell(v: string | number | null): string {
  let s = v === null ? '' : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Downloads the entries the filter selects (every page) as CSV; answers the file name and how many rows. */
export async function exportAuditLog(f: AuditFilter): Promise<{ fileName: string; rows: number }> {
  const entries = await allEntries(f);
  const lines = [
    CSV_HEADER,
    ...entries.map((e) => [e.id, e.at, e.requestId, e.userId, e.role, e.cityCode, e.action, e.target, e.result, e.status, JSON.stringify(e.detail)]),
  ];
  const csv = `\uFEFF${lines.map((l) => l.map(cell).join(',')).join('\r\n')}\r\n`;
  const fileName = `audit-log-${new Date().toISOString().slice(0, 10)}.csv`;
  saveFile(new Blob([csv], { type: 'text/csv;charset=utf-8' }), fileName);
  return { fileName, rows: entries.length };
}
