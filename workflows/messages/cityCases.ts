/**
 * How a city hands its cases to their workflows: pages of screening cases to case shards, a case
 * opened by a complaint straight to its own case workflow.
 *
 * Children are started with ParentClosePolicy ABANDON: they outlive a city run that continues as
 * new (and the campaign itself, for cases carried over), and the city never awaits them: case
 * progress is read from the read model, so the city's history holds no per-case events.
 * Ids are business keys, so a start repeated after continue-as-new finds the running child.
 */
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { ParentClosePolicy, startChild } from '@temporalio/workflow';
import { deadlineAt } from '../../domain/campaignConfig';
import { CampaignIdAttr, CityCodeAttr, PhaseAttr } from './campaign';
import { caseWorkflowId, type CaseWorkflowInput } from './case';
import { shardWorkflowId, type CityCarry, type CityWorkflowInput } from './city';
import type { z } from 'zod';

type City = Pick<z.infer<typeof CityWorkflowInput>, 'campaignId' | 'cityCode' | 'config'>;

function caseSettingsOf(city: City) {
  return { reminderAfterDays: city.config.rules.reminderAfterDays, escalateAfterDays: city.config.rules.escalateAfterDays };
}

function dueAtOf(city: City, s: CityCarry): string {
  return new Date(deadlineAt(city.config, s.deadlines.investigation.date)).toISOString();
}

async function startOnce(start: () => Promise<unknown>): Promise<void> {
  try {
    await start();
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
}

export async function startCaseShard(city: City, s: CityCarry, shardIndex: number, caseIds: string[]): Promise<void> {
  const { campaignId, cityCode, config } = city;
  await startOnce(() =>
    startChild('caseShardWorkflow', {
      workflowId: shardWorkflowId(campaignId, cityCode, shardIndex),
      args: [{
        campaignId, cityCode, shardIndex, caseIds, caseSettings: caseSettingsOf(city), calendar: config.calendar,
        clock: config.clock, dueAt: dueAtOf(city, s),
      }],
      parentClosePolicy: ParentClosePolicy.ABANDON,
      typedSearchAttributes: [
        { key: CampaignIdAttr, value: campaignId }, { key: CityCodeAttr, value: cityCode }, { key: PhaseAttr, value: 'investigation' },
      ],
    }),
  );
}

export async function startComplaintCase(city: City, s: CityCarry, caseId: string): Promise<void> {
  const { campaignId, cityCode, config } = city;
  const args: CaseWorkflowInput = {
    campaignId, cityCode, caseId, settings: caseSettingsOf(city), calendar: config.calendar, clock: config.clock, dueAt: dueAtOf(city, s),
  };
  await startOnce(() =>
    startChild('caseWorkflow', {
      workflowId: caseWorkflowId(campaignId, cityCode, caseId),
      args: [args],
      parentClosePolicy: ParentClosePolicy.ABANDON,
      typedSearchAttributes: [
        { key: CampaignIdAttr, value: campaignId }, { key: CityCodeAttr, value: cityCode }, { key: PhaseAttr, value: 'investigation' },
      ],
    }),
  );
}
