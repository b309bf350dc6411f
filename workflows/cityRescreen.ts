/**
 * The city's self-check list and its re-screenings (issue 21 items 3 and 4), beside workflows/city.ts
 * so the city's own file changes by a few calls:
 *
 * Each step is asked for by workflows/city.ts behind its patch (checked there, so older runs see no
 * extra await). - `screenForSelfCheck`: the screening runs at launch (patch `self-check-screening`), so each city
 *   has, in phase 1, the list of its flagged persons and units (readModel/selfCheckList.ts) and a
 *   notice per unit. Runs recorded before screened only at the investigation start.
 * - `rescreenBeforeCases`: at the investigation start the city screens the campaign's latest
 *   snapshot against its list (patch `rescreen-cases`), so cases open only for those still
 *   inconsistent on fresh data; `attachSelfCheck` then puts the self-check record on each case.
 * - `registerRescreenHandler`: the update `rescreenCity`, sent when new imports formed a new
 *   snapshot. In phase 1 it refreshes the list; in a running investigation the newly flagged get
 *   cases through the same path as the investigation start (openCasesFromScreening, then shards of
 *   the new case ids). Open cases receive the change as evidence; none is closed.
 */
import { currentUpdateInfo, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { deadlineAt, screeningSettingsOf } from '../domain/campaignConfig';
import { refuse } from './refuse';
import { startCaseShard } from './messages/cityCases';
import type { CityCarry, CityWorkflowInput } from './messages/city';
import type { z } from 'zod';
import { rescreenCityUpdate, type RescreenAnswer } from './messages/rescreen';

export const SELF_CHECK_SCREENING = 'self-check-screening';
export const RESCREEN_CASES = 'rescreen-cases';

const bulk = proxyActivities<Activities>({
  startToCloseTimeout: '30 minutes',
  heartbeatTimeout: '2 minutes',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});
const acts = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

type City = Pick<z.infer<typeof CityWorkflowInput>, 'campaignId' | 'cityCode' | 'snapshotId' | 'config'>;

/** Phase 1's list: the city's screening at launch (recorded once; the investigation start reuses it). */
export async function screenForSelfCheck(city: City, s: CityCarry): Promise<void> {
  const run = await bulk.screenCity({
    campaignId: city.campaignId,
    cityCode: city.cityCode,
    snapshotId: city.snapshotId,
    settings: screeningSettingsOf(city.config),
    at: new Date().toISOString(),
  });
  s.screening = { runId: run.screeningRunId, personsScreened: run.personsScreened, personsFlagged: run.personsFlagged };
}

/** At the investigation start: the list screened again on the latest snapshot (no-op without a list). */
export async function rescreenBeforeCases(city: City): Promise<void> {
  await bulk.rescreenCity({
    campaignId: city.campaignId,
    cityCode: city.cityCode,
    trigger: 'investigation_start',
    requestKey: `${workflowInfo().workflowId}/rescreen/investigation-start`,
    settings: screeningSettingsOf(city.config),
    at: new Date().toISOString(),
  });
}

/** The self-check phase's record on each case the run opened (evidence kind `self_check_phase`). */
export async function attachSelfCheck(city: City, screeningRunId: number): Promise<void> {
  await bulk.attachSelfCheckRecords({ campaignId: city.campaignId, cityCode: city.cityCode, screeningRunId });
}

export function registerRescreenHandler(city: City, s: CityCarry): void {
  let running = false;
  setHandler(
    rescreenCityUpdate,
    async ({ snapshotId }): Promise<RescreenAnswer> => {
      running = true;
      try {
        const at = new Date().toISOString();
        const r = await bulk.rescreenCity({
          campaignId: city.campaignId,
          cityCode: city.cityCode,
          trigger: 'new_snapshot',
          requestKey: `${workflowInfo().workflowId}/rescreen/${currentUpdateInfo()?.id ?? snapshotId}`,
          settings: screeningSettingsOf(city.config),
          at,
        });
        if (r.runId !== null && s.screening) s.screening = { ...s.screening, runId: r.runId, personsFlagged: r.personsFlagged };
        let casesOpened = 0;
        if (s.stage === 'investigation' && r.runId !== null && r.newlyFlagged > 0) {
          const before = s.counts.casesOpened;
          const opened = await bulk.openCasesFromScreening({
            campaignId: city.campaignId,
            cityCode: city.cityCode,
            screeningRunId: r.runId,
            dueAt: new Date(deadlineAt(city.config, s.deadlines.investigation.date)).toISOString(),
            openedAt: at,
            shardSize: city.config.rules.shardSize,
          });
          s.counts.casesOpened = opened.total;
          casesOpened = opened.total - before;
          await bulk.attachSelfCheckRecords({ campaignId: city.campaignId, cityCode: city.cityCode, screeningRunId: r.runId });
          // The new cases' ids follow every earlier one: a page past the cursor is a new shard.
          for (;;) {
            const ids = await acts.listCaseIds({
              campaignId: city.campaignId,
              cityCode: city.cityCode,
              afterCaseId: s.afterCaseId,
              limit: city.config.rules.shardSize,
            });
            if (ids.length === 0) break;
            await startCaseShard(city, s, s.counts.shardsStarted, ids);
            s.afterCaseId = ids[ids.length - 1];
            s.counts.shardsStarted++;
          }
        }
        return {
          rescreenId: r.rescreenId,
          mode: r.mode,
          newlyFlagged: r.newlyFlagged,
          noLongerFlagged: r.noLongerFlagged,
          reasonsChanged: r.reasonsChanged,
          casesOpened,
        };
      } finally {
        running = false;
      }
    },
    {
      validator: ({ snapshotId }) => {
        if (!Number.isInteger(snapshotId) || snapshotId <= 0) refuse('数据快照编号无效 (snapshotId)');
        if (running) refuse('另一次复筛正在进行 (another re-screening is running)');
        if (s.closeRequested || s.stage === 'completed') refuse('本市（州）的专项治理已结束 (the city is closed)');
        if (s.stage === 'screening' || s.stage === 'openingCases') refuse('正在筛查立案，请稍后再复筛 (cases are being opened)');
      },
    },
  );
}
