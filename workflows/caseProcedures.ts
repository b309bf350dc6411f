/**
 * A case's penalty procedures as the case workflow starts and withdraws them (issue 19,
 * docs/procedure.md): a child per level that outlives the case (ABANDON), and the signal that sets
 * its decision aside when the case is reopened or overridden.
 */
import { getExternalWorkflowHandle } from '@temporalio/workflow';
import type { CampaignCalendar } from '../domain/calendar';
import type { CampaignClock } from '../domain/campaignClock';
import { procedureIdOf, type ProcedureLevelName } from '../domain/procedureId';
import { CaseSearchAttributes as SA } from './messages/case';
import type { PenaltyProcedureInput, WithdrawProcedureArgs } from './messages/penaltyProcedure';
import { startAbandonedChild } from './startAbandonedChild';

export interface ProcedureCase {
  caseId: string;
  campaignId: string;
  cityCode: string;
  clock: CampaignClock;
  calendar: CampaignCalendar;
}

/**
 * The case's penalty procedure at a level. 立案 is `openedOn`: the liable decision (city) or the
 * province's imposition. Started once per case and level: a second liable decision (after a
 * reopening) leaves the running procedure as it is.
 */
export async function startCaseProcedure(c: ProcedureCase, level: ProcedureLevelName, openedOn: string): Promise<void> {
  const args: PenaltyProcedureInput = {
    caseId: c.caseId,
    campaignId: c.campaignId,
    cityCode: c.cityCode,
    level,
    openedOn,
    clock: c.clock,
    calendar: c.calendar,
  };
  await startAbandonedChild('penaltyProcedureWorkflow', {
    workflowId: procedureIdOf(c.caseId, level),
    args: [args],
    typedSearchAttributes: [
      { key: SA.campaignId, value: c.campaignId },
      { key: SA.cityCode, value: c.cityCode },
      { key: SA.phase, value: 'procedure' },
    ],
  });
}

/** Tells the case's procedures (either level) that their decision is set aside; one that never started or has ended is left alone. */
export async function withdrawCaseProcedures(caseId: string, because: 'reopen' | 'override', updateId: string): Promise<void> {
  for (const level of ['city', 'province'] as const) {
    try {
      // By name (withdrawProcedureSignal's): the procedure's message module stays out of every case workflow.
      const args: WithdrawProcedureArgs = { because, updateId };
      await getExternalWorkflowHandle(procedureIdOf(caseId, level)).signal('withdrawProcedure', args);
    } catch {
      // No such procedure running: nothing to withdraw.
    }
  }
}
