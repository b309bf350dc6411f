/** Submissions, self-check declarations, deregistration requests, complaints and reports as the city pages use them (imports, snapshots and reviews: imports.ts, snapshots.ts, submissions.ts). */
import { downloadReportFile } from './download';
import { answer, api, type JsonAnswer, type JsonBody } from './http';

export type Submission = JsonAnswer<'/campaigns/{campaignId}/cities/{cityCode}/submissions', 'get'>['items'][number];
type SubmissionKind = Submission['kind'];
export type Declaration = JsonAnswer<'/campaigns/{campaignId}/cities/{cityCode}/self-check-declarations', 'get'>['items'][number];
type DeclarationInput = JsonBody<'/campaigns/{campaignId}/cities/{cityCode}/self-check-declarations', 'post'>;
export type DeregistrationRequest = JsonAnswer<'/campaigns/{campaignId}/cities/{cityCode}/deregistration-requests', 'get'>['items'][number];
type DeregistrationInput = JsonBody<'/campaigns/{campaignId}/cities/{cityCode}/deregistration-requests', 'post'>;
export type Complaint = JsonAnswer<'/campaigns/{campaignId}/cities/{cityCode}/complaints', 'get'>['items'][number];
export type ComplaintInput = JsonBody<'/campaigns/{campaignId}/cities/{cityCode}/complaints', 'post'>;
export type Report = JsonAnswer<'/reports', 'get'>['items'][number];

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

/** A produced file (a report, or a file of a city's submission) saved under its own name. */
export async function downloadReport(report: Pick<Report, 'reportId' | 'fileName'>): Promise<void> {
  return downloadReportFile(report.reportId, report.fileName);
}
