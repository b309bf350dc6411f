/** Campaign resources as the console reads them (GET/POST /campaigns, one campaign, one city). */
import { answer, api, type JsonAnswer, type JsonBody } from './http';

export type CampaignSummary = JsonAnswer<'/campaigns', 'get'>['items'][number];
export type CampaignDetail = JsonAnswer<'/campaigns/{campaignId}', 'get'>;
export type Calendar = CampaignDetail['calendar'];
type CityDetail = JsonAnswer<'/campaigns/{campaignId}/cities/{cityCode}', 'get'>;
/** What a city's progress shows of each submitted version (the submissions list carries more). */
export type Submission = CityDetail['submissions'][number];

export async function listCampaigns(): Promise<CampaignSummary[]> {
  return (await answer(api.GET('/campaigns'))).items;
}

export function getCampaign(campaignId: string): Promise<CampaignDetail> {
  return answer(api.GET('/campaigns/{campaignId}', { params: { path: { campaignId } } }));
}

export function getCity(campaignId: string, cityCode: string): Promise<CityDetail> {
  return answer(api.GET('/campaigns/{campaignId}/cities/{cityCode}', { params: { path: { campaignId, cityCode } } }));
}

export function launchCampaign(config: JsonBody<'/campaigns', 'post'>, idempotencyKey: string): Promise<JsonAnswer<'/campaigns', 'post', 201>> {
  return answer(api.POST('/campaigns', { body: config, headers: { 'idempotency-key': idempotencyKey } }));
}
