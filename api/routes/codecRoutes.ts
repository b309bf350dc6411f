/**
 * The remote payload codec (Temporal's codec-server protocol): operators' tools — the Temporal web
 * UI, `temporal workflow show --codec-endpoint` — send the encrypted payloads they fetched and get
 * them back readable. Only coordinators and auditors may decode; the keys are the processes' own
 * (GZ_PAYLOAD_KEYS, else the data directory's generated key file). CORS admits the Temporal UI's origins.
 */
import type { Payload } from '@temporalio/common';
import { z } from 'zod';
import { EncryptionCodec, parsePayloadKeys, PayloadKeyError } from '../../platform/payloadCodec';
import { resolvePayloadKeys } from '../../platform/payloadKeys';
import { Problem, problemResponses } from '../http/problem';
import type { RouteContext, ZodApp } from './context';

const Base64 = z
  .string()
  .max(4 * 1024 * 1024)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64 expected');
const JsonPayload = z.object({ metadata: z.record(z.string(), Base64).default({}), data: Base64.optional() });
const Payloads = z.object({ payloads: z.array(JsonPayload).max(1000) });
type JsonPayload = z.infer<typeof JsonPayload>;

const OPERATORS = ['province_coordinator', 'auditor'] as const;
const DEFAULT_UI_ORIGINS = ['http://localhost:8233', 'http://127.0.0.1:8233'];

const fromJson = (p: JsonPayload): Payload => ({
  metadata: Object.fromEntries(Object.entries(p.metadata).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
  data: p.data === undefined ? undefined : Buffer.from(p.data, 'base64'),
});
const toJson = (p: Payload): JsonPayload => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? []).toString('base64')])),
  data: p.data == null ? undefined : Buffer.from(p.data).toString('base64'),
});

export function registerCodecRoutes(app: ZodApp, ctx: RouteContext): void {
  const codec = new EncryptionCodec(parsePayloadKeys(resolvePayloadKeys({ keys: ctx.config.GZ_PAYLOAD_KEYS, dataDir: ctx.config.dataDir })));
  const origins = new Set([...DEFAULT_UI_ORIGINS, `http://localhost:${ctx.config.TEMPORAL_UI_PORT}`, `http://127.0.0.1:${ctx.config.TEMPORAL_UI_PORT}`]);

  app.addHook('onRequest', async (req, reply) => {
    const origin = req.headers.origin;
    if (!req.url.startsWith('/codec/') || !origin || !origins.has(origin)) return;
    reply.header('access-control-allow-origin', origin);
    reply.header('vary', 'origin');
    reply.header('access-control-allow-headers', 'authorization, content-type, x-namespace');
    reply.header('access-control-allow-methods', 'POST, OPTIONS');
  });

  for (const direction of ['encode', 'decode'] as const) {
    app.options(
      `/codec/${direction}`,
      {
        schema: { hide: true },
        config: { action: `codec.preflight`, access: { public: true } },
      },
      async (_req, reply) => reply.code(204).send(),
    );

    app.post(
      `/codec/${direction}`,
      {
        // Decoding shows what the workflows carry: each call is audited (how many payloads, never their content).
        config: { action: `codec.${direction}`, access: { roles: OPERATORS, city: { kind: 'none' } }, audit: direction === 'decode' },
        schema: {
          summary:
            direction === 'decode'
              ? 'Decrypt Temporal payloads for an operator tool (remote codec protocol)'
              : 'Encrypt Temporal payloads (remote codec protocol)',
          tags: ['operations'],
          body: Payloads,
          response: { 200: Payloads, ...problemResponses(400, 401, 403, 422) },
        },
      },
      async (req) => {
        const payloads = req.body.payloads.map(fromJson);
        req.auditTarget = `payloads=${payloads.length}`;
        try {
          const out = direction === 'decode' ? await codec.decode(payloads) : await codec.encode(payloads);
          return { payloads: out.map(toJson) };
        } catch (err) {
          const detail = err instanceof PayloadKeyError ? err.message : 'a payload could not be decrypted (tampered, or another key)';
          throw new Problem('rejected', detail);
        }
      },
    );
  }
}
