import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import Fastify, { type FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Pool } from 'pg';
import type { AppConfig } from '../platform/config';
import { attachmentStoreFromEnv, type AttachmentStore } from '../services/attachments/attachmentStore';
import { registerAuditTrail } from './audit/auditWrites';
import { createAccessTokenSigner } from './auth/accessTokens';
import { createAuthenticator } from './auth/authenticate';
import { resolveJwtSecret } from './auth/jwtSecret';
import { createOidcVerifier } from './auth/oidc';
import { registerAccessControl } from './authz/enforceAccess';
import type { CommandPort } from './commands/commandPort';
import { createTemporalCommands } from './commands/temporalCommands';
import { startUnstartedComplaints } from '../services/complaintCases';
import { loadApiSettings, type ApiSettings } from './config/apiSettings';
import { checkHealth } from './health';
import { registerErrorHandling } from './http/errorHandler';
import './http/fastifyTypes';
import { registerOpenApi, useZodContract } from './http/openapi';
import { createLimiters } from './http/rateLimits';
import { createReportStore, type ReportStore } from './reports/reportStore';
import type { RouteContext } from './routes/context';
import { registerRoutes } from './routes';
import { registerConsole } from '../web/serve';

export interface ApiDeps {
  pool: Pool;
  client: Client;
  config: AppConfig;
  /** Overrides of the environment's API settings (tests, bench). */
  settings?: Partial<ApiSettings>;
  /** The workflow commands; default: Temporal through `client`. Tests of authorization swap it. */
  commands?: CommandPort;
  reports?: ReportStore;
  /** The attachment store; default: the one GZ_ATTACHMENT_STORE configures (docs/deployment.md). */
  attachments?: AttachmentStore;
  log?: (line: string) => void;
}

/** The HTTP server: the API for the three roles and the console it serves. */
export async function buildServer(deps: ApiDeps): Promise<FastifyInstance> {
  const settings: ApiSettings = { ...loadApiSettings(), ...deps.settings };
  const log = deps.log ?? ((line: string) => console.error(`api: ${line}`));
  const app = Fastify({
    logger: false,
    bodyLimit: settings.GZ_BODY_LIMIT_KB * 1024,
    // Our own ids: a client-sent X-Request-Id is not trusted into the audit log.
    genReqId: () => randomUUID(),
    trustProxy: false,
  }).withTypeProvider<ZodTypeProvider>();
  useZodContract(app);
  app.addHook('onSend', async (req, reply, payload) => {
    reply.header('x-request-id', String(req.id));
    reply.header('x-content-type-options', 'nosniff');
    // Answers to a signed-in user may hold personal data: no shared or browser cache keeps them.
    if (req.principal) reply.header('cache-control', 'no-store');
    return payload;
  });

  const signer = createAccessTokenSigner(
    resolveJwtSecret({ secret: settings.GZ_JWT_SECRET, dataDir: deps.config.dataDir }),
    settings.GZ_ACCESS_TOKEN_TTL_SECONDS,
  );
  const auth = createAuthenticator({ pool: deps.pool, signer, oidc: createOidcVerifier(settings) });
  const limits = await createLimiters(app, {
    ipPerMinute: settings.GZ_RATE_LIMIT_IP_PER_MINUTE,
    userPerMinute: settings.GZ_RATE_LIMIT_USER_PER_MINUTE,
    loginIpPerMinute: settings.GZ_RATE_LIMIT_LOGIN_IP_PER_MINUTE,
  });

  registerErrorHandling(app, log);
  registerAccessControl(app, { pool: deps.pool, auth, limits });
  registerAuditTrail(app, deps.pool, log);
  await registerOpenApi(app);

  app.get('/healthz', { schema: { hide: true }, config: { action: 'health.read', access: { public: true } } }, async (_req, reply) => {
    const report = await checkHealth({
      pool: deps.pool,
      client: deps.client,
      namespace: deps.config.TEMPORAL_NAMESPACE,
      taskQueue: deps.config.TASK_QUEUE,
    });
    return reply.code(report.status === 'ok' ? 200 : 503).send(report);
  });

  const attachments = deps.attachments ?? attachmentStoreFromEnv(deps.pool, { dataDir: deps.config.dataDir, limitMb: settings.GZ_ATTACHMENT_LIMIT_MB });
  const ctx: RouteContext = {
    pool: deps.pool,
    client: deps.client,
    config: deps.config,
    settings,
    commands:
      deps.commands ??
      createTemporalCommands({
        client: deps.client,
        pool: deps.pool,
        config: deps.config,
        updateDeadlineMs: settings.GZ_UPDATE_DEADLINE_SECONDS * 1000,
        attachments,
      }),
    reports: deps.reports ?? createReportStore(deps.pool),
    attachments,
    signer,
    auth,
    log,
  };
  await registerRoutes(app, ctx);
  // Complaints registered while their workflow's start was lost (a crash in between) are started now.
  if (!deps.commands) {
    startUnstartedComplaints({ pool: deps.pool, client: deps.client, taskQueue: deps.config.TASK_QUEUE }).catch((err: Error) =>
      log(`starting complaint workflows: ${err.message}`),
    );
  }
  await app.register(registerConsole);
  // Idempotency keys are kept a week: long enough for any client retry, short enough to stay small.
  const prune = setInterval(
    () => {
      deps.pool
        .query(`DELETE FROM idempotency_key WHERE created_at < now() - interval '7 days'`)
        .catch((err: Error) => log(`pruning idempotency keys: ${err.message}`));
    },
    60 * 60 * 1000,
  );
  prune.unref();
  app.addHook('onClose', async () => clearInterval(prune));
  await app.ready();
  return app;
}
