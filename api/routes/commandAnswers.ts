/**
 * What the workflow commands answer, as the API sends it. The command port's results are plain
 * TypeScript types (workflows/messages); these schemas are their wire form in /openapi.json, and
 * parse a stored idempotent response again before it is replayed.
 */
import { z } from 'zod';
import { CaseOutcome } from '../../domain/outcomes';

const Liability = z.enum(['liable', 'exempt', 'none']);
const LiabilityNotice = z
  .object({ field: z.string(), message: z.string() })
  .describe('why a correction or a deregistration does not exempt: the decision field and a Chinese sentence naming it');
import { DateText, Instant } from '../../readModel/sqlTypes';

export const CampaignLaunched = z.object({ campaignId: z.string(), workflowId: z.string(), snapshotId: z.number().int() });

export const DeadlinesExtended = z.object({
  extended: z.array(z.object({ deadlineKey: z.string(), toDate: DateText, dueAt: Instant })),
});

export const ReportSubmitted = z.object({
  version: z.number().int(),
  late: z.boolean(),
  submittedAt: Instant,
  status: z
    .enum(['signing', 'submitted'])
    .optional()
    .describe("'signing': 住建 submitted, the city's 人社局 has yet to sign (POST …/signoff); 'submitted': both signed, the province reviews it"),
  awaiting: z
    .array(z.enum(['housing', 'hr']))
    .optional()
    .describe('the departments whose signature is awaited'),
});

export const SubmissionReviewed = z.object({
  status: z
    .enum(['approved', 'returned', 'submitted'])
    .describe("'submitted': this department approved its part; the other department's review is awaited (issue 21)"),
  awaiting: z
    .array(z.enum(['housing', 'hr']))
    .optional()
    .describe('the provincial departments whose review is awaited'),
  reopenCaseIds: z.array(z.string()).optional().describe('the cases the return named for the city to reopen'),
});

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
  liability: Liability.optional(),
  notice: LiabilityNotice.optional(),
});
export type CaseDecided = z.infer<typeof CaseDecided>;

export const CaseReopened = z.object({
  caseId: z.string(),
  updateId: z.string(),
  reopenedOn: DateText.describe("the date in the campaign's calendar"),
  previousOutcome: CaseOutcome.nullable().describe('the decision set aside (kept in the case history)'),
  submissionVersion: z.number().int().describe('the returned version of the investigation report that named the case'),
  withdrawnPenaltyIds: z.array(z.string()).describe("the set-aside decision's penalties, withdrawn (kept in the case history)"),
});

export const CaseOverridden = z.object({
  caseId: z.string(),
  updateId: z.string(),
  outcome: CaseOutcome,
  previousOutcome: CaseOutcome.nullable().describe("the city's outcome it replaces (kept in the case history)"),
  overriddenOn: DateText.describe("the date in the campaign's calendar; the new outcome's penalties are the province's, of this date"),
  liability: Liability,
  exempt: z.boolean(),
  penaltyIds: z.array(z.string()),
  withdrawnPenaltyIds: z.array(z.string()).describe("the city's penalties, withdrawn (kept in the case history)"),
  notice: LiabilityNotice.optional(),
});

export const ProvincialPenaltyImposed = z.object({
  caseId: z.string(),
  updateId: z.string(),
  imposedOn: DateText,
  penaltyIds: z.array(z.string()),
});
