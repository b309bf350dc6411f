/** Transfers (issue 20 item 6): a case's transfer both ways, the outside authorities, a referral's letter, service and answer. */
import { answer, answerOf, api, type JsonAnswer } from './http';
import { saveDownload } from './download';

export type CaseTransfers = JsonAnswer<'/cases/{caseId}/transfer', 'get'>;
export type CaseTransferLink = NonNullable<CaseTransfers['outgoing']>;
export type OutsideAuthority = JsonAnswer<'/outside-authorities', 'get'>['items'][number];
export type ReferralServiceMethod = NonNullable<NonNullable<CaseTransferLink['referral']>['service']>['method'];

export function getCaseTransfers(caseId: string): Promise<CaseTransfers> {
  return answer(api.GET('/cases/{caseId}/transfer', { params: { path: { caseId } } }));
}

export function getOutsideAuthorities(): Promise<OutsideAuthority[]> {
  return answer(api.GET('/outside-authorities')).then((r) => r.items);
}

export function generateReferralLetter(caseId: string, contact?: string): Promise<{ documentId: string; number: string }> {
  return answer(api.POST('/cases/{caseId}/referral/letter', { params: { path: { caseId } }, body: contact ? { contact } : {} }));
}

export async function downloadReferralLetter(caseId: string, fallbackName: string): Promise<void> {
  const outcome = await api.GET('/cases/{caseId}/referral/letter', { params: { path: { caseId } }, parseAs: 'blob' });
  saveDownload(answerOf(outcome), outcome.response, fallbackName);
}

export function recordReferralService(caseId: string, servedOn: string, method: ReferralServiceMethod): Promise<CaseTransfers> {
  return answer(api.POST('/cases/{caseId}/referral/service', { params: { path: { caseId } }, body: { servedOn, method } }));
}

export function recordReferralAnswer(caseId: string, answeredOn: string, text: string): Promise<CaseTransfers> {
  return answer(api.POST('/cases/{caseId}/referral/answer', { params: { path: { caseId } }, body: { answeredOn, answer: text } }));
}
