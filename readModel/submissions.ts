/** A city's submissions (self-check summary, investigation report), every version, as the province reviews them. */
import type { Pool } from 'pg';
import { z } from 'zod';
import { SubmissionKind } from '../domain/submissionKind';
import { Instant, instant, instantOrNull, parseRows, TimestampColumn } from './sqlTypes';

const SubmissionStatus = z.enum(['submitted', 'approved', 'returned']);

const SubmissionRow = z.object({
  kind: SubmissionKind,
  version: z.number().int(),
  submitted_at: TimestampColumn,
  submitted_by: z.string(),
  late: z.boolean(),
  status: SubmissionStatus,
  summary: z.string().nullable(),
  figures: z.record(z.string(), z.unknown()),
  carried_over: z.array(z.object({ caseId: z.string(), reason: z.string() })),
  comments: z.string().nullable(),
  reviewed_at: TimestampColumn.nullable(),
  reviewed_by: z.string().nullable(),
});

/** What the city's progress shows of each version. */
export const SubmissionSummary = z.object({
  kind: SubmissionKind,
  version: z.number().int(),
  submittedAt: Instant,
  submittedBy: z.string(),
  late: z.boolean(),
  status: SubmissionStatus,
  comments: z.string().nullable().describe("the reviewer's comments"),
  reviewedAt: Instant.nullable(),
});
export type SubmissionSummary = z.infer<typeof SubmissionSummary>;

export const Submission = SubmissionSummary.extend({
  summary: z.string().nullable().describe("the city's own words"),
  figures: z.record(z.string(), z.unknown()).describe('counts from the read model at submission time'),
  carriedOver: z.array(z.object({ caseId: z.string(), reason: z.string() })),
  reviewedBy: z.string().nullable(),
});
export type Submission = z.infer<typeof Submission>;

export async function listSubmissions(pool: Pool, campaignId: string, cityCode: string): Promise<Submission[]> {
  const { rows } = await pool.query(
    `SELECT kind, version, submitted_at, submitted_by, late, status, summary, figures, carried_over, comments, reviewed_at, reviewed_by
     FROM submission WHERE campaign_id = $1 AND city_code = $2 ORDER BY kind, version`,
    [campaignId, cityCode],
  );
  return parseRows(SubmissionRow, rows).map((r) => ({
    kind: r.kind,
    version: r.version,
    submittedAt: instant(r.submitted_at),
    submittedBy: r.submitted_by,
    late: r.late,
    status: r.status,
    summary: r.summary,
    figures: r.figures,
    carriedOver: r.carried_over,
    comments: r.comments,
    reviewedAt: instantOrNull(r.reviewed_at),
    reviewedBy: r.reviewed_by,
  }));
}
