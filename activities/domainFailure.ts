/**
 * A domain error as it crosses Temporal: an ApplicationFailure whose `type` is the error's code, so
 * the workflow and the API match the code. Permanent by default: a retry cannot find a missing case.
 */
import { ApplicationFailure } from '@temporalio/common';
import { DomainError, type ErrorCode } from '../domain/errors';

export function domainFailure(err: DomainError, opts: { retryable?: boolean } = {}): ApplicationFailure {
  return ApplicationFailure.create({ message: err.message, type: err.code, nonRetryable: !opts.retryable });
}

/** A failure of the given code with its own message (the code says what, the message which). */
export function failure(code: ErrorCode, message: string, opts: { retryable?: boolean } = {}): ApplicationFailure {
  return domainFailure(new DomainError(code, message), opts);
}
