/**
 * The contract's penalty rows of a procedure's measures (domain/penaltyProcedure.ts
 * PENALTY_KINDS_OF_MEASURE): recorded on the day the measures take effect (the decision's service,
 * or the ministry's revocation), so a 3-year bar runs from then; withdrawn (moved to
 * penalty_withdrawn, the trail kept) when a redress revokes the decision or changes a measure away.
 * Both idempotent: penalty ids are deterministic, and a second withdrawal finds nothing to move.
 */
import type { Pool } from 'pg';
import { z } from 'zod';
import { IsoDate } from '../../domain/calendar';
import { PenaltyKind } from '../../domain/penalties';
import { ProcedureLevel } from '../../domain/penaltyProcedure';
import { inTransaction } from '../../platform/transactions';
import { recordedDecision } from '../cases/correctCase';
import { applyPenalties } from '../penalties/applyPenalties';

export const ApplyProcedurePenaltiesInput = z.object({
  procedureId: z.string().min(1),
  caseId: z.string().min(1),
  level: ProcedureLevel,
  effectiveOn: IsoDate,
  kinds: z.array(PenaltyKind),
});
export type ApplyProcedurePenaltiesInput = z.input<typeof ApplyProcedurePenaltiesInput>;

/** Records the penalty rows of the measures now in effect; answers every row of those kinds the procedure carries. */
export async function applyProcedurePenalties(pool: Pool, raw: ApplyProcedurePenaltiesInput): Promise<{ penaltyIds: string[] }> {
  const i = ApplyProcedurePenaltiesInput.parse(raw);
  if (i.kinds.length === 0) return { penaltyIds: [] };
  const decision = await recordedDecision(pool, i.caseId);
  const r = await applyPenalties(pool, i.caseId, decision, i.level, i.effectiveOn, { kinds: i.kinds });
  await pool.query('UPDATE penalty SET procedure_id = $2 WHERE penalty_id = ANY ($1::text[]) AND procedure_id IS NULL', [r.penaltyIds, i.procedureId]);
  const { rows } = await pool.query<{ penalty_id: string }>('SELECT penalty_id FROM penalty WHERE procedure_id = $1 ORDER BY penalty_id', [i.procedureId]);
  return { penaltyIds: rows.map((x) => x.penalty_id) };
}

export const WithdrawProcedurePenaltiesInput = z.object({
  procedureId: z.string().min(1),
  caseId: z.string().min(1),
  /** The update that withdrew them (the redress result). */
  updateId: z.string().min(1),
  at: z.iso.datetime({ offset: true }),
  /** Only these kinds (a changed decision); absent: every row of the procedure (a revoked one). */
  kinds: z.array(PenaltyKind).optional(),
});
export type WithdrawProcedurePenaltiesInput = z.input<typeof WithdrawProcedurePenaltiesInput>;

/** Moves the procedure's penalty rows (of `kinds`) to penalty_withdrawn, and lifts the bar when its row goes. */
export async function withdrawProcedurePenalties(pool: Pool, raw: WithdrawProcedurePenaltiesInput): Promise<{ withdrawnPenaltyIds: string[] }> {
  const i = WithdrawProcedurePenaltiesInput.parse(raw);
  return inTransaction(pool, async (client) => {
    const { rows } = await client.query<{ penalty_id: string; kind: string }>(
      `WITH gone AS (DELETE FROM penalty WHERE procedure_id = $1 AND ($4::text[] IS NULL OR kind = ANY ($4::text[])) RETURNING *)
       INSERT INTO penalty_withdrawn (penalty_id, case_id, kind, level, imposed_on, target, unit_name, unit_code, published, details, recorded_at,
                                      withdrawn_at, withdrawn_by_update, withdrawn_because)
       SELECT penalty_id, case_id, kind, level, imposed_on, target, unit_name, unit_code, published, details, recorded_at, $2, $3, 'redress' FROM gone
       ON CONFLICT DO NOTHING
       RETURNING penalty_id, kind`,
      [i.procedureId, i.at, i.updateId, i.kinds ?? null],
    );
    if (rows.some((r) => r.kind === 'REGISTRATION_BAN_3Y')) await client.query('DELETE FROM registration_ban WHERE case_id = $1', [i.caseId]);
    return { withdrawnPenaltyIds: rows.map((r) => r.penalty_id).sort() };
  });
}
