/** Issue 21: 人社's labour-relationship findings on a case (劳动关系, 报考单位). */
import { answer, api, type JsonAnswer, type JsonBody } from './http';

type Path = '/cases/{caseId}/labour-findings';
export type LabourFinding = JsonAnswer<Path, 'get'>['items'][number];
export type LabourFindingBody = JsonBody<Path, 'post'>;

export async function listLabourFindings(caseId: string): Promise<LabourFinding[]> {
  return (await answer(api.GET('/cases/{caseId}/labour-findings', { params: { path: { caseId } } }))).items;
}

export function recordLabourFinding(caseId: string, body: LabourFindingBody, idempotencyKey: string): Promise<LabourFinding> {
  return answer(api.POST('/cases/{caseId}/labour-findings', { params: { path: { caseId } }, headers: { 'idempotency-key': idempotencyKey }, body }));
}
