/** The campaign facts a report needs: its cities, calendar and clock (from the campaign row). */
import { failure } from '../domainFailure';
import type { ClientBase, Pool } from 'pg';
import { z } from 'zod';
import { CityCode } from '../../domain/cityCode';
import { CampaignCalendar } from '../../domain/calendar';
import { calendarDateAt, CampaignClock } from '../../domain/campaignConfig';

export type Db = Pool | ClientBase;

export interface CampaignInfo {
  id: string;
  name: string;
  cities: string[];
  calendar: CampaignCalendar;
  clock: CampaignClock;
}

const StoredConfig = z.object({
  cities: z.array(CityCode).min(1),
  clock: CampaignClock.default({ kind: 'calendar' }),
});

export async function loadCampaign(db: Db, campaignId: string): Promise<CampaignInfo> {
  const { rows } = await db.query<{ id: string; name: string; config: unknown; calendar: unknown }>(
    'SELECT id, name, config, calendar FROM campaign WHERE id = $1',
    [campaignId],
  );
  if (!rows[0]) throw failure('CampaignNotFound', `campaign ${campaignId} does not exist`);
  const config = StoredConfig.parse(rows[0].config);
  return { id: rows[0].id, name: rows[0].name, cities: config.cities, calendar: CampaignCalendar.parse(rows[0].calendar), clock: config.clock };
}

/** The campaign calendar's date at a wall instant (a compressed demo clock differs from the wall date). */
export function campaignDate(c: CampaignInfo, at: Date | string): string {
  return calendarDateAt(c, typeof at === 'string' ? Date.parse(at) : at.getTime());
}

/** 2025-01-31 → 2025年1月31日, as forms print dates. */
export function chineseDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}
