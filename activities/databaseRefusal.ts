/**
 * PostgreSQL refusing the data itself (SQLSTATE class 22, data exception: a NUL, an impossible
 * date, a value too long; class 23, integrity constraint) is permanent: a retry sends the same
 * data and is refused the same way, forever, while the workflow waits. Such an error becomes a
 * non-retryable DataRefused failure that names the SQLSTATE only: PostgreSQL's own message may
 * quote the refused value (an officer's text), which must not reach Temporal or the worker log.
 */
import { failure } from './domainFailure';

/** The SQLSTATE of a PostgreSQL error when it is of a permanent class (22 or 23). */
export function permanentSqlState(err: unknown): string | undefined {
  const code = err && typeof err === 'object' && 'code' in err ? err.code : undefined;
  return typeof code === 'string' && /^2[23][0-9A-Z]{3}$/.test(code) ? code : undefined;
}

/** Runs `write`; a permanent database refusal becomes a non-retryable DataRefused failure about `what`. */
export async function refusedPermanently<T>(what: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    const sqlState = permanentSqlState(err);
    if (sqlState) throw failure('DataRefused', `${what}: the database refused the data (SQLSTATE ${sqlState})`);
    throw err;
  }
}
