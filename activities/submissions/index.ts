import type { Pool } from 'pg';
import type { OfficerTextField } from '../../domain/officerText';
import { optionalTextOf } from '../officerText/officerTexts';
import { findOpenCases, type FindOpenCasesInput } from './findOpenCases';
import { recordSubmission, type RecordSubmissionInput } from './recordSubmission';
import { recordReview, type RecordReviewInput } from './reviewSubmission';
import { recordReviewPart, recordSignoff, type RecordReviewPartInput, type RecordSignoffInput } from './recordSignoff';

/**
 * City report activities bound to the pool (registered by activities/index.ts). A summary or
 * comments arrive as officer_text ids and are read back before the submission row is written.
 */
export function createSubmissionActivities(deps: { pool: Pool }) {
  return {
    recordSubmission: async (i: Omit<RecordSubmissionInput, 'summary'> & { summary?: OfficerTextField }) =>
      recordSubmission(deps.pool, { ...i, summary: await optionalTextOf(deps.pool, i.summary) }),
    recordReview: async (i: Omit<RecordReviewInput, 'comments'> & { comments?: OfficerTextField }) =>
      recordReview(deps.pool, { ...i, comments: await optionalTextOf(deps.pool, i.comments) }),
    findOpenCases: (i: FindOpenCasesInput) => findOpenCases(deps.pool, i),
    recordSignoff: (i: RecordSignoffInput) => recordSignoff(deps.pool, i),
    recordReviewPart: async (i: Omit<RecordReviewPartInput, 'comments'> & { comments?: OfficerTextField }) =>
      recordReviewPart(deps.pool, { ...i, comments: await optionalTextOf(deps.pool, i.comments) }),
  };
}
