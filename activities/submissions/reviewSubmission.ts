/** The province approves a city's report or returns it with comments (phase 3, 省厅核查). */
import type { Pool } from 'pg';
import { inTransaction } from '../../platform/transactions';
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
  /** A return of the investigation report naming decided cases of the city for it to reopen (issue 19). */
  reopenCaseIds: z.array(z.string().min(1)).max(500).optional(),
});
export type RecordReviewInput = z.input<typeof RecordReviewInput>;

/**
 * Idempotent: only a 'submitted' version can be reviewed, so a retry changes nothing. A return of
 * the investigation report records the cases it names for reopening (case_reopening: decided cases
 * of this campaign and city; others were refused by the API before), in the same transaction.
 */
export async function recordReview(pool: Pool, raw: RecordReviewInput): Promise<void> {
  const i = RecordReviewInput.parse(raw);
  await inTransaction(pool, async (client) => {
    await client.query(
      `UPDATE submission SET status = $5, comments = $6, reviewed_by = $7, reviewed_at = $8
      WHERE campaign_id = $1 AND city_code = $2 AND kind = $3 AND version = $4 AND status = 'submitted'`,
      [i.campaignId, i.cityCode, i.kind, i.version, i.decision === 'approve' ? 'approved' : 'returned', i.comments ?? null, i.reviewedBy, i.at],
    );
    if (i.reopenCaseIds?.length && i.decision === 'return' && i.kind === 'investigation') {
      await client.query(
        `INSERT INTO case_reopening (case_id, campaign_id, city_code, submission_version, named_by, named_at)
         SELECT case_id, campaign_id, city_code, $4, $5, $6 FROM case_file
         WHERE case_id = ANY ($1::text[]) AND campaign_id = $2 AND city_code = $3 AND status IN ('decided', 'closed')
         ON CONFLICT (case_id, submission_version) DO NOTHING`,
        [i.reopenCaseIds, i.campaignId, i.cityCode, i.version, i.reviewedBy, i.at],
      );
    }
  });
  await recordCampaignEvent(pool, {
    eventKey: `${i.campaignId}/city/${i.cityCode}/review/${i.kind}/${i.version}`,
    campaignId: i.campaignId,
    cityCode: i.cityCode,
    kind: i.decision === 'approve' ? 'submission_approved' : 'submission_returned',
    phase: 'provincialVerification',
    at: i.at,
    detail: { kind: i.kind, version: i.version, ...(i.reopenCaseIds?.length ? { reopenCaseIds: i.reopenCaseIds } : {}) },
  });
}
