/** Late cities (逾期市（州）): city report deadlines passed unmet, with the days late on the campaign's clock and the city's state. */
import { answer, api, type JsonAnswer } from './http';

export type LateCities = JsonAnswer<'/campaigns/{campaignId}/late-cities', 'get'>;
export type LateCity = LateCities['items'][number];

export function getLateCities(campaignId: string): Promise<LateCities> {
  return answer(api.GET('/campaigns/{campaignId}/late-cities', { params: { path: { campaignId } } }));
}
