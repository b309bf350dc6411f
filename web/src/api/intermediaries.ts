/** Intermediaries (中介服务机构): a city's registry, links to cases, rectification orders, escalation. */
import { answer, api, type JsonAnswer, type JsonBody } from './http';

const LIST = '/campaigns/{campaignId}/cities/{cityCode}/intermediaries' as const;
const ITEM = '/campaigns/{campaignId}/cities/{cityCode}/intermediaries/{intermediaryId}' as const;
export type IntermediaryList = JsonAnswer<typeof LIST, 'get'>;
export type IntermediarySummary = IntermediaryList['items'][number];
export type IntermediaryDetail = JsonAnswer<typeof ITEM, 'get'>;
export type IntermediaryOrder = IntermediaryDetail['orders'][number];
export type IntermediaryInput = JsonBody<typeof LIST, 'post'>;
export type OrderInput = JsonBody<'/campaigns/{campaignId}/cities/{cityCode}/intermediaries/{intermediaryId}/orders', 'post'>;
export type ResultInput = JsonBody<'/campaigns/{campaignId}/cities/{cityCode}/intermediaries/{intermediaryId}/orders/{orderId}/result', 'post'>;
export type EscalationInput = JsonBody<'/campaigns/{campaignId}/cities/{cityCode}/intermediaries/{intermediaryId}/orders/{orderId}/escalation', 'post'>;
export type CaseIntermediaries = JsonAnswer<'/cases/{caseId}/intermediaries', 'get'>;
export type IntermediaryBases = JsonAnswer<'/intermediary-bases', 'get'>;

export interface CityKey {
  campaignId: string;
  cityCode: string;
}
type ItemKey = CityKey & { intermediaryId: number };
type OrderKey = ItemKey & { orderId: number };

export function listIntermediaries(k: CityKey): Promise<IntermediaryList> {
  return answer(api.GET(LIST, { params: { path: k } }));
}
export function getIntermediary(k: ItemKey): Promise<IntermediaryDetail> {
  return answer(api.GET(ITEM, { params: { path: k } }));
}
export function createIntermediary(k: CityKey, body: IntermediaryInput) {
  return answer(api.POST(LIST, { params: { path: k }, body }));
}
export function scanEvidence(k: CityKey) {
  return answer(api.POST('/campaigns/{campaignId}/cities/{cityCode}/intermediaries/evidence-scan', { params: { path: k } }));
}
export function nameOnCase(k: ItemKey, caseId: string, reason: string) {
  return answer(api.POST('/campaigns/{campaignId}/cities/{cityCode}/intermediaries/{intermediaryId}/cases', { params: { path: k }, body: { caseId, reason } }));
}
export function issueOrder(k: ItemKey, body: OrderInput, idempotencyKey: string) {
  return answer(
    api.POST('/campaigns/{campaignId}/cities/{cityCode}/intermediaries/{intermediaryId}/orders', {
      params: { path: k, header: { 'idempotency-key': idempotencyKey } },
      body,
    }),
  );
}
export function addFinding(k: OrderKey, foundOn: string, finding: string) {
  return answer(
    api.POST('/campaigns/{campaignId}/cities/{cityCode}/intermediaries/{intermediaryId}/orders/{orderId}/findings', {
      params: { path: k },
      body: { foundOn, finding },
    }),
  );
}
export function recordResult(k: OrderKey, body: ResultInput) {
  return answer(api.POST('/campaigns/{campaignId}/cities/{cityCode}/intermediaries/{intermediaryId}/orders/{orderId}/result', { params: { path: k }, body }));
}
export function escalateOrder(k: OrderKey, body: EscalationInput) {
  return answer(
    api.POST('/campaigns/{campaignId}/cities/{cityCode}/intermediaries/{intermediaryId}/orders/{orderId}/escalation', { params: { path: k }, body }),
  );
}
export function getCaseIntermediaries(caseId: string): Promise<CaseIntermediaries> {
  return answer(api.GET('/cases/{caseId}/intermediaries', { params: { path: { caseId } } }));
}
export function getIntermediaryBases(): Promise<IntermediaryBases> {
  return answer(api.GET('/intermediary-bases', {}));
}
