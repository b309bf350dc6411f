import type { Client } from '@temporalio/client';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Pool } from 'pg';
import type { AppConfig } from '../platform/config';
import { checkHealth } from './health';

export interface ApiDeps {
  pool: Pool;
  client: Client;
  config: AppConfig;
}

/** The HTTP server: the API for the three roles and the console it serves. */
export async function buildServer(deps: ApiDeps): Promise<FastifyInstance> {
  const app = Fastify({ logger: false, bodyLimit: 1024 * 1024 });

  app.get('/healthz', async (_req, reply) => {
    const report = await checkHealth({
      pool: deps.pool,
      client: deps.client,
      namespace: deps.config.TEMPORAL_NAMESPACE,
      taskQueue: deps.config.TASK_QUEUE,
    });
    return reply.code(report.status === 'ok' ? 200 : 503).send(report);
  });

  return app;
}
