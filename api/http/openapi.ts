/**
 * The API's contract, from the routes' zod schemas: requests are parsed with them, answers are
 * checked against them before they leave (an answer outside its schema becomes a 500, never a
 * surprise for a client), and the OpenAPI document (/openapi.json, browsable at /docs) is made
 * from them, from which the console's client types are generated (scripts/generateApiTypes.ts).
 */
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';

/** Requests parsed and answers checked by the routes' zod schemas. */
export function useZodContract(app: FastifyInstance): void {
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
}

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
