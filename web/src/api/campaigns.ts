/** Campaign resources as the console reads them (GET/POST /campaigns, one campaign, one city). */
import { answer, api, type JsonAnswer, type JsonBody } from './http';

export type CampaignSummary = JsonAnswer<'/campaigns', 'get'>['items'][number];
export type CampaignDetail = JsonAnswer<'/campaigns/{campaignId}', 'get'>;
export type CityProgress = CampaignDetail['cityProgress'][number];
export type Deadline = CampaignDetail['deadlines'][number];
type CityDetail = JsonAnswer<'/campaigns/{campaignId}/cities/{cityCode}', 'get'>;
export type LaunchRequest = JsonBody<'/campaigns', 'post'>;
export type Launched = JsonAnswer<'/campaigns', 'post', 201>;
export type LaunchCheck = JsonAnswer<'/campaigns/validation', 'post'>;
export type LateCities = JsonAnswer<'/campaigns/{campaignId}/late-cities', 'get'>;
export type ProgressNotice = JsonAnswer<'/campaigns/{campaignId}/progress-notice', 'get'>;

export async function listCampaigns(): Promise<CampaignSummary[]> {
  return (await answer(api.GET('/campaigns'))).items;
}

export function getCampaign(campaignId: string): Promise<CampaignDetail> {
  return answer(api.GET('/campaigns/{campaignId}', { params: { path: { campaignId } } }));
}

export function getCity(campaignId: string, cityCode: string): Promise<CityDetail> {
  return answer(api.GET('/campaigns/{campaignId}/cities/{cityCode}', { params: { path: { campaignId, cityCode } } }));
}

export function launchCampaign(config: LaunchRequest, idempotencyKey: string): Promise<Launched> {
  return answer(api.POST('/campaigns', { body: config, headers: { 'idempotency-key': idempotencyKey } }));
}

/** The launch's checks without launching: its refusals (field errors), or the warnings to confirm. */
export function validateLaunch(config: LaunchRequest): Promise<LaunchCheck> {
  return answer(api.POST('/campaigns/validation', { body: config }));
}

/** Late cities, and the campaign's today on its own clock (`asOfDate`) the days are counted to. */
export function getLateCities(campaignId: string): Promise<LateCities> {
  return answer(api.GET('/campaigns/{campaignId}/late-cities', { params: { path: { campaignId } } }));
}

/** The progress notice (通报): produced or not, its figures per city, its .docx. */
export function getProgressNotice(campaignId: string): Promise<ProgressNotice> {
  return answer(api.GET('/campaigns/{campaignId}/progress-notice', { params: { path: { campaignId } } }));
}
