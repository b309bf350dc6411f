/** The campaign's recorded scenario: one city left unattended over the seed calendar (scripts/recordHistories.ts). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type WorkflowHandle } from '@temporalio/client';
import type { Pool } from 'pg';
import { generateDataset } from '../../datagen/generate';
import { launchCampaign } from '../../services/launchCampaign';
import { campaignWorkflowId } from '../../workflows/messages/campaign';
import { cityWorkflowId } from '../../workflows/messages/city';
import { DAY } from '../../test/support/caseWorkflowEnv';
import { snapshotOfGeneratedFiles } from '../../test/support/generatedSnapshot';
import { type ScenarioContext } from './scenario';

/** An unattended campaign of one city over the seed calendar: deadlines missed, screening, cases opened. */
export async function unattendedCampaign(ctx: ScenarioContext, id: string, during?: (city: WorkflowHandle) => Promise<void>): Promise<WorkflowHandle[]> {
  const snapshotId = await importGeneratedData(ctx.pool, 200);
  // Whole Shanghai days after the server's present, at real speed (the test server skips them).
  const now = await ctx.env.currentTimeMs();
  const start = Math.ceil((now + 8 * 3600_000) / DAY) * DAY - 8 * 3600_000 + DAY;
  // Weekly overdue repeats keep the unattended city's history (and this file) small.
  const raw = {
    id,
    name: '历史记录用例',
    cities: ['2201'],
    dataSources: { snapshotId },
    rules: { overdueRepeatHours: 168 },
    clock: { kind: 'compressed' as const, start: new Date(start).toISOString(), minutesPerDay: 1440 },
  };
  await launchCampaign({ client: ctx.env.client, pool: ctx.pool, taskQueue: ctx.taskQueue }, raw, { launchedBy: 'history' });
  const campaign = ctx.env.client.workflow.getHandle(campaignWorkflowId(id));
  const city = ctx.env.client.workflow.getHandle(cityWorkflowId(id, '2201'));
  await during?.(city);
  await campaign.result();
  return [campaign, city];
}

/** A generated data set (datagen) imported as one snapshot. */
async function importGeneratedData(pool: Pool, persons: number): Promise<number> {
  const dir = mkdtempSync(path.join(tmpdir(), 'gz-history-'));
  try {
    const { files } = await generateDataset({ persons, seed: 20240901, outDir: dir });
    return await snapshotOfGeneratedFiles(pool, files, { importedBy: 'history', snapshot: 'history' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
