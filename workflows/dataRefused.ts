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

export function isDataRefused(err: unknown): boolean {
  return err instanceof ActivityFailure && err.cause instanceof ApplicationFailure && err.cause.type === DATA_REFUSED;
}

/** The refusal the officer's update answers with (Chinese, no text of theirs quoted). */
export function dataRefusedFailure(message: string): ApplicationFailure {
  return ApplicationFailure.nonRetryable(message, DATA_REFUSED);
}
