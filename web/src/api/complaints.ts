/** Complaints as cases (issue 20): the public form and status (publicApi, no log-in), the officers' list, detail and steps, the province's settings. */
import { answer, answerOf, api, publicApi, type JsonAnswer, type JsonBody } from './http';

export type ComplaintChannel = JsonAnswer<'/public/complaint-channels', 'get'>['items'][number];
export type PublicComplaintInput = JsonBody<'/public/complaints', 'post'>;
export type PublicComplaintRegistered = JsonAnswer<'/public/complaints', 'post', 201>;
export type PublicComplaintStatus = JsonAnswer<'/public/complaints/status', 'post'>;
export type ComplaintCaseList = JsonAnswer<'/cities/{cityCode}/complaint-cases', 'get'>;
export type ComplaintCaseSummary = ComplaintCaseList['items'][number];
export type ComplaintCaseDetail = JsonAnswer<'/cities/{cityCode}/complaint-cases/{complaintNo}', 'get'>;
export type ComplaintStepInput = JsonBody<'/cities/{cityCode}/complaint-cases/{complaintNo}/steps', 'post'>;
export type ComplaintRegistration = JsonBody<'/cities/{cityCode}/complaint-cases', 'post'>;
export type ComplaintSettings = JsonAnswer<'/complaint-settings', 'get'>;
export type ComplaintPeriodsInput = JsonBody<'/complaint-settings/periods', 'put'>;

export const CHALLENGE_URL = '/public/complaints/challenge';

export async function publicChannels(): Promise<ComplaintChannel[]> {
  return (await answer(publicApi.GET('/public/complaint-channels'))).items;
}

export function submitPublicComplaint(body: PublicComplaintInput): Promise<PublicComplaintRegistered> {
  return answer(publicApi.POST('/public/complaints', { body }));
}

export function publicComplaintStatus(body: { complaintNo: string; queryCode: string }): Promise<PublicComplaintStatus> {
  return answer(publicApi.POST('/public/complaints/status', { body }));
}

export function listComplaintCases(
  cityCode: string,
  query: { status?: ComplaintCaseSummary['status']; due?: 'overdue' | 'due_soon'; page?: number },
): Promise<ComplaintCaseList> {
  return answer(api.GET('/cities/{cityCode}/complaint-cases', { params: { path: { cityCode }, query: { pageSize: 50, ...query } } }));
}

export function complaintCase(cityCode: string, complaintNo: string): Promise<ComplaintCaseDetail> {
  return answer(api.GET('/cities/{cityCode}/complaint-cases/{complaintNo}', { params: { path: { cityCode, complaintNo } } }));
}

export function registerComplaintCase(cityCode: string, body: ComplaintRegistration, idempotencyKey: string) {
  return answer(api.POST('/cities/{cityCode}/complaint-cases', { params: { path: { cityCode } }, headers: { 'idempotency-key': idempotencyKey }, body }));
}

export function takeComplaintStep(cityCode: string, complaintNo: string, body: ComplaintStepInput, idempotencyKey: string) {
  return answer(
    api.POST('/cities/{cityCode}/complaint-cases/{complaintNo}/steps', {
      params: { path: { cityCode, complaintNo } },
      headers: { 'idempotency-key': idempotencyKey },
      body,
    }),
  );
}

export async function workUnitInquiry(cityCode: string, inquiryId: number, body: { owner?: string; findings?: string; result?: string }): Promise<void> {
  // 204: no answer body to read.
  const r = await api.PUT('/cities/{cityCode}/unit-inquiries/{inquiryId}', { params: { path: { cityCode, inquiryId } }, body });
  if (!r.response.ok) answerOf(r);
}

export function complaintSettings(): Promise<ComplaintSettings> {
  return answer(api.GET('/complaint-settings'));
}

export function setComplaintChannels(cityCode: string, body: { hotline?: string; mailbox?: string }) {
  return answer(api.PUT('/complaint-settings/channels/{cityCode}', { params: { path: { cityCode } }, body }));
}

export function setComplaintPeriods(body: ComplaintPeriodsInput) {
  return answer(api.PUT('/complaint-settings/periods', { body }));
}
