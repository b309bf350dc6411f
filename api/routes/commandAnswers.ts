/**
 * What the workflow commands answer, as the API sends it. The command port's results are plain
 * TypeScript types (workflows/messages); these schemas are their wire form in /openapi.json, and
 * parse a stored idempotent response again before it is replayed.
 */
import { z } from 'zod';
import { CaseOutcome } from '../../domain/outcomes';
import { DateText, Instant } from '../../readModel/sqlTypes';

export const CampaignLaunched = z.object({ campaignId: z.string(), workflowId: z.string(), snapshotId: z.number().int() });

export const DeadlinesExtended = z.object({
  extended: z.array(z.object({ deadlineKey: z.string(), toDate: DateText, dueAt: Instant })),
});

export const ReportSubmitted = z.object({ version: z.number().int(), late: z.boolean(), submittedAt: Instant });

export const SubmissionReviewed = z.object({ status: z.enum(['approved', 'returned']) });

export const DeclarationRecorded = z.object({ declarationId: z.number().int() });

export const DeregistrationRequested = z.object({
  requestId: z.number().int(),
  slaDue: DateText,
  slaDueAt: Instant,
  caseId: z
    .string()
    .nullable()
    .optional()
    .describe("the person's open case: the request is recorded in it, the case goes on, and its time limit is not watched (the registration is frozen)"),
  notice: z.string().optional().describe('what that means, in Chinese'),
});

export const DeregistrationProcessed = z.object({ withinSla: z.boolean() });

export const ComplaintRegistered = z.object({
  complaintId: z.string(),
  caseId: z.string().nullable().describe('the case it joined or opened'),
  newCase: z.boolean(),
});

export const CaseDecided = z.object({
  caseId: z.string(),
  updateId: z.string(),
  outcome: CaseOutcome,
  decidedOn: DateText.describe("the decision's date in Asia/Shanghai"),
  penaltyIds: z.array(z.string()),
  exempt: z.boolean(),
});
export type CaseDecided = z.infer<typeof CaseDecided>;

export const ProvincialPenaltyImposed = z.object({
  caseId: z.string(),
  updateId: z.string(),
  imposedOn: DateText,
  penaltyIds: z.array(z.string()),
});
