/**
 * Every workflow parses its input here. A bad input fails the run at once and for good: thrown as
 * a plain error it would fail the workflow task, which Temporal retries forever.
 */
import { ApplicationFailure } from '@temporalio/workflow';
import type { z } from 'zod';
import { WORKFLOW_INPUT_FAILURE } from '../domain/errors';

/**
 * The failure names each bad field by its path and zod's issue code only: an issue's message may
 * quote the value, and a workflow's input can hold an officer's free text.
 */
export function parseWorkflowInput<S extends z.ZodType>(schema: S, raw: unknown, what: string): z.infer<S> {
  const r = schema.safeParse(raw);
  if (r.success) return r.data;
  const fields = r.error.issues.map((i) => `${i.path.join('.') || '(input)'} (${i.code})`).join('; ');
  throw ApplicationFailure.nonRetryable(`invalid ${what} input: ${fields}`, WORKFLOW_INPUT_FAILURE);
}
