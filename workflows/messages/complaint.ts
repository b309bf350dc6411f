/**
 * The complaint workflow's contract (docs/complaints.md): its input, its one update (an officer's
 * step, named by the id of the step row the API wrote first) and its state query. Numbers, statuses
 * and instants only: the complainant, the subject and every text stay in PostgreSQL.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import { z } from 'zod';
import { CityCode } from '../../domain/cityCode';
import { ComplaintNo, ComplaintStatus, ComplaintStep } from '../../domain/complaintCase';

const Instant = z.iso.datetime({ offset: true });

export const ComplaintWorkflowInput = z.object({
  complaintNo: ComplaintNo,
  cityCode: CityCode,
  campaignId: z.string().min(1).max(100),
  /** The time limit to decide acceptance (受理). */
  acceptDueAt: Instant,
  /** The reminder comes this many days before each time limit (0: none). */
  remindDaysBefore: z.number().int().min(0).max(60),
});
export type ComplaintWorkflowInput = z.input<typeof ComplaintWorkflowInput>;

/** The step row's id (complaint_step.step_id, also the update id) and which step it is. */
export const ComplaintStepArgs = z.object({
  stepId: z.string().min(1).max(200),
  step: ComplaintStep,
});
export type ComplaintStepArgs = z.infer<typeof ComplaintStepArgs>;

export interface ComplaintState {
  complaintNo: string;
  status: ComplaintStatus;
  acceptDueAt: string;
  handleDueAt?: string;
  reminders: number;
  overdue: boolean;
}

export const complaintStepUpdate = defineUpdate<ComplaintState, [ComplaintStepArgs]>('complaintStep');
export const complaintStateQuery = defineQuery<ComplaintState>('complaintState');
