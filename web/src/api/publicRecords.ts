/** The public search of published records: no log-in (publicApi), a name or a certificate number in the body. */
import { answer, publicApi, type JsonAnswer } from './http';

export type PublicRecordsAnswer = JsonAnswer<'/public/records/search', 'post'>;
export type PublicRecord = PublicRecordsAnswer['records'][number];

export function searchPublicRecords(criteria: { name?: string; certNumber?: string }): Promise<PublicRecordsAnswer> {
  return answer(publicApi.POST('/public/records/search', { body: criteria }));
}
