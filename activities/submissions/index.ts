import type { Pool } from 'pg';
import { findOpenCases, type FindOpenCasesInput } from './findOpenCases';
import { recordSubmission, type RecordSubmissionInput } from './recordSubmission';
import { recordReview, type RecordReviewInput } from './reviewSubmission';

/** City report activities bound to the pool (registered by activities/index.ts). */
export function createSubmissionActivities(deps: { pool: Pool }) {
  return {
    recordSubmission: (i: RecordSubmissionInput) => recordSubmission(deps.pool, i),
    recordReview: (i: RecordReviewInput) => recordReview(deps.pool, i),
    findOpenCases: (i: FindOpenCasesInput) => findOpenCases(deps.pool, i),
  };
}
