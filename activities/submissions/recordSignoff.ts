/**
 * Issue 21: a department's sign-off of a city's submission (住建 when it submits, 人社 when it signs the
 * same version), and the province's review of one department's part.
 */
import type { Pool, PoolClient } from 'pg';
import { z } from 'zod';
import { CityCode } from '../../domain/cityCode';
import { Department } from '../../domain/department';
import { SubmissionKind } from '../../domain/submissionKind';
import { inTransaction } from '../../platform/transactions';
import { recordCampaignEvent } from '../campaigns/recordCampaignEvent';

const Version = z.object({ campaignId: z.string().min(1), cityCode: CityCode, kind: SubmissionKind, version: z.number().int().min(1) });

/** One department's signature of one version; idempotent (a retry keeps the first). */
export async function recordDepartmentSignoff(
  db: Pool | PoolClient,
  i: { campaignId: string; cityCode: string; kind: string; version: number; department: Department; signedBy: string; signedRole: string; at: string },
): Promise<void> {
  await db.query(
    `INSERT INTO submission_signoff (campaign_id, city_code, kind, version, department, signed_by, signed_role, signed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING`,
    [i.campaignId, i.cityCode, i.kind, i.version, i.department, i.signedBy, i.signedRole, i.at],
  );
}

export const RecordSignoffInput = Version.extend({
  signedBy: z.string().min(1),
  signedRole: z.string().min(1),
  at: z.string().datetime({ offset: true }),
  late: z.boolean(),
});
export type RecordSignoffInput = z.input<typeof RecordSignoffInput>;

/**
 * 人社's signature: the version is submitted to the province now (its time, whether late), the deadline of a
 * first version is met, the campaign records the submission. Idempotent: only a 'signing' row changes.
 */
export async function recordSignoff(pool: Pool, raw: RecordSignoffInput): Promise<void> {
  const i = RecordSignoffInput.parse(raw);
  await inTransaction(pool, async (client) => {
    await recordDepartmentSignoff(client, { ...i, department: 'hr' });
    await client.query(
      `UPDATE submission SET status = 'submitted', submitted_at = $5, late = $6
        WHERE campaign_id = $1 AND city_code = $2 AND kind = $3 AND version = $4 AND status = 'signing'`,
      [i.campaignId, i.cityCode, i.kind, i.version, i.at, i.late],
    );
    if (i.version === 1) {
      const key = i.kind === 'self_check' ? `selfCheck/${i.cityCode}` : `investigation/${i.cityCode}`;
      await client.query('UPDATE deadline SET met_at = $3 WHERE campaign_id = $1 AND deadline_key = $2 AND met_at IS NULL', [i.campaignId, key, i.at]);
    }
  });
  await recordCampaignEvent(pool, {
    eventKey: `${i.campaignId}/city/${i.cityCode}/submission/${i.kind}/${i.version}`,
    campaignId: i.campaignId,
    cityCode: i.cityCode,
    kind: 'submission',
    phase: i.kind === 'self_check' ? 'selfCheck' : 'investigation',
    at: i.at,
    detail: { kind: i.kind, version: i.version, late: i.late, carriedOver: 0 },
  });
}

export const RecordReviewPartInput = Version.extend({
  department: Department,
  decision: z.enum(['approve', 'return']),
  comments: z.string().max(5_000).optional(),
  reviewedBy: z.string().min(1),
  at: z.string().datetime({ offset: true }),
});
export type RecordReviewPartInput = z.input<typeof RecordReviewPartInput>;

/** One provincial department's review of its part; idempotent. The whole's status is recordReview's. */
export async function recordReviewPart(pool: Pool, raw: RecordReviewPartInput): Promise<void> {
  const i = RecordReviewPartInput.parse(raw);
  await pool.query(
    `INSERT INTO submission_review_part (campaign_id, city_code, kind, version, department, decision, comments, reviewed_by, reviewed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING`,
    [i.campaignId, i.cityCode, i.kind, i.version, i.department, i.decision, i.comments ?? null, i.reviewedBy, i.at],
  );
}
