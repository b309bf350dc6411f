import { Pool, type PoolConfig } from 'pg';

/** One pool per process; activities and the API share it. */
export function createPool(connectionString: string, extra: Partial<PoolConfig> = {}): Pool {
  const pool = new Pool({ connectionString, max: 10, ...extra });
  // A client that loses its server emits 'error'; unheard, that is an uncaught exception that would
  // crash a worker mid-activity. Idle clients report to the pool, checked-out ones to themselves; the
  // query in flight rejects anyway, so the activity fails and is retried instead.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}

/** The URL with the password removed, for log lines. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '<unparseable url>';
  }
}
