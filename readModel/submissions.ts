/**
 * A city's submissions (self-check summary, investigation report), every version, as the province
 * reviews them: the figures frozen at submission and the files rendered from that version (the
 * 汇总表, and the work report of an investigation report), each downloadable.
 */
import type { Pool } from 'pg';
import { z } from 'zod';
import { ReportKind } from '../domain/reportKind';
import { SubmissionKind } from '../domain/submissionKind';
import { Instant, instant, instantOrNull, parseRows, TimestampColumn } from './sqlTypes';

const SubmissionStatus = z
  .enum(['signing', 'submitted', 'approved', 'returned'])
  .describe("'signing': 住建 submitted it, the city's 人社局 has yet to sign (issue 21); the province reviews it once 'submitted'");
const DepartmentName = z.enum(['housing', 'hr']).describe('housing: 住建; hr: 人社');

/** A department's signature of a version (issue 21): who, in which role, when. */
export const SubmissionSignoff = z.object({ department: DepartmentName, signedBy: z.string(), signedRole: z.string(), signedAt: Instant });
export type SubmissionSignoff = z.infer<typeof SubmissionSignoff>;
/** A provincial department's review of its part of a version (issue 21). */
export const SubmissionReviewPart = z.object({
  department: DepartmentName,
  decision: z.enum(['approve', 'return']),
  comments: z.string().nullable(),
  reviewedBy: z.string(),
  reviewedAt: Instant,
});
const SignoffRow = z.object({ department: DepartmentName, signed_by: z.string(), signed_role: z.string(), signed_at: z.string() });
const ReviewPartRow = z.object({
  department: DepartmentName,
  decision: z.enum(['approve', 'return']),
  comments: z.string().nullable(),
  reviewed_by: z.string(),
  reviewed_at: z.string(),
});
const Count = z.number().int();

/** The counts recordSubmission froze at submission (activities/submissions/recordSubmission.ts). */
export const SubmissionFigures = z.object({
  declarations: z.record(z.string(), Count).optional().describe('self-check declarations by correction (moved_contributions, …)'),
  deregistrations: z
    .object({ requests: Count, processed: Count, over_limit: Count.describe('processed after, or still open past, the time limit') })
    .optional(),
  cases: z.object({ total: Count, open: Count, carried_over: Count, violations: Count, exempt: Count }).optional().describe('investigation report only'),
  penalties: z.record(z.string(), Count).optional().describe('investigation report only: penalties by kind'),
});
export type SubmissionFigures = z.infer<typeof SubmissionFigures>;

const FileRow = z.object({ report_id: z.string(), kind: ReportKind, file_name: z.string(), format: z.enum(['xlsx', 'docx']), created_at: z.string() });

const SubmissionRow = z.object({
  kind: SubmissionKind,
  version: z.number().int(),
  submitted_at: TimestampColumn,
  submitted_by: z.string(),
  late: z.boolean(),
  status: SubmissionStatus,
  summary: z.string().nullable(),
  figures: SubmissionFigures,
  carried_over: z.array(z.object({ caseId: z.string(), reason: z.string() })),
  comments: z.string().nullable(),
  reviewed_at: TimestampColumn.nullable(),
  reviewed_by: z.string().nullable(),
  files: z.array(FileRow),
  signoffs: z.array(SignoffRow),
  review_parts: z.array(ReviewPartRow),
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

export const SubmittedFile = z.object({
  reportId: z.string(),
  kind: ReportKind.describe('self_check_table; investigation_table or city_work_report'),
  fileName: z.string(),
  format: z.enum(['xlsx', 'docx']),
  createdAt: Instant,
  downloadUrl: z.string().describe('GET it for the file (a reader not entitled to its personal data gets the masked copy)'),
});

export const Submission = SubmissionSummary.extend({
  summary: z.string().nullable().describe("the city's own words"),
  figures: SubmissionFigures.describe('counts from the read model at submission time'),
  files: z
    .array(SubmittedFile)
    .describe("the files rendered from this version; empty for a moment after submitting (they are rendered after the city's answer)"),
  carriedOver: z.array(z.object({ caseId: z.string(), reason: z.string() })),
  reviewedBy: z.string().nullable(),
  signoffs: z
    .array(SubmissionSignoff)
    .describe("the departments' signatures (住建 when it submits, 人社 when it signs); empty for a version submitted before issue 21"),
  awaitingSignoff: z.array(DepartmentName).describe("the departments whose signature is awaited (人社 while 'signing')"),
  reviewParts: z.array(SubmissionReviewPart).describe("each provincial department's review of its part (省住建厅: housing, 省人社厅: hr)"),
});
export type Submission = z.infer<typeof Submission>;

const SIGNOFFS = `
  coalesce((SELECT json_agg(json_build_object('department', g.department, 'signed_by', g.signed_by, 'signed_role', g.signed_role, 'signed_at', g.signed_at)
                            ORDER BY g.signed_at, g.department)
              FROM submission_signoff g
             WHERE (g.campaign_id, g.city_code, g.kind, g.version) = (s.campaign_id, s.city_code, s.kind, s.version)), '[]') AS signoffs,
  coalesce((SELECT json_agg(json_build_object('department', p.department, 'decision', p.decision, 'comments', p.comments,
                                              'reviewed_by', p.reviewed_by, 'reviewed_at', p.reviewed_at) ORDER BY p.reviewed_at, p.department)
              FROM submission_review_part p
             WHERE (p.campaign_id, p.city_code, p.kind, p.version) = (s.campaign_id, s.city_code, s.kind, s.version)), '[]') AS review_parts`;

/**
 * The files of a version are the reports its city workflow rendered for it, found by their request
 * id: `campaign/<id>/city/<code>/report/<step>/v<version>` (workflows/city.ts renderReports; the
 * read model may not import workflow code, test/e2e/apiLaunchAndReview.test.ts holds the two together).
 */
const FILES = `
  coalesce((SELECT json_agg(json_build_object('report_id', r.report_id::text, 'kind', r.kind, 'file_name', r.file_name, 'format', r.format,
                                              'created_at', r.created_at) ORDER BY r.report_id)
              FROM report r
             WHERE r.request_id = ANY (SELECT 'campaign/' || s.campaign_id || '/city/' || s.city_code || '/report/' || step || '/v' || s.version
                                         FROM unnest(CASE s.kind WHEN 'self_check' THEN ARRAY['self_check'] ELSE ARRAY['investigation', 'work_report'] END) AS step)),
           '[]') AS files`;

export async function listSubmissions(pool: Pool, campaignId: string, cityCode: string): Promise<Submission[]> {
  const { rows } = await pool.query(
    `SELECT kind, version, submitted_at, submitted_by, late, status, summary, figures, carried_over, comments, reviewed_at, reviewed_by, ${FILES}, ${SIGNOFFS}
     FROM submission s WHERE campaign_id = $1 AND city_code = $2 ORDER BY kind, version`,
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
    files: r.files.map((f) => ({
      reportId: f.report_id,
      kind: f.kind,
      fileName: f.file_name,
      format: f.format,
      createdAt: new Date(f.created_at).toISOString(),
      downloadUrl: `/reports/${f.report_id}/download`,
    })),
    carriedOver: r.carried_over,
    comments: r.comments,
    reviewedAt: instantOrNull(r.reviewed_at),
    reviewedBy: r.reviewed_by,
    signoffs: r.signoffs.map((g) => ({
      department: g.department,
      signedBy: g.signed_by,
      signedRole: g.signed_role,
      signedAt: new Date(g.signed_at).toISOString(),
    })),
    awaitingSignoff: r.status === 'signing' ? (['housing', 'hr'] as const).filter((d) => !r.signoffs.some((g) => g.department === d)) : [],
    reviewParts: r.review_parts.map((p) => ({
      department: p.department,
      decision: p.decision,
      comments: p.comments,
      reviewedBy: p.reviewed_by,
      reviewedAt: new Date(p.reviewed_at).toISOString(),
    })),
  }));
}
