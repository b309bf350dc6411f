/**
 * Issue 21: the second signature of a city's submission. 住建 (city_officer) submits a version; the
 * city's 人社局 (city_hr_officer) signs the same version; only then is it submitted to the province.
 * Pure (zod + Temporal definitions), safe in the workflow sandbox.
 */
import { defineUpdate } from '@temporalio/workflow';
import { z } from 'zod';
import { Officer } from '../../domain/officer';
import { SubmissionKind } from '../../domain/submissionKind';
import type { SubmitReportResult } from './city';

export const SignSubmissionArgs = z.object({ officer: Officer, kind: SubmissionKind, version: z.number().int().min(1) });
export type SignSubmissionArgs = z.input<typeof SignSubmissionArgs>;

/** The city's 人社局 signs the version 住建 submitted; the submission then goes to the province. */
export const signSubmissionUpdate = defineUpdate<SubmitReportResult, [SignSubmissionArgs]>('signSubmission');
