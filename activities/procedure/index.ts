/**
 * The penalty procedure's activities (workflows/penaltyProcedure.ts; registered by
 * activities/index.ts beside the document activities it also calls). Each is idempotent: the
 * procedure's row by its id, a step by its event id, penalty rows by their deterministic ids. Inputs
 * and results carry ids, dates and references: nothing personal.
 */
import type { Pool } from 'pg';
import { openProcedure, type OpenProcedureInput } from './openProcedure';
import {
  applyProcedurePenalties,
  withdrawProcedurePenalties,
  type ApplyProcedurePenaltiesInput,
  type WithdrawProcedurePenaltiesInput,
} from './procedurePenalties';
import { recordProcedureStep, type ProcedureStepInput } from './recordProcedureStep';

export function createProcedureActivities(deps: { pool: Pool }) {
  const { pool } = deps;
  return {
    openProcedure: (input: OpenProcedureInput) => openProcedure(pool, input),
    recordProcedureStep: (input: ProcedureStepInput) => recordProcedureStep(pool, input),
    applyProcedurePenalties: (input: ApplyProcedurePenaltiesInput) => applyProcedurePenalties(pool, input),
    withdrawProcedurePenalties: (input: WithdrawProcedurePenaltiesInput) => withdrawProcedurePenalties(pool, input),
  };
}
