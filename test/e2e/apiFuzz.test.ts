/**
 * Bad input at volume through the API: random and malformed payloads and query strings on the write
 * routes and the worklist never produce a 500, and every refusal is problem+json with a machine code.
 * Injection strings in names and unit names are stored verbatim and come back as inert JSON text.
 */
import fc from 'fast-check';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startApi, type RunningApi } from './apiSupport/apiProcess';
import { call, login, type Res } from './apiSupport/http';
import { seedCampaignWithCases, seedUsers, USERS, type SeededCampaign } from './apiSupport/seed';

const INJECTIONS = [
  "'; DROP TABLE case_file; --",
  '<script>alert(1)</script>',
  '" onmouseover="alert(1)',
  "Robert'); DELETE FROM audit_log; --",
  '%_\\',
  '{{constructor.constructor("alert(1)")()}}',
];

let db: TestDatabase;
let api: RunningApi;
let seeded: SeededCampaign;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  db = await createTestDatabase();
  await seedUsers(db.pool);
  seeded = await seedCampaignWithCases(db.pool, { campaignId: 'fuzz', cities: ['2201'], persons: 3 });
  api = await startApi({ databaseUrl: db.url, fakeCommands: true, env: { GZ_RATE_LIMIT_USER_PER_MINUTE: '1000000', GZ_RATE_LIMIT_IP_PER_MINUTE: '1000000' } });
  for (const u of ['coordinator', 'officer2201'] as const) tokens[u] = await login(api.url, u, USERS[u].password);
});

afterAll(async () => {
  await api?.stop();
  await db?.drop();
});

function expectHandled(r: Res, what: string): void {
  if (r.status >= 500) throw new Error(`${what} answered ${r.status}: ${r.text.slice(0, 300)}`);
  if (r.status >= 400) {
    expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(typeof r.body?.code).toBe('string');
    expect(typeof r.body?.title_zh).toBe('string');
  }
}

const jsonValue = fc.jsonValue({ maxDepth: 3 });
const evilString = fc.oneof(fc.string({ maxLength: 60 }), fc.constantFrom(...INJECTIONS), fc.string({ unit: 'grapheme', maxLength: 20 }));
/** Objects shaped like the real bodies, with fields of the wrong types, missing, or hostile. */
const decisionLike = fc.record(
  {
    outcome: fc.oneof(fc.constantFrom('COMPLIANT', 'RECTIFIED', 'DEREGISTERED', 'VIOLATION', 'TRANSFERRED', 'NOPE'), jsonValue),
    ground: fc.oneof(fc.constantFrom('BRANCH', 'DATA_LAG'), evilString, jsonValue),
    justification: fc.oneof(evilString, jsonValue),
    actualEmployer: fc.oneof(fc.record({ name: evilString, code: fc.oneof(evilString, fc.constant(null)) }), jsonValue),
    evidence: fc.oneof(evilString, jsonValue),
    rectifiedOn: fc.oneof(fc.constantFrom('2024-10-01', '2024-02-30', '9999-99-99'), evilString),
    receivingAuthority: evilString,
  },
  { requiredKeys: [] },
);

describe('the API under random and malformed input', () => {
  it('never answers 500 to random bodies on the write routes', async () => {
    const caseId = seeded.caseIds['2201'][0];
    const c = seeded.campaignId;
    const targets: { path: string; token: string; headers?: Record<string, string> }[] = [
      { path: '/campaigns', token: tokens.coordinator },
      { path: `/cases/${caseId}/decision`, token: tokens.officer2201, headers: { 'idempotency-key': 'x' } },
      { path: `/campaigns/${c}/cities/2201/decisions`, token: tokens.officer2201, headers: { 'idempotency-key': 'y' } },
      { path: `/campaigns/${c}/cities/2201/self-check-declarations`, token: tokens.officer2201 },
      { path: `/campaigns/${c}/cities/2201/complaints`, token: tokens.officer2201 },
      { path: `/campaigns/${c}/deadline-extensions`, token: tokens.coordinator },
      { path: '/bans/lookup', token: tokens.officer2201 },
      { path: '/snapshots', token: tokens.coordinator },
    ];
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...targets),
        fc.oneof(jsonValue, decisionLike, fc.record({ items: fc.array(fc.record({ caseId: evilString, decision: decisionLike })) })),
        fc.integer(),
        async (t, body, k) => {
          const headers = t.headers ? { 'idempotency-key': `${t.headers['idempotency-key']}-${k}-${n++}` } : undefined;
          expectHandled(await call(api.url, 'POST', t.path, { token: t.token, body, headers }), `POST ${t.path}`);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('never answers 500 to malformed raw bodies and content types', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('/campaigns', `/cases/${seeded.caseIds['2201'][0]}/decision`, '/imports?source=registrations&fileName=x.csv', '/imports?source=nope'),
        fc.oneof(
          fc.string({ maxLength: 200 }),
          fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b).toString('latin1')),
        ),
        fc.constantFrom('application/json', 'text/csv', 'application/octet-stream', 'text/plain', 'multipart/form-data; boundary=x'),
        async (path, raw, contentType) => {
          expectHandled(
            await call(api.url, 'POST', path, { token: tokens.coordinator, raw, contentType, headers: { 'idempotency-key': `raw-${Math.random()}` } }),
            `POST ${path}`,
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it('never answers 500 to hostile worklist query strings', async () => {
    const base = `/campaigns/${seeded.campaignId}/cities/2201/cases`;
    const key = fc.constantFrom('status', 'flag', 'unit', 'minRisk', 'maxRisk', 'dueBefore', 'sort', 'order', 'page', 'pageSize', 'x');
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(key, evilString), { maxLength: 5 }), async (pairs) => {
        const qs = new URLSearchParams(pairs).toString();
        expectHandled(await call(api.url, 'GET', `${base}?${qs}`, { token: tokens.officer2201 }), `GET worklist ?${qs}`);
      }),
      { numRuns: 300 },
    );
  });

  it('stores injection strings in names and unit names verbatim and returns them as inert JSON text', async () => {
    const [a, b] = seeded.caseIds['2201'];
    const evilName = INJECTIONS[1];
    const evilUnit = INJECTIONS[0];
    await db.pool.query(
      `UPDATE screening_result s SET name = $1, reg_unit_names = ARRAY[$2]
         FROM case_file c WHERE c.case_id = $3 AND s.run_id = c.screening_run_id AND s.id_number = c.id_number`,
      [evilName, evilUnit, a],
    );
    const detail = await call(api.url, 'GET', `/cases/${a}`, { token: tokens.officer2201 });
    expect(detail.status).toBe(200);
    expect(detail.headers.get('content-type')).toMatch(/^application\/json/);
    expect(detail.headers.get('x-content-type-options')).toBe('nosniff');
    expect(detail.text).toContain(JSON.stringify(evilName).slice(1, -1));
    expect(detail.body.person.name).toBe(evilName);
    // Searching by the hostile unit name is a plain text match, and the tables are all still there.
    const list = await call(api.url, 'GET', `/campaigns/${seeded.campaignId}/cities/2201/cases?unit=${encodeURIComponent('DROP TABLE')}`, {
      token: tokens.officer2201,
    });
    expect(list.status).toBe(200);
    expect(list.body.items.map((i: { caseId: string }) => i.caseId)).toEqual([a]);
    expect(list.body.items[0].regUnitNames).toEqual([evilUnit]);
    const decided = await call(api.url, 'POST', `/cases/${b}/decision`, {
      token: tokens.officer2201,
      headers: { 'idempotency-key': 'inj-1' },
      body: { outcome: 'VIOLATION', actualEmployer: { name: INJECTIONS[3] }, evidence: INJECTIONS[2] },
    });
    expectHandled(decided, 'decision with hostile texts');
    const { rows } = await db.pool.query("SELECT to_regclass('case_file') AS c, to_regclass('audit_log') AS a, (SELECT count(*)::int FROM audit_log) AS n");
    expect(rows[0]).toMatchObject({ c: 'case_file', a: 'audit_log' });
    expect(rows[0].n).toBeGreaterThan(0);
  });
});
