/**
 * Fresh data during the campaign (issue 21 item 4): imports that arrived after launch form a new
 * snapshot of the campaign (the latest one's batches, with the named sources replaced by the new
 * batches, or the new batches added), and every city still running screens it against its list
 * (the city's `rescreenCity` update). A city whose workflow has ended is left to the monthly
 * re-screening, which reads the same latest snapshot.
 */
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import type { Pool } from 'pg';
import { z } from 'zod';
import { CampaignConfig } from '../domain/campaignConfig';
import { CampaignNotFoundError } from '../domain/errors';
import { SourceName } from '../domain/sourceName';
import { createSnapshot } from '../dataImport/snapshot';
import { latestCampaignSnapshot } from '../readModel/rescreens';
import { cityWorkflowId } from '../workflows/messages/city';
import { rescreenCityUpdate, type RescreenAnswer } from '../workflows/messages/rescreen';

export const NewCampaignSnapshot = z.object({
  campaignId: z.string().min(1),
  batchIds: z.array(z.number().int().positive()).min(1).max(100),
  /** Sources whose earlier batches the new ones replace (a file sent again whole); others are added to. */
  replaceSources: z.array(SourceName).default([]),
  addedBy: z.string().min(1).max(100),
});
export type NewCampaignSnapshotInput = z.input<typeof NewCampaignSnapshot>;

export interface CityRescreenOutcome {
  cityCode: string;
  outcome: 'rescreened' | 'closed' | 'refused';
  result?: RescreenAnswer;
  /** Why a city refused (Chinese, from the workflow). */
  message?: string;
}

export async function addCampaignSnapshot(
  client: Client,
  pool: Pool,
  raw: NewCampaignSnapshotInput,
): Promise<{ snapshotId: number; cities: CityRescreenOutcome[] }> {
  const input = NewCampaignSnapshot.parse(raw);
  const c = await pool.query('SELECT config FROM campaign WHERE id = $1', [input.campaignId]);
  if (!c.rows[0]) throw new CampaignNotFoundError(input.campaignId);
  const config = CampaignConfig.parse(c.rows[0].config);
  const latest = await latestCampaignSnapshot(pool, input.campaignId);
  const kept = latest
    ? (
        await pool.query<{ id: string }>(
          `SELECT b.id FROM data_snapshot_batch s JOIN import_batch b ON b.id = s.batch_id
           WHERE s.snapshot_id = $1 AND NOT (b.source = ANY ($2::text[]))`,
          [latest, input.replaceSources],
        )
      ).rows.map((r) => Number(r.id))
    : [];
  const snapshotId = await createSnapshot(pool, `campaign ${input.campaignId} fresh data`, [...kept, ...input.batchIds]);
  await pool.query('INSERT INTO campaign_snapshot (campaign_id, snapshot_id, added_by) VALUES ($1, $2, $3)', [input.campaignId, snapshotId, input.addedBy]);
  const cities: CityRescreenOutcome[] = [];
  for (const cityCode of config.cities) {
    try {
      const result = await client.workflow
        .getHandle(cityWorkflowId(input.campaignId, cityCode))
        .executeUpdate(rescreenCityUpdate, { args: [{ snapshotId }], updateId: `rescreen/${snapshotId}` });
      cities.push({ cityCode, outcome: 'rescreened', result });
    } catch (err) {
      if (err instanceof WorkflowNotFoundError || (err as Error).name === 'WorkflowNotFoundError') cities.push({ cityCode, outcome: 'closed' });
      else if (err instanceof WorkflowUpdateFailedError) cities.push({ cityCode, outcome: 'refused', message: err.cause?.message ?? err.message });
      else throw err;
    }
  }
  return { snapshotId, cities };
}
