/** Assignment of cases to named officers (承办人): the city's officers, one case, many by a rule. */
import { answer, api, type JsonAnswer, type JsonBody } from './http';

type OfficersPath = '/campaigns/{campaignId}/cities/{cityCode}/officers';
type PlanPath = '/campaigns/{campaignId}/cities/{cityCode}/assignments/preview';
export type CityOfficers = JsonAnswer<OfficersPath, 'get'>;
export type CityOfficer = CityOfficers['officers'][number];
export type CaseAssigned = JsonAnswer<'/cases/{caseId}/assignment', 'post'>;
export type AssignmentRequest = JsonBody<PlanPath, 'post'>;
export type AssignmentPlan = JsonAnswer<PlanPath, 'post'>;
export type AssignmentApplied = JsonAnswer<'/campaigns/{campaignId}/cities/{cityCode}/assignments', 'post'>;

export function getOfficers(campaignId: string, cityCode: string): Promise<CityOfficers> {
  return answer(api.GET('/campaigns/{campaignId}/cities/{cityCode}/officers', { params: { path: { campaignId, cityCode } } }));
}

/** Assigns (or reassigns, with a reason) one case. */
export function assignCase(caseId: string, assignee: string, reason: string | undefined, idempotencyKey: string): Promise<CaseAssigned> {
  return answer(
    api.POST('/cases/{caseId}/assignment', {
      params: { path: { caseId }, header: { 'idempotency-key': idempotencyKey } },
      body: { assignee, ...(reason ? { reason } : {}) },
    }),
  );
}

export function previewAssignment(campaignId: string, cityCode: string, body: AssignmentRequest): Promise<AssignmentPlan> {
  return answer(api.POST('/campaigns/{campaignId}/cities/{cityCode}/assignments/preview', { params: { path: { campaignId, cityCode } }, body }));
}

export function applyAssignment(campaignId: string, cityCode: string, body: AssignmentRequest, idempotencyKey: string): Promise<AssignmentApplied> {
  return answer(
    api.POST('/campaigns/{campaignId}/cities/{cityCode}/assignments', {
      params: { path: { campaignId, cityCode }, header: { 'idempotency-key': idempotencyKey } },
      body,
    }),
  );
}
