/**
 * A campaign under investigation made the short way, for the end-to-end files that need a few named
 * persons' cases rather than a whole screening: the persons seeded as one screened city
 * (caseFixtures.ts), their cases opened from that run, the campaign's start recorded, and then, when the
 * file is ready, each case's workflow started as the city starts it (the campaign's rules).
 */
import type { Client } from '@temporalio/client';
import type { Pool } from 'pg';
import { recordCampaignStart } from '../../activities/campaigns/recordCampaignStart';
import { openCasesFromScreening } from '../../activities/cases/openCasesFromScreening';
import type { CampaignCalendar } from '../../domain/calendar';
import { CampaignConfig } from '../../domain/campaignConfig';
import { caseWorkflowId } from '../../workflows/messages/case';
import { caseSettingsOf } from '../../workflows/messages/caseSettings';
import { seedScreenedCity, type FixturePerson } from './caseFixtures';

export interface ScreenedCampaign {
  config: CampaignConfig;
  /** Each named person's case id. */
  caseIds: Record<string, string>;
}

/** Seeds the persons in 长春市 (2201), opens their cases and records the campaign's start. */
export async function openScreenedCampaign(
  pool: Pool,
  c: { campaignId: string; name: string; cities: string[]; calendar: CampaignCalendar; persons: Record<string, FixturePerson> },
): Promise<ScreenedCampaign> {
  const { snapshotId, runId } = await seedScreenedCity(pool, '2201', Object.values(c.persons));
  await openCasesFromScreening(pool, {
    campaignId: c.campaignId,
    cityCode: '2201',
    screeningRunId: runId,
    dueAt: new Date(Date.now() + 60 * 86_400_000).toISOString(),
  });
  const config = CampaignConfig.parse({ id: c.campaignId, name: c.name, cities: c.cities, dataSources: { snapshotId }, calendar: c.calendar });
  await recordCampaignStart(pool, { config, snapshotId, launchedBy: 'seed', workflowId: `campaign/${c.campaignId}`, at: new Date().toISOString() });
  const caseIds: Record<string, string> = {};
  for (const [name, person] of Object.entries(c.persons)) {
    const { rows } = await pool.query<{ case_id: string }>('SELECT case_id FROM case_file WHERE id_number = $1 AND campaign_id = $2', [
      person.idNumber,
      c.campaignId,
    ]);
    caseIds[name] = rows[0].case_id;
  }
  return { config, caseIds };
}

/** Starts each case's workflow in 2201 as the city does; returns the workflow ids (for the file's clean-up). */
export async function startCaseWorkflows(client: Client, taskQueue: string, campaign: ScreenedCampaign): Promise<string[]> {
  const { config } = campaign;
  const started: string[] = [];
  for (const caseId of Object.values(campaign.caseIds)) {
    const workflowId = caseWorkflowId(config.id, '2201', caseId);
    await client.workflow.start('caseWorkflow', {
      taskQueue,
      workflowId,
      args: [{ campaignId: config.id, cityCode: '2201', caseId, settings: caseSettingsOf(config.rules), calendar: config.calendar }],
    });
    started.push(workflowId);
  }
  return started;
}
