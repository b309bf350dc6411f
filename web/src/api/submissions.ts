/** The cities' submissions (汇总表) as the province reviews them: every version, approve or return. */
import { answer, api, type JsonAnswer, type JsonBody } from './http';

type ListPath = '/campaigns/{campaignId}/cities/{cityCode}/submissions';
type ReviewPath = '/campaigns/{campaignId}/cities/{cityCode}/submissions/{kind}/{version}/review';
export type CitySubmission = JsonAnswer<ListPath, 'get'>['items'][number];
export type SubmissionKind = CitySubmission['kind'];
type ReviewBody = JsonBody<ReviewPath, 'post'>;

export async function listSubmissions(campaignId: string, cityCode: string): Promise<CitySubmission[]> {
  return (await answer(api.GET(`/campaigns/{campaignId}/cities/{cityCode}/submissions`, { params: { path: { campaignId, cityCode } } }))).items;
}

export function reviewSubmission(
  campaignId: string,
  cityCode: string,
  kind: SubmissionKind,
  version: number,
  body: ReviewBody,
  idempotencyKey: string,
): Promise<JsonAnswer<ReviewPath, 'post'>> {
  return answer(
    api.POST('/campaigns/{campaignId}/cities/{cityCode}/submissions/{kind}/{version}/review', {
      params: { path: { campaignId, cityCode, kind, version } },
      headers: { 'idempotency-key': idempotencyKey },
      body,
    }),
  );
}
