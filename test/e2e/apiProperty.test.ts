/**
 * Every operation of /openapi.json, every string it takes (path, query, header, body), hostile
 * values (control, bidi and zero-width characters, over-long text, wrong types) as every identity:
 * the answer is a 4xx problem, never a 5xx, no request hangs, and the API serves valid requests
 * afterwards. Workflow commands are faked (the workflows have their own tests).
 */
import fc from 'fast-check';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startApi, type RunningApi } from './apiSupport/apiProcess';
import { call, login, logInEveryone } from './apiSupport/http';
import { seedCampaignWithCases, seedUsers, USERS, type SeededCampaign, type UserName } from './apiSupport/seed';

/** A request that has not answered in this long is a hang. */
const REQUEST_TIMEOUT_MS = 15_000;
const RUNS_PER_OPERATION = 25;

interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  maxLength?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  additionalProperties?: JsonSchema | boolean;
}
interface Parameter {
  in: 'path' | 'query' | 'header';
  name: string;
  required?: boolean;
  schema?: JsonSchema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

/** Where a string goes: a path or query parameter, a header, or a property of the JSON body (its path). */
type Slot = { in: 'path' | 'query' | 'header'; name: string; maxLength?: number } | { in: 'body'; at: (string | number)[]; maxLength?: number };

let db: TestDatabase;
let api: RunningApi;
let seeded: SeededCampaign;
let doc: Document;
const tokens: Partial<Record<UserName, string>> = {};
const IDENTITIES = ['none', ...(Object.keys(USERS) as UserName[])] as const;

beforeAll(async () => {
  db = await createTestDatabase();
  await seedUsers(db.pool);
  seeded = await seedCampaignWithCases(db.pool, { campaignId: 'prop', cities: ['2201', '2202'], persons: 2 });
  api = await startApi({ databaseUrl: db.url, fakeCommands: true, env: { GZ_RATE_LIMIT_USER_PER_MINUTE: '1000000', GZ_RATE_LIMIT_IP_PER_MINUTE: '1000000' } });
  Object.assign(tokens, await logInEveryone(api.url));
  doc = (await call(api.url, 'GET', '/openapi.json')).body as Document;
}, 120_000);

afterAll(async () => {
  await api?.stop();
  await db?.drop();
});

const resolve = (s: JsonSchema | undefined): JsonSchema => (s?.$ref ? (doc.components?.schemas?.[s.$ref.split('/').pop()!] ?? {}) : (s ?? {}));
const typesOf = (s: JsonSchema): string[] => (Array.isArray(s.type) ? s.type : s.type ? [s.type] : []);

/** A plausible value for a schema: the first enum value, the first alternative, required properties filled. */
function sample(raw: JsonSchema | undefined, depth = 0): unknown {
  const s = resolve(raw);
  if (s.const !== undefined) return s.const;
  if (s.enum) return s.enum[0];
  const alt = s.anyOf ?? s.oneOf ?? s.allOf;
  if (alt?.length) return sample(alt[0], depth + 1);
  const t = typesOf(s);
  if (t.includes('object') || s.properties) {
    if (depth > 6) return {};
    return Object.fromEntries((s.required ?? []).map((k) => [k, sample(s.properties?.[k], depth + 1)]));
  }
  if (t.includes('array')) return [sample(s.items, depth + 1)];
  if (t.includes('integer') || t.includes('number')) return 1;
  if (t.includes('boolean')) return true;
  return 'x';
}

/** Every string in a body schema, with the body path to it (through the first alternative of a union, arrays at index 0). */
function bodyStrings(raw: JsonSchema | undefined, at: (string | number)[], out: Slot[], depth = 0): void {
  const s = resolve(raw);
  if (depth > 6) return;
  const t = typesOf(s);
  if (t.includes('string') && !s.enum && s.const === undefined) out.push({ in: 'body', at, maxLength: s.maxLength });
  for (const [k, v] of Object.entries(s.properties ?? {})) bodyStrings(v, [...at, k], out, depth + 1);
  if (s.items) bodyStrings(s.items, [...at, 0], out, depth + 1);
  const alt = s.anyOf ?? s.oneOf ?? s.allOf;
  if (alt?.length) bodyStrings(alt[0], at, out, depth + 1);
}

function setAt(body: unknown, at: (string | number)[], value: unknown): unknown {
  if (at.length === 0) return value;
  const [head, ...rest] = at;
  const container = (Array.isArray(body) ? [...(body as unknown[])] : { ...(body as Record<string, unknown>) }) as Record<string | number, unknown>;
  container[head] = setAt(container[head] ?? (typeof rest[0] === 'number' ? [] : {}), rest, value);
  return container;
}

const HOSTILE_CHARS = [
  '\u0000',
  '\u0001',
  '\u0008',
  '\u000B',
  '\u001B',
  '\u007F',
  '\u0085',
  '\u009B',
  '\u200B',
  '\u200D',
  '\u202A',
  '\u202E',
  '\u2066',
  '\u2069',
  '\uFEFF',
];
const hostileText = fc
  .tuple(fc.constantFrom(...HOSTILE_CHARS), fc.constantFrom('', 'c-1', '公安机关', '2201', 'prop'))
  .map(([ch, base]) => `${base}${ch}${base}`);
// Past the field's limit, but inside the body limit (1 MB): a body past it is cut off by the server before it is read.
const overLong = (max?: number) => '长'.repeat(Math.min((max ?? 200_000) + 1, 300_000));
const wrongType = fc.constantFrom<unknown>(12345, -1.5, true, null, [], ['x'], { a: 1 });

/** Why fetch failed (its cause: write ECONNRESET, other side closed …). */
const causeOf = (err: unknown): string => {
  const cause = (err as { cause?: unknown }).cause;
  // Not `instanceof Error`: the cause comes from Node's own realm, not the test's.
  return typeof cause === 'object' && cause !== null && 'message' in cause ? String(cause.message) : '';
};

/** Node's limit on a request's head (--max-http-header-size, 16 KB): a longer address is refused before any route sees it. */
const MAX_REQUEST_HEAD = 16 * 1024;

/**
 * One request. An address longer than the server's head limit is refused by Node's HTTP parser
 * with 431 and the connection closed at once; the client, still writing the address, may then see
 * the reset (write ECONNRESET) instead of the 431. Either is the refusal, never a hang or a 5xx.
 */
async function send(method: string, path: string, opts: { token?: string; headers?: Record<string, string>; query?: string; body?: unknown }) {
  try {
    return await sendOnce(method, path, opts);
  } catch (err) {
    const head = Buffer.byteLength(`${path}?${opts.query ?? ''}`);
    if (head > MAX_REQUEST_HEAD && /ECONNRESET|EPIPE|other side closed/.test(causeOf(err))) return { status: 431, text: '' };
    throw err;
  }
}

async function sendOnce(method: string, path: string, opts: { token?: string; headers?: Record<string, string>; query?: string; body?: unknown }) {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${api.url}${path}${opts.query ? `?${opts.query}` : ''}`, {
    method,
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  // The alert stream never ends on its own: its status and headers are the answer.
  if ((res.headers.get('content-type') ?? '').startsWith('text/event-stream')) {
    await res.body?.cancel();
    return { status: res.status, text: '' };
  }
  return { status: res.status, text: await res.text() };
}

describe('every operation with hostile strings, as every identity', () => {
  it('answers 4xx, never 5xx, and never hangs', async () => {
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({ method: method.toUpperCase(), path, op })),
    );
    expect(operations.length).toBeGreaterThan(30);
    const failures: string[] = [];
    let slotsTried = 0;
    for (const { method, path, op } of operations) {
      const params = op.parameters ?? [];
      const jsonBody = op.requestBody?.content?.['application/json']?.schema;
      const slots: Slot[] = params
        .filter((p) => p.name !== 'authorization' && typesOf(resolve(p.schema)).includes('string') && !resolve(p.schema).enum)
        .map((p) => ({ in: p.in, name: p.name, maxLength: resolve(p.schema).maxLength }));
      if (jsonBody) bodyStrings(jsonBody, [], slots);
      if (slots.length === 0) continue;
      slotsTried += slots.length;
      const baseParams = Object.fromEntries(params.map((p) => [p.name, String(sample(p.schema))]));
      if (baseParams.campaignId) baseParams.campaignId = seeded.campaignId;
      if (baseParams.caseId) baseParams.caseId = seeded.caseIds['2201'][0];
      const baseBody = jsonBody ? sample(jsonBody) : undefined;
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...slots),
          fc.constantFrom(...IDENTITIES),
          fc.oneof(hostileText, fc.constant('over-long'), wrongType),
          fc.integer({ min: 0, max: 1e9 }),
          async (slot, who, value, n) => {
            const v = value === 'over-long' ? overLong(slot.maxLength) : value;
            const p = { ...baseParams };
            const headers: Record<string, string> = {};
            if (params.some((x) => x.name === 'idempotency-key')) headers['idempotency-key'] = `prop-${n}-${Date.now()}`;
            let body = baseBody;
            const asText = typeof v === 'string' ? v : JSON.stringify(v);
            if (slot.in === 'path') p[slot.name] = asText;
            // HTTP carries no control or non-Latin-1 character in a header: there, only length is hostile.
            if (slot.in === 'header') headers[slot.name] = 'x'.repeat((slot.maxLength ?? 20_000) + 1);
            if (slot.in === 'body') body = setAt(baseBody, slot.at, v);
            // A query string is text: its wrong type is a parameter given twice (an array).
            const query = params
              .filter((x) => x.in === 'query' && (x.required || (slot.in === 'query' && slot.name === x.name)))
              .map((x) => `${encodeURIComponent(x.name)}=${encodeURIComponent(x.name === (slot as { name?: string }).name ? asText : p[x.name])}`)
              .concat(slot.in === 'query' && typeof v !== 'string' ? [`${encodeURIComponent(slot.name)}=again`] : [])
              .join('&');
            const url = path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(p[name] ?? 'x'));
            const where = slot.in === 'body' ? `body.${slot.at.join('.')}` : `${slot.in}:${slot.name}`;
            let status: number;
            try {
              status = (await send(method, url, { token: who === 'none' ? undefined : tokens[who], headers, query, body })).status;
            } catch (err) {
              failures.push(`${who} ${method} ${path} ${where}: no answer (${(err as Error).name} ${causeOf(err)})`);
              return;
            }
            if (status < 400 || status >= 500) failures.push(`${who} ${method} ${path} ${where}=${JSON.stringify(asText.slice(0, 20))}: ${status}`);
          },
        ),
        { numRuns: RUNS_PER_OPERATION },
      );
    }
    expect(slotsTried).toBeGreaterThan(60);
    expect(failures).toEqual([]);
  });

  it('still serves valid requests afterwards, for every identity', async () => {
    for (const u of Object.keys(USERS) as UserName[]) {
      const token = await login(api.url, u, USERS[u].password);
      expect((await call(api.url, 'GET', '/auth/me', { token })).status).toBe(200);
    }
    const caseId = seeded.caseIds['2201'][0];
    expect((await call(api.url, 'GET', `/cases/${caseId}`, { token: tokens.officer2201 })).status).toBe(200);
    const decided = await call(api.url, 'POST', `/cases/${caseId}/decision`, {
      token: tokens.officer2201,
      headers: { 'idempotency-key': 'prop-after-0001' },
      body: { outcome: 'TRANSFERRED', receivingAuthority: '省人力资源和社会保障厅' },
    });
    expect(decided.status).toBe(200);
    const submitted = await call(api.url, 'POST', `/campaigns/${seeded.campaignId}/cities/2201/submissions/self_check`, {
      token: tokens.officer2201,
      body: { summary: '自查完成' },
    });
    expect(submitted.status).toBe(201);
    expect((await call(api.url, 'GET', '/audit-log?pageSize=5', { token: tokens.auditor })).status).toBe(200);
    expect((await call(api.url, 'GET', `/campaigns/${seeded.campaignId}/cities/2201/cases`, { token: tokens.officer2201 })).status).toBe(200);
  });
});
