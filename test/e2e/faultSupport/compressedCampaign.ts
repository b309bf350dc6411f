/**
 * A small nine-city campaign from the generator on a compressed calendar, launched through the
 * real launch service (import, snapshot, `campaign/<id>`), for the real-time fault tests.
 */
import type { Client } from '@temporalio/client';
import type { Pool } from 'pg';
import { generateDataset } from '../../../datagen/generate';
import type { CampaignConfigInput } from '../../../domain/campaignConfig';
import { launchCampaign, type LaunchResult } from '../../../services/launchCampaign';

export interface CompressedCampaign {
  client: Client;
  pool: Pool;
  taskQueue: string;
  id: string;
  dataDir: string;
  persons: number;
  /** Wall minutes per campaign day (0.005 = 0.3 s: the seed calendar's 181 days in under a minute). */
  minutesPerDay: number;
  startDelayMs: number;
  notifications?: CampaignConfigInput['notifications'];
  cities?: string[];
}

export async function launchCompressedCampaign(c: CompressedCampaign): Promise<LaunchResult> {
  const { files } = await generateDataset({ persons: c.persons, seed: 20240901, outDir: c.dataDir });
  const raw: CampaignConfigInput = {
    id: c.id,
    name: '故障演练（压缩日历）',
    ...(c.cities ? { cities: c.cities } : {}),
    dataSources: {
      files: {
        registrations: [files.registrations],
        social_insurance: [files.socialInsurance],
        housing_fund: [files.housingFund],
        units: [files.units],
        public_sector_staff: [files.publicSector],
        exam_applications: [files.exams],
        labor_contracts: [files.labor],
      },
    },
    ...(c.notifications ? { notifications: c.notifications } : {}),
    clock: { kind: 'compressed', start: new Date(Date.now() + c.startDelayMs).toISOString(), minutesPerDay: c.minutesPerDay },
  };
  return launchCampaign({ client: c.client, pool: c.pool, taskQueue: c.taskQueue }, raw, { launchedBy: 'fault-test' });
}
