import { randomBytes } from 'node:crypto';
import type { Payload } from '@temporalio/common';
import { EncryptionCodec, parsePayloadKeys } from '../../platform/payloadCodec';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startApi, type RunningApi } from './apiSupport/apiProcess';
import { call, login } from './apiSupport/http';
import { seedUsers, USERS } from './apiSupport/seed';

/** The remote codec the Temporal UI and CLI use to show encrypted payloads to authorised operators. */
const KEYS = `k1:${randomBytes(32).toString('base64')}`;
const codec = new EncryptionCodec(parsePayloadKeys(KEYS));
const json = (p: Payload) => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
  data: Buffer.from(p.data!).toString('base64'),
});

describe('codec endpoint', () => {
  let db: TestDatabase;
  let api: RunningApi;
  let encrypted: ReturnType<typeof json>;

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedUsers(db.pool);
    api = await startApi({ databaseUrl: db.url, fakeCommands: true, env: { GZ_PAYLOAD_KEYS: KEYS } });
    const [p] = await codec.encode([{ metadata: { encoding: Buffer.from('json/plain') }, data: Buffer.from('"case 2201-000001"') }]);
    encrypted = json(p);
  });
  afterAll(async () => {
    await api?.stop();
    await db?.drop();
  });

  it('decrypts payloads for an auditor', async () => {
    const token = await login(api.url, 'auditor', USERS.auditor.password);
    const r = await call(api.url, 'POST', '/codec/decode', { token, body: { payloads: [encrypted] } });
    expect(r.status).toBe(200);
    expect(Buffer.from(r.body.payloads[0].data, 'base64').toString()).toBe('"case 2201-000001"');
    expect(Buffer.from(r.body.payloads[0].metadata.encoding, 'base64').toString()).toBe('json/plain');
  });

  it('encrypts with the configured key, so decode(encode(x)) = x', async () => {
    const token = await login(api.url, 'coordinator', USERS.coordinator.password);
    const plain = { metadata: { encoding: Buffer.from('json/plain').toString('base64') }, data: Buffer.from('42').toString('base64') };
    const enc = await call(api.url, 'POST', '/codec/encode', { token, body: { payloads: [plain] } });
    expect(Buffer.from(enc.body.payloads[0].metadata.encoding, 'base64').toString()).toBe('binary/encrypted');
    const dec = await call(api.url, 'POST', '/codec/decode', { token, body: enc.body });
    expect(dec.body.payloads[0]).toEqual(plain);
  });

  it('refuses a city officer and an anonymous caller', async () => {
    const token = await login(api.url, 'officer2201', USERS.officer2201.password);
    expect((await call(api.url, 'POST', '/codec/decode', { token, body: { payloads: [encrypted] } })).status).toBe(403);
    expect((await call(api.url, 'POST', '/codec/decode', { body: { payloads: [encrypted] } })).status).toBe(401);
  });

  it('answers a tampered payload with a problem, not a 500', async () => {
    const token = await login(api.url, 'auditor', USERS.auditor.password);
    const data = Buffer.from(encrypted.data, 'base64');
    data[data.length - 1] ^= 0xff;
    const r = await call(api.url, 'POST', '/codec/decode', { token, body: { payloads: [{ ...encrypted, data: data.toString('base64') }] } });
    expect(r.status).toBe(422);
    expect(r.headers.get('content-type')).toMatch(/problem\+json/);
  });

  it("admits the Temporal UI's origin in a CORS preflight and no other", async () => {
    const pre = await fetch(`${api.url}/codec/decode`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:8233', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('http://localhost:8233');
    const other = await fetch(`${api.url}/codec/decode`, { method: 'OPTIONS', headers: { origin: 'http://evil.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});
