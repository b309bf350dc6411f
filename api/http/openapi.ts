/** The OpenAPI document (/openapi.json) from the routes' zod schemas, and its browsable page (/docs). */
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';

export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'guazheng-campaign API',
        description:
          'Jilin special campaign against certificate hanging (挂证专项治理): campaigns, imports, cases, decisions, submissions, alerts, reports, ban look-up, audit log. ' +
          'Log in with POST /auth/login and send the access token as "Authorization: Bearer <token>". Errors are application/problem+json with code, title, title_zh and detail.',
        version: '1.0.0',
      },
      components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
      security: [{ bearerAuth: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true }, config: { action: 'docs.read', access: { public: true } } }, async () => app.swagger());
}
