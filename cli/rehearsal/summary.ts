/**
 * The rehearsal's JSON summary (stdout): cases by outcome, procedures by step, documents by kind
 * with their number ranges, measures in effect, bars with their dates, the files written, and the
 * checks that make the figures trustworthy. Case numbers only (2201-000042), never a person's data.
 */
import type { Pool } from 'pg';
import { z } from 'zod';
import { ProcedureChecks, procedureFigures, ProcedureFigures } from './procedureFigures';

const Count = z.number().int().min(0);

export const NumberRange = z.object({
  authority: z.string(),
  year: z.number().int(),
  count: Count,
  first: z.string(),
  last: z.string(),
  /** Numbers 1..count, each taken once. */
  gapFree: z.boolean(),
});

export const RehearsalSummary = z.object({
  campaignId: z.string(),
  persons: Count,
  outDir: z.string(),
  elapsedSeconds: z.number(),
  cases: z.object({ total: Count, byOutcome: z.record(z.string(), Count), undecided: Count, reopened: Count, overridden: Count }),
  procedures: ProcedureFigures.omit({ measuresInEffect: true, finesInEffectYuan: true, measuresNotInEffect: true }),
  documents: z.object({ total: Count, byKind: z.record(z.string(), z.object({ count: Count, ranges: z.array(NumberRange) })) }),
  /** The procedures' measures in effect (警告, 罚款, 撤销注册, 不良行为记录 ...), and the penalty rows they recorded. */
  measuresInEffect: z.object({
    total: Count,
    byKind: z.record(z.string(), Count),
    finesYuan: Count,
    /** Withdrawn (a redress revoked the decision), dropped (a review) or changed, by kind:status. */
    notInEffect: z.record(z.string(), Count),
    penaltyRecords: z.object({ total: Count, byKind: z.record(z.string(), Count), withdrawn: Count }),
  }),
  bars: z.object({
    total: Count,
    list: z.array(z.object({ caseNo: z.string(), startsOn: z.string(), endsOn: z.string() })),
  }),
  reports: z.object({ total: Count, byKind: z.record(z.string(), Count) }),
  /** Steps a procedure's workflow refused (none when the rehearsal's script fits the procedure). */
  refusals: z.array(z.object({ caseId: z.string(), level: z.string(), on: z.string(), code: z.string(), message: z.string() })),
  files: z.object({ reports: Count, documents: Count }),
  checks: z.object({
    countsAddUp: z.boolean(),
    numberRangesGapFree: z.boolean(),
    noMeasureBeforeService: z.boolean(),
    barsStartAtService: z.boolean(),
    noStepRefused: z.boolean(),
    details: ProcedureChecks,
  }),
});
export type RehearsalSummary = z.infer<typeof RehearsalSummary>;

const tally = (rows: { k: string; n: number }[]) => Object.fromEntries(rows.map((r) => [r.k, r.n]));

export async function summarize(
  pool: Pool,
  a: {
    campaignId: string;
    persons: number;
    outDir: string;
    elapsedSeconds: number;
    files: { reports: number; documents: number };
    refusals: RehearsalSummary['refusals'];
  },
): Promise<RehearsalSummary> {
  const q = async <T>(sql: string, params: unknown[] = []) => (await pool.query(sql, params)).rows as T[];
  const c = a.campaignId;

  const [cases] = await q<{ total: number; undecided: number; reopened: number; overridden: number }>(
    `SELECT count(*)::int total, count(*) FILTER (WHERE outcome IS NULL)::int undecided,
            count(*) FILTER (WHERE reopenings > 0)::int reopened, count(*) FILTER (WHERE overridden)::int overridden
       FROM case_file WHERE campaign_id = $1`,
    [c],
  );
  const byOutcome = tally(
    await q('SELECT outcome k, count(*)::int n FROM case_file WHERE campaign_id = $1 AND outcome IS NOT NULL GROUP BY 1 ORDER BY 1', [c]),
  );

  const ranges = await q<{ kind: string; authority: string; year: number; count: number; max: number; min: number; first: string; last: string }>(
    `SELECT kind, authority_code authority, year, count(*)::int count, max(seq)::int max, min(seq)::int min,
            (array_agg(number ORDER BY seq))[1] first, (array_agg(number ORDER BY seq DESC))[1] last
       FROM document_number GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
  );
  const docs = await q<{ k: string; n: number }>('SELECT kind k, count(*)::int n FROM generated_document GROUP BY 1 ORDER BY 1');
  const byKind: RehearsalSummary['documents']['byKind'] = {};
  for (const d of docs) byKind[d.k] = { count: d.n, ranges: [] };
  for (const r of ranges) {
    byKind[r.kind] ??= { count: 0, ranges: [] };
    byKind[r.kind].ranges.push({
      authority: r.authority,
      year: r.year,
      count: r.count,
      first: r.first,
      last: r.last,
      gapFree: r.min === 1 && r.max === r.count,
    });
  }

  const measures = tally(
    await q('SELECT p.kind k, count(*)::int n FROM penalty p JOIN case_file f USING (case_id) WHERE f.campaign_id = $1 GROUP BY 1 ORDER BY 1', [c]),
  );
  const [withdrawn] = await q<{ n: number }>('SELECT count(*)::int n FROM penalty_withdrawn w JOIN case_file f USING (case_id) WHERE f.campaign_id = $1', [c]);
  const bars = await q<{ caseNo: string; startsOn: string; endsOn: string }>(
    `SELECT f.case_no "caseNo", to_char(b.start_date, 'YYYY-MM-DD') "startsOn", to_char(b.end_date, 'YYYY-MM-DD') "endsOn"
       FROM registration_ban b JOIN case_file f USING (case_id) WHERE f.campaign_id = $1 ORDER BY f.case_no`,
    [c],
  );
  const reports = tally(await q('SELECT kind k, count(*)::int n FROM report WHERE campaign_id = $1 AND NOT masked GROUP BY 1 ORDER BY 1', [c]));
  const procedures = await procedureFigures(pool, c);
  const { measuresInEffect, finesInEffectYuan, measuresNotInEffect, ...procedureSteps } = procedures.figures;
  // Every generated document carries a number, and every number taken belongs to a document.
  const numbered = Object.values(byKind).every((k) => k.count === k.ranges.reduce((s, r) => s + r.count, 0));

  const sum = (r: Record<string, number>) => Object.values(r).reduce((s, n) => s + n, 0);
  return RehearsalSummary.parse({
    campaignId: c,
    persons: a.persons,
    outDir: a.outDir,
    elapsedSeconds: a.elapsedSeconds,
    cases: { ...cases, byOutcome },
    procedures: procedureSteps,
    documents: { total: sum(tally(docs)), byKind },
    measuresInEffect: {
      total: sum(measuresInEffect),
      byKind: measuresInEffect,
      finesYuan: finesInEffectYuan,
      notInEffect: measuresNotInEffect,
      penaltyRecords: { total: sum(measures), byKind: measures, withdrawn: withdrawn.n },
    },
    bars: { total: bars.length, list: bars },
    reports: { total: sum(reports), byKind: reports },
    files: a.files,
    refusals: a.refusals,
    checks: {
      countsAddUp: sum(byOutcome) + cases.undecided === cases.total && procedures.countsAddUp && a.files.documents === sum(tally(docs)) && numbered,
      numberRangesGapFree: ranges.every((r) => r.min === 1 && r.max === r.count),
      noMeasureBeforeService: procedures.checks.measuresBeforeService === 0,
      barsStartAtService: procedures.checks.barsNotFromService === 0,
      noStepRefused: a.refusals.length === 0,
      details: procedures.checks,
    },
  });
}
