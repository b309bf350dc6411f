/** A city's report (汇总表) to the province: one row per version, figures frozen at submission. */
import type { Pool } from 'pg';
import { z } from 'zod';
import { CityCode } from '../../domain/cityCode';
import { SubmissionKind } from '../../domain/submissionKind';
import { recordCampaignEvent } from '../campaigns/recordCampaignEvent';
import { refusedPermanently } from '../databaseRefusal';
import { recordDepartmentSignoff } from './recordSignoff';

export const CarriedOverCase = z.object({ caseId: z.string().min(1), reason: z.string().trim().min(1) });
export type CarriedOverCase = z.infer<typeof CarriedOverCase>;

export const RecordSubmissionInput = z.object({
  campaignId: z.string().min(1),
  cityCode: CityCode,
  kind: SubmissionKind,
  version: z.number().int().min(1),
  submittedAt: z.string().datetime({ offset: true }),
  submittedBy: z.string().min(1),
  late: z.boolean(),
  summary: z.string().max(20_000).optional(),
  carriedOver: z.array(CarriedOverCase).default([]),
  /**
   * Issue 21: 住建 submitted, 人社's signature is awaited: the row is 'signing', 住建's sign-off is recorded, and
   * the deadline and the campaign's event wait for the second signature (recordSignoff).
   */
  awaitingSignature: z.boolean().optional(),
  /** The submitting officer's role, recorded with 住建's sign-off. */
  signedRole: z.string().min(1).optional(),
});
export type RecordSubmissionInput = z.input<typeof RecordSubmissionInput>;

/** The figures of the city's 汇总表, counted from the read model. */
async function figuresOf(pool: Pool, campaignId: string, cityCode: string, kind: SubmissionKind): Promise<Record<string, unknown>> {
  const p = [campaignId, cityCode];
  const declarations = (
    await pool.query('SELECT correction, count(*)::int AS n FROM self_check_declaration WHERE campaign_id = $1 AND city_code = $2 GROUP BY 1', p)
  ).rows;
  const dereg = (
    await pool.query(
      `SELECT count(*)::int AS requests, count(processed_at)::int AS processed,
              count(*) FILTER (WHERE processed_at > sla_due_at OR (processed_at IS NULL AND sla_alerted_at IS NOT NULL))::int AS over_limit
         FROM deregistration_request WHERE campaign_id = $1 AND city_code = $2`,
      p,
    )
  ).rows[0];
  const selfCheck = { declarations: Object.fromEntries(declarations.map((r) => [r.correction, r.n])), deregistrations: dereg };
  if (kind === 'self_check') return selfCheck;
  const cases = (
    await pool.query(
      `SELECT count(*)::int AS total,
              count(*) FILTER (WHERE status = 'open')::int AS open,
              count(*) FILTER (WHERE status = 'carried_over')::int AS carried_over,
              count(*) FILTER (WHERE outcome = 'VIOLATION')::int AS violations,
              count(*) FILTER (WHERE liability = 'exempt')::int AS exempt
         FROM case_file WHERE campaign_id = $1 AND city_code = $2`,
      p,
    )
  ).rows[0];
  const penalties = (
    await pool.query(
      `SELECT x.kind, count(*)::int AS n FROM penalty x JOIN case_file c USING (case_id)
        WHERE c.campaign_id = $1 AND c.city_code = $2 GROUP BY 1`,
      p,
    )
  ).rows;
  return { ...selfCheck, cases, penalties: Object.fromEntries(penalties.map((r) => [r.kind, r.n])) };
}

/** Idempotent by (campaign, city, kind, version): a retry returns the stored figures. */
export async function recordSubmission(pool: Pool, raw: RecordSubmissionInput): Promise<{ figures: Record<string, unknown> }> {
  const i = RecordSubmissionInput.parse(raw);
  const figures = await figuresOf(pool, i.campaignId, i.cityCode, i.kind);
  // Data the database refuses is refused on every attempt: the city workflow rolls back instead of waiting.
  await refusedPermanently(`the ${i.kind} submission v${i.version} of city ${i.cityCode}`, () =>
    pool.query(
      `INSERT INTO submission (campaign_id, city_code, kind, version, submitted_at, submitted_by, late, summary, figures, carried_over, status)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT DO NOTHING`,
      [
        i.campaignId,
        i.cityCode,
        i.kind,
        i.version,
        i.submittedAt,
        i.submittedBy,
        i.late,
        i.summary ?? null,
        JSON.stringify(figures),
        JSON.stringify(i.carriedOver),
        i.awaitingSignature ? 'signing' : 'submitted',
      ],
    ),
  );
  if (i.awaitingSignature) {
    await recordDepartmentSignoff(pool, {
      ...i,
      department: 'housing',
      signedBy: i.submittedBy,
      signedRole: i.signedRole ?? 'city_officer',
      at: i.submittedAt,
    });
    return { figures: await storedFigures(pool, i) };
  }
  if (i.version === 1) {
    const key = i.kind === 'self_check' ? `selfCheck/${i.cityCode}` : `investigation/${i.cityCode}`;
    await pool.query('UPDATE deadline SET met_at = $3 WHERE campaign_id = $1 AND deadline_key = $2 AND met_at IS NULL', [i.campaignId, key, i.submittedAt]);
  }
  await recordCampaignEvent(pool, {
    eventKey: `${i.campaignId}/city/${i.cityCode}/submission/${i.kind}/${i.version}`,
    campaignId: i.campaignId,
    cityCode: i.cityCode,
    kind: 'submission',
    phase: i.kind === 'self_check' ? 'selfCheck' : 'investigation',
    at: i.submittedAt,
    detail: { kind: i.kind, version: i.version, late: i.late, carriedOver: i.carriedOver.length },
  });
  return { figures: await storedFigures(pool, i) };
}

async function storedFigures(pool: Pool, i: { campaignId: string; cityCode: string; kind: string; version: number }): Promise<Record<string, unknown>> {
  const stored = await pool.query('SELECT figures FROM submission WHERE campaign_id = $1 AND city_code = $2 AND kind = $3 AND version = $4', [
    i.campaignId,
    i.cityCode,
    i.kind,
    i.version,
  ]);
  return stored.rows[0].figures;
}
