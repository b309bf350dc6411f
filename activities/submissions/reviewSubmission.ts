/** The province approves a city's report or returns it with comments (phase 3, 省厅核查). */
import type { Pool } from 'pg';
import { z } from 'zod';
import { CityCode } from '../../domain/cityCode';
import { recordCampaignEvent } from '../campaigns/recordCampaignEvent';
import { SubmissionKind } from '../../domain/submissionKind';

export const ReviewDecision = z.enum(['approve', 'return']);
export type ReviewDecision = z.infer<typeof ReviewDecision>;

export const RecordReviewInput = z.object({
  campaignId: z.string().min(1),
  cityCode: CityCode,
  kind: SubmissionKind,
  version: z.number().int().min(1),
  decision: ReviewDecision,
  comments: z.string().max(5_000).optional(),
  reviewedBy: z.string().min(1),
  at: z.string().datetime({ offset: true }),
});
export type RecordReviewInput = z.input<typeof RecordReviewInput>;

/** Idempotent: only a 'submitted' version can be reviewed, so a retry changes nothing. */
export async function recordReview(pool: Pool, raw: RecordReviewInput): Promise<void> {
  const i = RecordReviewInput.parse(raw);
  await pool.query(
    `UPDATE submission SET status = $5, comments = $6, reviewed_by = $7, reviewed_at = $8
      WHERE campaign_id = $1 AND city_code = $2 AND kind = $3 AND version = $4 AND status = 'submitted'`,
    [i.campaignId, i.cityCode, i.kind, i.version, i.decision === 'approve' ? 'approved' : 'returned', i.comments ?? null, i.reviewedBy, i.at],
  );
  await recordCampaignEvent(pool, {
    eventKey: `${i.campaignId}/city/${i.cityCode}/review/${i.kind}/${i.version}`,
    campaignId: i.campaignId,
    cityCode: i.cityCode,
    kind: i.decision === 'approve' ? 'submission_approved' : 'submission_returned',
    phase: 'provincialVerification',
    at: i.at,
    detail: { kind: i.kind, version: i.version },
  });
}
