/** Issue 21 items 3–4: a city's self-check list, a unit's notice (.docx), the re-screenings and a new snapshot for a running campaign. */
import { saveDownload } from './download';
import { answer, answerOf, api, type JsonAnswer, type JsonBody } from './http';

export type SelfCheckList = JsonAnswer<'/campaigns/{campaignId}/cities/{cityCode}/self-check-list', 'get'>;
export type Rescreen = JsonAnswer<'/campaigns/{campaignId}/cities/{cityCode}/rescreens', 'get'>['items'][number];
export type RescreenChange = JsonAnswer<'/campaigns/{campaignId}/cities/{cityCode}/rescreens/{rescreenId}/changes', 'get'>['items'][number];
export type SnapshotAdded = JsonAnswer<'/campaigns/{campaignId}/snapshots', 'post', 201>;
type AddSnapshot = JsonBody<'/campaigns/{campaignId}/snapshots', 'post'>;

export function getSelfCheckList(campaignId: string, cityCode: string): Promise<SelfCheckList> {
  return answer(api.GET('/campaigns/{campaignId}/cities/{cityCode}/self-check-list', { params: { path: { campaignId, cityCode }, query: { pageSize: 500 } } }));
}

/** The unit's 自查自纠告知书 under the name the API gives it (its document number). */
export async function downloadUnitNotice(campaignId: string, cityCode: string, unitKey: string): Promise<void> {
  const outcome = await api.GET('/campaigns/{campaignId}/cities/{cityCode}/self-check-list/units/{unitKey}/notice', {
    params: { path: { campaignId, cityCode, unitKey } },
    parseAs: 'blob',
  });
  saveDownload(answerOf(outcome), outcome.response, 'self-check-notice.docx');
}

export async function listRescreens(campaignId: string, cityCode: string): Promise<Rescreen[]> {
  return (await answer(api.GET('/campaigns/{campaignId}/cities/{cityCode}/rescreens', { params: { path: { campaignId, cityCode } } }))).items;
}

export async function rescreenChanges(campaignId: string, cityCode: string, rescreenId: number): Promise<RescreenChange[]> {
  return (
    await answer(
      api.GET('/campaigns/{campaignId}/cities/{cityCode}/rescreens/{rescreenId}/changes', {
        params: { path: { campaignId, cityCode, rescreenId }, query: { pageSize: 500 } },
      }),
    )
  ).items;
}

/** Province: the chosen batches form a new snapshot of the campaign and every running city re-screens it. */
export function addCampaignSnapshot(campaignId: string, body: AddSnapshot): Promise<SnapshotAdded> {
  return answer(api.POST('/campaigns/{campaignId}/snapshots', { params: { path: { campaignId } }, body }));
}
