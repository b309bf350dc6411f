/** Submissions, self-check declarations, imports and reports as the console uses them. */
import { z } from 'zod';
import { Submission } from './campaigns';
import { accessToken, API_BASE, ApiError, getJson, request, sendJson } from './http';

const city = (campaignId: string, cityCode: string) => `/campaigns/${encodeURIComponent(campaignId)}/cities/${cityCode}`;

export function listSubmissions(campaignId: string, cityCode: string): Promise<Submission[]> {
  return getJson(`${city(campaignId, cityCode)}/submissions`, z.object({ items: z.array(Submission) })).then((r) => r.items);
}

export function submitReport(campaignId: string, cityCode: string, kind: string, summary: string | undefined, idempotencyKey: string): Promise<unknown> {
  return sendJson(`${city(campaignId, cityCode)}/submissions/${kind}`, z.unknown(), { body: summary ? { summary } : {}, idempotencyKey });
}

export function reviewSubmission(campaignId: string, cityCode: string, kind: string, version: number, body: { decision: 'approve' | 'return'; comments?: string }, idempotencyKey: string): Promise<unknown> {
  return sendJson(`${city(campaignId, cityCode)}/submissions/${kind}/${version}/review`, z.unknown(), { body, idempotencyKey });
}

export const Declaration = z.object({
  id: z.number(),
  idNumber: z.string().nullable(),
  unitName: z.string().nullable(),
  unitCode: z.string().nullable(),
  correction: z.string(),
  correctedOn: z.string(),
  declaredBy: z.string(),
  receivedAt: z.string().nullable(),
});
export type Declaration = z.infer<typeof Declaration>;

export function listDeclarations(campaignId: string, cityCode: string): Promise<Declaration[]> {
  return getJson(`${city(campaignId, cityCode)}/self-check-declarations?pageSize=200`, z.object({ items: z.array(Declaration) })).then((r) => r.items);
}

export function recordDeclaration(campaignId: string, cityCode: string, body: Record<string, string>, idempotencyKey: string): Promise<unknown> {
  return sendJson(`${city(campaignId, cityCode)}/self-check-declarations`, z.unknown(), { body, idempotencyKey });
}

export const Batch = z.object({
  batchId: z.number(),
  source: z.string(),
  fileName: z.string().nullable(),
  importedBy: z.string().nullable().optional(),
  startedAt: z.string().nullable().optional(),
  finishedAt: z.string().nullable().optional(),
  status: z.string(),
  rowsTotal: z.number().nullable().optional(),
  rowsAccepted: z.number().nullable().optional(),
  rowsRejected: z.number().nullable().optional(),
  rowsWarned: z.number().nullable().optional(),
  error: z.string().nullable().optional(),
});
export type Batch = z.infer<typeof Batch>;

export function listBatches(): Promise<Batch[]> {
  return getJson('/imports?pageSize=100', z.object({ items: z.array(Batch) })).then((r) => r.items);
}

/**
 * Uploads with XMLHttpRequest: fetch cannot report upload progress, and a provincial file of a
 * few hundred megabytes takes a while on a government network.
 */
export async function uploadFile(source: string, file: File, onProgress: (fraction: number) => void): Promise<Batch> {
  const token = await accessToken();
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${API_BASE}/imports?${new URLSearchParams({ source, fileName: file.name })}`);
    if (token) xhr.setRequestHeader('authorization', `Bearer ${token}`);
    xhr.setRequestHeader('content-type', /\.xlsx$/i.test(file.name) ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv');
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onerror = () => reject(new Error('network error'));
    xhr.onload = () => {
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(xhr.responseText) as Record<string, unknown>;
      } catch {
        /* not JSON */
      }
      // The upload answers once the import is done; its result carries counts, not a status.
      if (xhr.status >= 200 && xhr.status < 300) resolve(Batch.parse({ status: 'completed', ...body }));
      else reject(new ApiError({ status: xhr.status, code: String((body.code as string | undefined) ?? xhr.status), title: (body.title as string | undefined) ?? xhr.statusText, title_zh: body.title_zh as string | undefined, detail: body.detail as string | undefined }));
    };
    xhr.send(file);
  });
}

export function createSnapshot(label: string, batchIds: number[]): Promise<{ snapshotId: number }> {
  return sendJson('/snapshots', z.object({ snapshotId: z.number() }), { body: { label, batchIds } });
}

export const Report = z.object({
  reportId: z.string(),
  campaignId: z.string(),
  cityCode: z.string().nullable(),
  kind: z.string(),
  title: z.string(),
  format: z.string(),
  producedAt: z.string(),
});
export type Report = z.infer<typeof Report>;

export function listReports(campaignId: string | undefined): Promise<Report[]> {
  return getJson(`/reports${campaignId ? `?campaignId=${encodeURIComponent(campaignId)}` : ''}`, z.object({ items: z.array(Report) })).then((r) => r.items);
}

/** Downloads need the bearer token, so a plain link will not do: fetch, then save the blob. */
export async function download(path: string, fallbackName: string): Promise<void> {
  const res = await request(path, { headers: { accept: '*/*' } });
  const disposition = res.headers.get('content-disposition') ?? '';
  const name = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
