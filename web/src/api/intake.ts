/** Submissions, self-check declarations, deregistration requests, complaints, imports and reports as the console uses them. */
import { accessToken, answer, answerOf, api, apiErrorOf, type JsonAnswer, type JsonBody } from './http';

export type Submission = JsonAnswer<'/campaigns/{campaignId}/cities/{cityCode}/submissions', 'get'>['items'][number];
type SubmissionKind = Submission['kind'];
export type Declaration = JsonAnswer<'/campaigns/{campaignId}/cities/{cityCode}/self-check-declarations', 'get'>['items'][number];
type DeclarationInput = JsonBody<'/campaigns/{campaignId}/cities/{cityCode}/self-check-declarations', 'post'>;
export type DeregistrationRequest = JsonAnswer<'/campaigns/{campaignId}/cities/{cityCode}/deregistration-requests', 'get'>['items'][number];
type DeregistrationInput = JsonBody<'/campaigns/{campaignId}/cities/{cityCode}/deregistration-requests', 'post'>;
export type Complaint = JsonAnswer<'/campaigns/{campaignId}/cities/{cityCode}/complaints', 'get'>['items'][number];
export type ComplaintInput = JsonBody<'/campaigns/{campaignId}/cities/{cityCode}/complaints', 'post'>;
export type Batch = JsonAnswer<'/imports', 'get'>['items'][number];
type ImportAccepted = JsonAnswer<'/imports', 'post', 202>;
export type Report = JsonAnswer<'/reports', 'get'>['items'][number];
type SourceName = Batch['source'];

export async function listSubmissions(campaignId: string, cityCode: string): Promise<Submission[]> {
  return (await answer(api.GET('/campaigns/{campaignId}/cities/{cityCode}/submissions', { params: { path: { campaignId, cityCode } } }))).items;
}

export function submitReport(
  campaignId: string,
  cityCode: string,
  kind: SubmissionKind,
  summary: string | undefined,
  idempotencyKey: string,
): Promise<JsonAnswer<'/campaigns/{campaignId}/cities/{cityCode}/submissions/{kind}', 'post', 201>> {
  return answer(
    api.POST('/campaigns/{campaignId}/cities/{cityCode}/submissions/{kind}', {
      params: { path: { campaignId, cityCode, kind } },
      headers: { 'idempotency-key': idempotencyKey },
      body: summary ? { summary } : {},
    }),
  );
}

export function reviewSubmission(
  campaignId: string,
  cityCode: string,
  kind: SubmissionKind,
  version: number,
  body: JsonBody<'/campaigns/{campaignId}/cities/{cityCode}/submissions/{kind}/{version}/review', 'post'>,
  idempotencyKey: string,
): Promise<JsonAnswer<'/campaigns/{campaignId}/cities/{cityCode}/submissions/{kind}/{version}/review', 'post'>> {
  return answer(
    api.POST('/campaigns/{campaignId}/cities/{cityCode}/submissions/{kind}/{version}/review', {
      params: { path: { campaignId, cityCode, kind, version } },
      headers: { 'idempotency-key': idempotencyKey },
      body,
    }),
  );
}

export async function listDeclarations(campaignId: string, cityCode: string): Promise<Declaration[]> {
  return (
    await answer(
      api.GET('/campaigns/{campaignId}/cities/{cityCode}/self-check-declarations', { params: { path: { campaignId, cityCode }, query: { pageSize: 500 } } }),
    )
  ).items;
}

export function recordDeclaration(
  campaignId: string,
  cityCode: string,
  body: DeclarationInput,
  idempotencyKey: string,
): Promise<JsonAnswer<'/campaigns/{campaignId}/cities/{cityCode}/self-check-declarations', 'post', 201>> {
  return answer(
    api.POST('/campaigns/{campaignId}/cities/{cityCode}/self-check-declarations', {
      params: { path: { campaignId, cityCode } },
      headers: { 'idempotency-key': idempotencyKey },
      body,
    }),
  );
}

export async function listDeregistrations(campaignId: string, cityCode: string): Promise<DeregistrationRequest[]> {
  return (
    await answer(
      api.GET('/campaigns/{campaignId}/cities/{cityCode}/deregistration-requests', { params: { path: { campaignId, cityCode }, query: { pageSize: 500 } } }),
    )
  ).items;
}

export function requestDeregistration(
  campaignId: string,
  cityCode: string,
  body: DeregistrationInput,
  idempotencyKey: string,
): Promise<JsonAnswer<'/campaigns/{campaignId}/cities/{cityCode}/deregistration-requests', 'post', 201>> {
  return answer(
    api.POST('/campaigns/{campaignId}/cities/{cityCode}/deregistration-requests', {
      params: { path: { campaignId, cityCode } },
      headers: { 'idempotency-key': idempotencyKey },
      body,
    }),
  );
}

export async function listComplaints(campaignId: string, cityCode: string): Promise<Complaint[]> {
  return (
    await answer(api.GET('/campaigns/{campaignId}/cities/{cityCode}/complaints', { params: { path: { campaignId, cityCode }, query: { pageSize: 500 } } }))
  ).items;
}

export function registerComplaint(
  campaignId: string,
  cityCode: string,
  body: ComplaintInput,
  idempotencyKey: string,
): Promise<JsonAnswer<'/campaigns/{campaignId}/cities/{cityCode}/complaints', 'post', 201>> {
  return answer(
    api.POST('/campaigns/{campaignId}/cities/{cityCode}/complaints', {
      params: { path: { campaignId, cityCode } },
      headers: { 'idempotency-key': idempotencyKey },
      body,
    }),
  );
}

export async function listBatches(): Promise<Batch[]> {
  return (await answer(api.GET('/imports', { params: { query: { pageSize: 100 } } }))).items;
}

/** Follows an import the worker runs until it ends: its batch, or its reason as an error. */
async function awaitImport(importId: string): Promise<Batch> {
  for (;;) {
    const job = await answer(api.GET('/imports/jobs/{importId}', { params: { path: { importId } } }));
    if (job.status === 'completed' && job.result) {
      return answer(api.GET('/imports/{batchId}', { params: { path: { batchId: job.result.batchId } } }));
    }
    if (job.status === 'failed') {
      const reason = job.error ?? '导入失败';
      throw apiErrorOf(422, reason, { code: 'import_failed', title: reason, title_zh: reason, detail: reason });
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/**
 * Uploads with XMLHttpRequest: fetch cannot report upload progress, and a provincial file of a
 * few hundred megabytes takes a while on a government network. The answer is the typed one of
 * POST /imports all the same; the console then follows the import to its batch.
 */
export async function uploadFile(source: SourceName, file: File, onProgress: (fraction: number) => void): Promise<Batch> {
  const token = await accessToken();
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/imports?${new URLSearchParams({ source, fileName: file.name })}`);
    if (token) xhr.setRequestHeader('authorization', `Bearer ${token}`);
    xhr.setRequestHeader('content-type', /\.xlsx$/i.test(file.name) ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv');
    xhr.setRequestHeader('accept', 'application/json');
    xhr.responseType = 'json';
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onerror = () => reject(new Error('network error'));
    xhr.onload = () => {
      // The upload answers 202 once the file is stored; the worker imports it.
      if (xhr.status === 202) {
        const accepted: ImportAccepted = xhr.response;
        resolve(awaitImport(accepted.importId));
      } else reject(apiErrorOf(xhr.status, xhr.statusText, xhr.response));
    };
    xhr.send(file);
  });
}

export function createSnapshot(label: string, batchIds: number[]): Promise<JsonAnswer<'/snapshots', 'post', 201>> {
  return answer(api.POST('/snapshots', { body: { label, batchIds } }));
}

export async function listReports(campaignId: string | undefined): Promise<Report[]> {
  return (await answer(api.GET('/reports', { params: { query: campaignId ? { campaignId } : {} } }))).items;
}

/** Saves a file the browser fetched (downloads need the bearer token, so a plain link will not do). */
function save(blob: Blob, response: Response, fallbackName: string): void {
  const disposition = response.headers.get('content-disposition') ?? '';
  const utf8 = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  const name = utf8 ? decodeURIComponent(utf8) : (/filename="?([^";]+)"?/.exec(disposition)?.[1] ?? fallbackName);
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A produced file (a report, or a file of a city's submission) saved under its own name. */
export async function downloadReport(report: Pick<Report, 'reportId' | 'fileName'>): Promise<void> {
  const outcome = await api.GET('/reports/{reportId}/download', { params: { path: { reportId: report.reportId } }, parseAs: 'blob' });
  save(answerOf(outcome), outcome.response, report.fileName);
}

export async function downloadIssues(batchId: number): Promise<void> {
  const outcome = await api.GET('/imports/{batchId}/issues.csv', { params: { path: { batchId } }, parseAs: 'blob' });
  save(answerOf(outcome), outcome.response, `batch-${batchId}-issues.csv`);
}
