/**
 * Long set-based activities spend minutes inside single SQL statements, where no code of theirs
 * runs to report progress. Without a heartbeat the server times the attempt out (the workflow's
 * heartbeatTimeout) and schedules another while the first is still running in the database: at
 * 200,000 persons nine cities opening cases at once on two cores did exactly that, and every retry
 * added a copy of the same work. The event loop stays free while a query is awaited, so a timer
 * can keep the attempt alive for as long as the worker process is.
 */
import { heartbeat } from '@temporalio/activity';

/** How often a running activity reports that it is alive (well under every heartbeatTimeout). */
export const HEARTBEAT_EVERY_MS = 5_000;

/** Heartbeats, or does nothing when called outside an activity (tests, the API, scripts). */
export function heartbeatIfInActivity(): void {
  try {
    heartbeat();
  } catch {
    /* not inside an activity */
  }
}

/** Runs `work`, heartbeating once at the start and then every HEARTBEAT_EVERY_MS until it settles. */
export async function keepHeartbeating<T>(work: () => Promise<T>, everyMs = HEARTBEAT_EVERY_MS): Promise<T> {
  heartbeatIfInActivity();
  const beat = setInterval(heartbeatIfInActivity, everyMs);
  try {
    return await work();
  } finally {
    clearInterval(beat);
  }
}
