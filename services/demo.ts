/**
 * The demo campaign `npm start` launches on a fresh clone: generated data for all nine cities and a
 * compressed calendar (a campaign day passes in a quarter of a minute: self-check ≈ 15 min,
 * investigation ≈ 23 min, provincial verification ≈ 7 min), so a newcomer watches phases pass,
 * cases open, alerts fire and reports appear in the Temporal UI and through the API.
 * The caller checks GZ_DEMO; this function only refuses to launch a second demo.
 */
import path from 'node:path';
import type { Client } from '@temporalio/client';
import type { Pool } from 'pg';
import { generateDataset } from '../datagen/generate';
import type { CampaignConfigInput } from '../domain/campaignConfig';
import type { AppConfig } from '../platform/config';
import { campaignWorkflowId } from '../workflows/messages/campaign';
import { CampaignExistsError, launchCampaign, type LaunchResult } from './launchCampaign';

export const DEMO_CAMPAIGN_ID = 'demo';
const MINUTES_PER_DAY = 0.25;
const PERSONS = 400;
const SEED = 20240901;

export interface DemoOptions {
  client: Client;
  pool: Pool;
  config: AppConfig;
  log: (line: string) => void;
  /** Default 0.25 (15 s per campaign day). */
  minutesPerDay?: number;
  /** Default 'demo' (tests use their own id on a shared server). */
  campaignId?: string;
  /** How long after the launch the first campaign day starts; default about a minute. */
  startDelayMs?: number;
  persons?: number;
}

async function demoExists(client: Client, pool: Pool, id: string): Promise<boolean> {
  const { rowCount } = await pool.query('SELECT 1 FROM campaign WHERE id = $1', [id]);
  if (rowCount) return true;
  try {
    await client.workflow.getHandle(campaignWorkflowId(id)).describe();
    return true;
  } catch {
    return false;
  }
}

/** Launches the demo unless one exists; returns what it launched, or null. */
export async function ensureDemoCampaign(opts: DemoOptions): Promise<LaunchResult | null> {
  const { client, pool, config, log } = opts;
  const id = opts.campaignId ?? DEMO_CAMPAIGN_ID;
  if (await demoExists(client, pool, id)) {
    log(`demo: campaign "${id}" exists; not launching another`);
    return null;
  }
  const outDir = path.join(config.dataDir, id);
  const persons = opts.persons ?? PERSONS;
  log(`demo: generating ${persons} persons across nine cities into ${outDir}`);
  const { files } = await generateDataset({ persons, seed: SEED, outDir });
  // Starts about a minute from now (on a whole minute), so the launch and the first phase are both visible.
  const delay = opts.startDelayMs ?? 60_000;
  const start = new Date(delay >= 60_000 ? Math.ceil((Date.now() + delay) / 60_000) * 60_000 : Date.now() + delay).toISOString();
  const demo: CampaignConfigInput = {
    id,
    name: '演示：吉林省工程建设领域专业技术人员违规“挂证”行为专项治理（压缩日历）',
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
    clock: { kind: 'compressed', start, minutesPerDay: opts.minutesPerDay ?? MINUTES_PER_DAY },
  };
  try {
    const r = await launchCampaign({ client, pool, taskQueue: config.TASK_QUEUE, log: (l) => log(`demo: ${l}`) }, demo, { launchedBy: 'demo' });
    log(`demo: campaign "${id}" runs on a compressed calendar (${opts.minutesPerDay ?? MINUTES_PER_DAY} min per day) from ${start}`);
    return r;
  } catch (err) {
    if (err instanceof CampaignExistsError) return null; // a concurrent start launched it
    throw err;
  }
}
