/**
 * An activity whose data the database refused (DataRefused, activities/databaseRefusal.ts): the
 * workflow restores the state it had before the command, raises an alert, and refuses the
 * command, so the case or the city takes the next one instead of waiting for ever.
 */
import { ActivityFailure, ApplicationFailure } from '@temporalio/workflow';
import type { ErrorCode } from '../domain/errors';

const DATA_REFUSED: ErrorCode = 'DataRefused';

/** Patch id of the roll-back-and-alert branch (recorded runs had no such branch). */
export const DATA_REFUSED_ROLLBACK = 'data-refused-rollback';

/** A regular activity's failure wraps the activity's error in an ActivityFailure; a local activity's may not. */
export function isDataRefused(err: unknown): boolean {
  const failure = err instanceof ActivityFailure ? err.cause : err;
  return failure instanceof ApplicationFailure && failure.type === DATA_REFUSED;
}

/** The refusal the officer's update answers with (Chinese, no text of theirs quoted). */
export function dataRefusedFailure(message: string): ApplicationFailure {
  return ApplicationFailure.nonRetryable(message, DATA_REFUSED);
}
