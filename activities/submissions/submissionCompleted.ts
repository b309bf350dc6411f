/**
 * What a city's submission does once it is complete (submitted by 住建, or co-signed by 人社 where both
 * must sign): its first version meets the phase's deadline, and every version is an event on the
 * campaign's timeline. recordSubmission.ts and recordSignoff.ts both end a submission this way.
 */
import type { ClientBase, Pool } from 'pg';
import type { SubmissionKind } from '../../domain/submissionKind';
import { recordCampaignEvent } from '../campaigns/recordCampaignEvent';

export interface CompletedSubmission {
  campaignId: string;
  cityCode: string;
  kind: SubmissionKind;
  version: number;
  at: string;
  late: boolean;
  carriedOver: number;
}

/** Marks the phase's deadline met by a first version (a later version changes nothing). */
export async function meetSubmissionDeadline(db: Pool | ClientBase, s: CompletedSubmission): Promise<void> {
  if (s.version !== 1) return;
  const key = s.kind === 'self_check' ? `selfCheck/${s.cityCode}` : `investigation/${s.cityCode}`;
  await db.query('UPDATE deadline SET met_at = $3 WHERE campaign_id = $1 AND deadline_key = $2 AND met_at IS NULL', [s.campaignId, key, s.at]);
}

/** The submission's event on the campaign's timeline (idempotent by its key). */
export async function recordSubmissionEvent(pool: Pool, s: CompletedSubmission): Promise<void> {
  await recordCampaignEvent(pool, {
    eventKey: `${s.campaignId}/city/${s.cityCode}/submission/${s.kind}/${s.version}`,
    campaignId: s.campaignId,
    cityCode: s.cityCode,
    kind: 'submission',
    phase: s.kind === 'self_check' ? 'selfCheck' : 'investigation',
    at: s.at,
    detail: { kind: s.kind, version: s.version, late: s.late, carriedOver: s.carriedOver },
  });
}
