/**
 * The penalty procedures' part of the summary (docs/procedure.md): procedures by level and by the
 * step they stand at, the events recorded at each step (so every step the rehearsal went through
 * shows, also of procedures that moved on), the measures in effect, and the two checks of "No
 * measure takes effect before its decision is served": every penalty row belongs to a procedure and
 * is dated on or after the day its measures took effect (the decision's service, or the ministry's
 * revocation), and every bar starts on that day.
 */
import type { Pool } from 'pg';
import { z } from 'zod';

const Count = z.number().int().min(0);
const Tally = z.record(z.string(), Count);

export const ProcedureFigures = z.object({
  total: Count,
  byLevel: Tally,
  /** Where each procedure stands now. */
  byStep: Tally,
  /** Why the closed ones closed. */
  closedBecause: Tally,
  /** Events recorded per step: every step some procedure went through. */
  eventsByStep: Tally,
  /** Services (送达) per document served. */
  servicesByDocument: Tally,
  /** The procedures' measures in effect now, by kind (a fine's total in yuan beside). */
  measuresInEffect: Tally,
  finesInEffectYuan: Count,
  /** Measures a review, a redress or the ministry's answer withdrew, dropped or changed. */
  measuresNotInEffect: Tally,
});
export type ProcedureFigures = z.infer<typeof ProcedureFigures>;

export const ProcedureChecks = z.object({
  /** Penalty rows of no procedure, or dated before their procedure's measures took effect (0 when all is well). */
  measuresBeforeService: Count,
  /** Bars that do not start on the day their revocation took effect (0 when all is well). */
  barsNotFromService: Count,
});
export type ProcedureChecks = z.infer<typeof ProcedureChecks>;

export interface ProcedureSummary {
  figures: ProcedureFigures;
  checks: ProcedureChecks;
  countsAddUp: boolean;
}

const tally = (rows: { k: string; n: number }[]) => Object.fromEntries(rows.map((r) => [r.k, r.n]));
const sum = (t: Record<string, number>) => Object.values(t).reduce((s, n) => s + n, 0);

export async function procedureFigures(pool: Pool, campaignId: string): Promise<ProcedureSummary> {
  const q = async <T>(sql: string) => (await pool.query(sql, [campaignId])).rows as T[];
  const t = async (sql: string) => tally(await q<{ k: string; n: number }>(sql));
  const OF_CAMPAIGN = 'FROM penalty_procedure p WHERE p.campaign_id = $1';

  const [{ total }] = await q<{ total: number }>(`SELECT count(*)::int total ${OF_CAMPAIGN}`);
  const byLevel = await t(`SELECT p.level k, count(*)::int n ${OF_CAMPAIGN} GROUP BY 1 ORDER BY 1`);
  const byStep = await t(`SELECT p.step k, count(*)::int n ${OF_CAMPAIGN} GROUP BY 1 ORDER BY 1`);
  const closedBecause = await t(`SELECT p.closed_because k, count(*)::int n ${OF_CAMPAIGN} AND p.closed_because IS NOT NULL GROUP BY 1 ORDER BY 1`);
  const eventsByStep = await t(
    'SELECT e.step k, count(*)::int n FROM procedure_event e JOIN penalty_procedure p USING (procedure_id) WHERE p.campaign_id = $1 GROUP BY 1 ORDER BY 1',
  );
  const servicesByDocument = await t(
    // The service records as the procedure's events keep them (each recordService's payload).
    `SELECT coalesce(e.payload -> 'service' ->> 'document', e.payload ->> 'document', '?') k, count(*)::int n
       FROM procedure_event e JOIN penalty_procedure p USING (procedure_id) WHERE p.campaign_id = $1 AND e.action = 'recordService' GROUP BY 1 ORDER BY 1`,
  );
  // A measure's current row is its highest version.
  const CURRENT = `FROM procedure_measure m JOIN penalty_procedure p USING (procedure_id)
    WHERE p.campaign_id = $1 AND m.version = (SELECT max(v.version) FROM procedure_measure v WHERE v.procedure_id = m.procedure_id AND v.kind = m.kind)`;
  const measuresInEffect = await t(`SELECT m.kind k, count(*)::int n ${CURRENT} AND m.status = 'in_effect' GROUP BY 1 ORDER BY 1`);
  const [{ fines }] = await q<{ fines: number }>(`SELECT coalesce(sum(m.amount_yuan), 0)::int fines ${CURRENT} AND m.status = 'in_effect' AND m.kind = 'FINE'`);
  const measuresNotInEffect = await t(
    `SELECT m.kind || ':' || m.status k, count(*)::int n ${CURRENT} AND m.status IN ('withdrawn', 'dropped', 'changed') GROUP BY 1 ORDER BY 1`,
  );

  const [{ early }] = await q<{ early: number }>(
    `SELECT count(*)::int early FROM penalty x JOIN case_file f USING (case_id)
       LEFT JOIN penalty_procedure p ON p.procedure_id = x.procedure_id
      WHERE f.campaign_id = $1 AND (p.procedure_id IS NULL OR p.effective_on IS NULL OR x.imposed_on < p.effective_on)`,
  );
  const [{ bars }] = await q<{ bars: number }>(
    `SELECT count(*)::int bars FROM registration_ban b JOIN case_file f USING (case_id)
      WHERE f.campaign_id = $1 AND NOT EXISTS (
        SELECT 1 FROM penalty x JOIN penalty_procedure p ON p.procedure_id = x.procedure_id
         WHERE x.case_id = b.case_id AND x.kind = 'REGISTRATION_BAN_3Y' AND p.effective_on = b.start_date)`,
  );
  return {
    figures: ProcedureFigures.parse({
      total,
      byLevel,
      byStep,
      closedBecause,
      eventsByStep,
      servicesByDocument,
      measuresInEffect,
      finesInEffectYuan: fines,
      measuresNotInEffect,
    }),
    checks: { measuresBeforeService: early, barsNotFromService: bars },
    countsAddUp: sum(byLevel) === total && sum(byStep) === total && sum(closedBecause) === (byStep.closed ?? 0),
  };
}
