import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { importFromProvider, ProviderError } from '../../../dataImport/httpProvider';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { badCheckId, validId } from './fixtures';

const TOKEN = 'secret-token';

/** What the test server does for one request; returning undefined serves the page normally. */
type Plan = (req: { cursor: string | null; n: number }, res: ServerResponse) => 'handled' | undefined;

interface Provider {
  url: string;
  requests: { cursor: string | null; auth: string | undefined }[];
  setPlan(plan: Plan | undefined): void;
  close(): Promise<void>;
}

/** 25 social-insurance records, 10 a page; record 5 has a bad ID, record 7 a numeric region code. */
function records() {
  return Array.from({ length: 25 }, (_, i) => ({
    id_number: i === 4 ? badCheckId(i) : validId(i),
    unit_name: `单位${i}`,
    period: '2024-09',
    region_code: i === 6 ? 220102 : null,
    extra_field: 'ignored',
  }));
}

async function startProvider(): Promise<Provider> {
  const data = records();
  const requests: Provider['requests'] = [];
  let plan: Plan | undefined;
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const u = new URL(req.url ?? '/', 'http://x');
    const cursor = u.searchParams.get('cursor');
    requests.push({ cursor, auth: req.headers.authorization });
    if (req.headers.authorization !== `Bearer ${TOKEN}`) {
      res.writeHead(401).end('{"error":"unauthorised"}');
      return;
    }
    if (plan?.({ cursor, n: requests.length }, res) === 'handled') return;
    const limit = Number(u.searchParams.get('limit'));
    const offset = cursor ? Number(cursor.slice(1)) : 0;
    const next = offset + limit < data.length ? `o${offset + limit}` : null;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ records: data.slice(offset, offset + limit), next_cursor: next }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1/social-insurance?city=2201`,
    requests,
    setPlan: (p) => {
      plan = p;
    },
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

describe('importFromProvider', () => {
  let db: TestDatabase;
  let provider: Provider;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });
  beforeEach(async () => {
    provider = await startProvider();
  });
  afterEach(async () => {
    await provider.close();
  });

  const base = () => ({ source: 'social_insurance' as const, baseUrl: provider.url, authToken: TOKEN, pageSize: 10, importedBy: 't', retryBaseMs: 10 });
  const rowCount = async (batchId: number) =>
    (await db.pool.query('SELECT count(*)::int AS n FROM social_insurance WHERE batch_id = $1', [batchId])).rows[0].n as number;

  it('pulls every page with the bearer token and validates records with the file schemas', async () => {
    const res = await importFromProvider(db.pool, base());
    expect(res).toMatchObject({
      source: 'social_insurance',
      fileName: provider.url.replace('?city=2201', ''),
      rowsTotal: 25,
      rowsAccepted: 24,
      rowsRejected: 1,
    });
    expect(provider.requests.map((r) => r.cursor)).toEqual([null, 'o10', 'o20']);
    expect(provider.requests.every((r) => r.auth === `Bearer ${TOKEN}`)).toBe(true);
    const issues = await db.pool.query('SELECT file, line, col FROM import_issue WHERE batch_id = $1', [res.batchId]);
    expect(issues.rows).toEqual([{ file: res.fileName, line: 5, col: 'id_number' }]);
    const region = await db.pool.query('SELECT region_code FROM social_insurance WHERE batch_id = $1 AND line = 7', [res.batchId]);
    expect(region.rows[0].region_code).toBe('220102');
    const batch = (await db.pool.query('SELECT origin, status, checksum FROM import_batch WHERE id = $1', [res.batchId])).rows[0];
    expect(batch).toMatchObject({ origin: 'http', status: 'completed', checksum: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it('retries a page after a 500 and then succeeds', async () => {
    let failed = false;
    provider.setPlan(({ cursor }, res) => {
      if (cursor === 'o10' && !failed) {
        failed = true;
        res.writeHead(500).end();
        return 'handled';
      }
      return undefined;
    });
    const res = await importFromProvider(db.pool, base());
    expect(res.rowsTotal).toBe(25);
    expect(provider.requests.map((r) => r.cursor)).toEqual([null, 'o10', 'o10', 'o20']);
  });

  it('retries a request that times out', async () => {
    let slow = true;
    provider.setPlan(({ cursor }, res) => {
      if (cursor === null && slow) {
        slow = false;
        setTimeout(() => res.writeHead(200).end('{"records":[],"next_cursor":null}'), 1500).unref();
        return 'handled';
      }
      return undefined;
    });
    const res = await importFromProvider(db.pool, { ...base(), timeoutMs: 200 });
    expect(res.rowsTotal).toBe(25);
    expect(provider.requests.filter((r) => r.cursor === null)).toHaveLength(2);
  });

  it('waits as long as Retry-After says on a 429', async () => {
    let limited = true;
    provider.setPlan((_req, res) => {
      if (limited) {
        limited = false;
        res.writeHead(429, { 'retry-after': '1' }).end();
        return 'handled';
      }
      return undefined;
    });
    const started = Date.now();
    await importFromProvider(db.pool, base());
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('does not retry a 401, and leaves no rows behind without a resume key', async () => {
    const err = await importFromProvider(db.pool, { ...base(), authToken: 'wrong' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect((err as ProviderError).status).toBe(401);
    expect((err as Error).message).not.toContain('wrong');
    expect(provider.requests).toHaveLength(1);
    const batch = await db.pool.query("SELECT id, status FROM import_batch WHERE origin = 'http' ORDER BY id DESC LIMIT 1");
    expect(batch.rows[0].status).toBe('failed');
    expect(await rowCount(Number(batch.rows[0].id))).toBe(0);
  });

  it('does not follow a redirect (nor carry its token) to another host, and does not retry it', async () => {
    const elsewhere = await startProvider();
    try {
      provider.setPlan((_r, res) => {
        res.writeHead(302, { location: elsewhere.url.replace('127.0.0.1', 'localhost') }).end();
        return 'handled';
      });
      const err = await importFromProvider(db.pool, base()).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ProviderError);
      expect((err as ProviderError).status).toBe(302);
      expect(provider.requests).toHaveLength(1);
      expect(elsewhere.requests).toHaveLength(0);
    } finally {
      await elsewhere.close();
    }
  });

  it('resumes an interrupted pull from the last committed page without duplicating rows', async () => {
    provider.setPlan(({ cursor }, res) => {
      if (cursor === 'o20') {
        res.writeHead(503).end();
        return 'handled';
      }
      return undefined;
    });
    const opts = { ...base(), retries: 1, resumeKey: 'pull-ss-2201-2024-09' };
    await expect(importFromProvider(db.pool, opts)).rejects.toThrow(/HTTP 503/);
    const pull = (await db.pool.query('SELECT batch_id, status, pages, next_cursor, last_error FROM provider_pull WHERE resume_key = $1', [opts.resumeKey]))
      .rows[0];
    expect(pull).toMatchObject({ status: 'running', pages: 2, next_cursor: 'o20', last_error: expect.stringContaining('503') });
    expect(await rowCount(Number(pull.batch_id))).toBe(19);

    provider.setPlan(undefined);
    provider.requests.length = 0;
    const res = await importFromProvider(db.pool, opts);
    expect(provider.requests.map((r) => r.cursor)).toEqual(['o20']);
    expect(res).toMatchObject({ batchId: Number(pull.batch_id), rowsTotal: 25, rowsAccepted: 24, rowsRejected: 1 });
    expect(await rowCount(res.batchId)).toBe(24);
    const lines = await db.pool.query('SELECT count(DISTINCT line)::int AS n FROM social_insurance WHERE batch_id = $1', [res.batchId]);
    expect(lines.rows[0].n).toBe(24);

    // Asking again for a completed pull returns its result and fetches nothing.
    provider.requests.length = 0;
    expect(await importFromProvider(db.pool, opts)).toEqual({ ...res, rowsDuplicate: 0 });
    expect(provider.requests).toHaveLength(0);
  });

  it('refuses a response that does not follow the contract, without retrying', async () => {
    provider.setPlan((_req, res) => {
      res.writeHead(200).end('{"items":[]}');
      return 'handled';
    });
    await expect(importFromProvider(db.pool, base())).rejects.toThrow(/records, next_cursor/);
    expect(provider.requests).toHaveLength(1);
  });
});
