/**
 * The report a city submits for review (自查自纠 or 排查), as opposed to the files produced from it
 * (`ReportKind`, domain/reportKind.ts).
 */
import { z } from 'zod';

export const SubmissionKind = z.enum(['self_check', 'investigation']);
export type SubmissionKind = z.infer<typeof SubmissionKind>;
