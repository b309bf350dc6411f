/**
 * An update's validator refuses a message. The refusal crosses Temporal as an ApplicationFailure
 * typed by its code, so the API and tests match the code, not the words.
 */
import { ApplicationFailure } from '@temporalio/workflow';
import type { ErrorCode } from '../domain/errors';

export function refuse(message: string, code: ErrorCode = 'UpdateRefused'): never {
  throw ApplicationFailure.create({ message, type: code, nonRetryable: true });
}
