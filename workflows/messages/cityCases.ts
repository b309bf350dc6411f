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
import { getExternalWorkflowHandle, ParentClosePolicy, patched, startChild } from '@temporalio/workflow';
import { deadlineAt } from '../../domain/campaignConfig';
import { CampaignIdAttr, CityCodeAttr, PhaseAttr } from './campaign';
import { caseWorkflowId, extendCaseDueSignal, type CaseSettingsInput, type CaseWorkflowInput } from './case';
import { caseSettingsOf as settingsOfRules } from './caseSettings';
import { extendShardDueSignal, SHARD_TASK_TIMEOUT } from './caseShard';
import { shardWorkflowId, type CityCarry, type CityWorkflowInput } from './city';
import type { z } from 'zod';

type City = Pick<z.infer<typeof CityWorkflowInput>, 'campaignId' | 'cityCode' | 'config'>;

/**
 * Patch id: cases get the penalty kinds the campaign reserves to the province. Runs recorded before
 * passed the reminder and escalation days only, so their cities imposed every kind.
 */
export const PROVINCIAL_PENALTY_KINDS = 'provincial-penalty-kinds';

function caseSettingsOf(city: City): CaseSettingsInput {
  const { reminderAfterDays, escalateAfterDays } = city.config.rules;
  return patched(PROVINCIAL_PENALTY_KINDS) ? settingsOfRules(city.config.rules) : { reminderAfterDays, escalateAfterDays };
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
      args: [
        {
          campaignId,
          cityCode,
          shardIndex,
          caseIds,
          caseSettings: caseSettingsOf(city),
          calendar: config.calendar,
          clock: config.clock,
          dueAt: dueAtOf(city, s),
        },
      ],
      parentClosePolicy: ParentClosePolicy.ABANDON,
      workflowTaskTimeout: SHARD_TASK_TIMEOUT,
      typedSearchAttributes: [
        { key: CampaignIdAttr, value: campaignId },
        { key: CityCodeAttr, value: cityCode },
        { key: PhaseAttr, value: 'investigation' },
      ],
    }),
  );
}

export async function startComplaintCase(city: City, s: CityCarry, caseId: string): Promise<void> {
  const { campaignId, cityCode, config } = city;
  const args: CaseWorkflowInput = {
    campaignId,
    cityCode,
    caseId,
    settings: caseSettingsOf(city),
    calendar: config.calendar,
    clock: config.clock,
    dueAt: dueAtOf(city, s),
  };
  await startOnce(() =>
    startChild('caseWorkflow', {
      workflowId: caseWorkflowId(campaignId, cityCode, caseId),
      args: [args],
      parentClosePolicy: ParentClosePolicy.ABANDON,
      typedSearchAttributes: [
        { key: CampaignIdAttr, value: campaignId },
        { key: CityCodeAttr, value: cityCode },
        { key: PhaseAttr, value: 'investigation' },
      ],
    }),
  );
}

/**
 * The investigation deadline moved: each shard forwards it to its open cases; complaint cases
 * (outside shards) are told directly. Signals, not updates: workflows cannot send updates, and
 * a case that closed meanwhile needs no new date.
 */
export async function forwardCaseDue(city: City, s: CityCarry, complaintCaseIds: string[]): Promise<void> {
  const { campaignId, cityCode } = city;
  const dueAt = dueAtOf(city, s);
  const sends: Promise<void>[] = [];
  for (let i = 0; i < s.counts.shardsStarted; i++) {
    sends.push(getExternalWorkflowHandle(shardWorkflowId(campaignId, cityCode, i)).signal(extendShardDueSignal, { dueAt }));
  }
  for (const caseId of complaintCaseIds) {
    sends.push(getExternalWorkflowHandle(caseWorkflowId(campaignId, cityCode, caseId)).signal(extendCaseDueSignal, { dueAt }));
  }
  await Promise.all(sends.map((p) => p.catch(() => undefined)));
}
