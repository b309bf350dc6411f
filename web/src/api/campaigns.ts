/** Campaign resources as the console reads them (GET/POST /campaigns, one campaign, one city). */
import { deadlineInstant, shanghaiDate } from '../../../domain/calendar';
import { answer, api, type JsonAnswer, type JsonBody } from './http';

export type CampaignSummary = JsonAnswer<'/campaigns', 'get'>['items'][number];
export type CampaignDetail = JsonAnswer<'/campaigns/{campaignId}', 'get'>;
export type Calendar = CampaignDetail['calendar'];
export type CityProgress = CampaignDetail['cityProgress'][number];
export type Deadline = CampaignDetail['deadlines'][number];
type CityDetail = JsonAnswer<'/campaigns/{campaignId}/cities/{cityCode}', 'get'>;
/** What a city's progress shows of each submitted version (the submissions list carries more). */
export type Submission = CityDetail['submissions'][number];
export type LaunchRequest = JsonBody<'/campaigns', 'post'>;
export type Launched = JsonAnswer<'/campaigns', 'post', 201>;

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

/**
 * The campaign's own calendar date now. A campaign may run on a compressed (demo) clock, where a
 * calendar day passes in minutes: its deadlines carry both the calendar date and the wall instant
 * it falls due at, and two of them fix the clock's line, so "today" is the campaign's and not the
 * wall calendar's. On the real calendar the two agree.
 */
export function campaignToday(c: Pick<CampaignDetail, 'deadlines'>, nowMs: number = Date.now()): string {
  const points = new Map<number, number>();
  for (const d of c.deadlines) points.set(deadlineInstant(d.dueDate).getTime(), Date.parse(d.dueAt));
  const sorted = [...points.entries()].sort((a, b) => a[0] - b[0]);
  if (sorted.length >= 2) {
    const [cal1, wall1] = sorted[0];
    const [cal2, wall2] = sorted[sorted.length - 1];
    const scale = (wall2 - wall1) / (cal2 - cal1);
    if (scale > 0) return shanghaiDate(new Date(cal1 + (nowMs - wall1) / scale));
  }
  return shanghaiDate(new Date(nowMs));
}
