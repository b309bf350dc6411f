/** The cities' submissions (汇总表) as the province reviews them: every version, approve or return. */
import { answer, api, type JsonAnswer, type JsonBody } from './http';

type ListPath = '/campaigns/{campaignId}/cities/{cityCode}/submissions';
type ReviewPath = '/campaigns/{campaignId}/cities/{cityCode}/submissions/{kind}/{version}/review';
export type CitySubmission = JsonAnswer<ListPath, 'get'>['items'][number];
export type SubmissionKind = CitySubmission['kind'];
type ReviewBody = JsonBody<ReviewPath, 'post'>;
type SignPath = '/campaigns/{campaignId}/cities/{cityCode}/submissions/{kind}/{version}/signoff';

/** Issue 21: the city's 人社局 signs the version 住建 submitted (the second signature). */
export function signSubmission(
  campaignId: string,
  cityCode: string,
  kind: SubmissionKind,
  version: number,
  idempotencyKey: string,
): Promise<JsonAnswer<SignPath, 'post'>> {
  return answer(
    api.POST('/campaigns/{campaignId}/cities/{cityCode}/submissions/{kind}/{version}/signoff', {
      params: { path: { campaignId, cityCode, kind, version } },
      headers: { 'idempotency-key': idempotencyKey },
    }),
  );
}

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
