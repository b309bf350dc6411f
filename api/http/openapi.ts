/**
 * The API's contract, from the routes' zod schemas: requests are parsed with them, answers are
 * checked against them before they leave (an answer outside its schema becomes a 500, never a
 * surprise for a client), and the OpenAPI document (/openapi.json, browsable at /docs) is made
 * from them, from which the console's client types are generated (scripts/generateApiTypes.ts).
 */
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance, FastifySchemaCompiler } from 'fastify';
import { jsonSchemaTransform, serializerCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { zhErrorMap } from '../../domain/fieldMessages';

/** How fastify-type-provider-zod marks its validation errors (hasZodFastifySchemaValidationErrors reads it). */
const ZOD_VALIDATION_ERROR = Symbol.for('ZodFastifySchemaValidationError');

/**
 * fastify-type-provider-zod's validator, with each message in plain Chinese naming the field
 * (domain/fieldMessages.ts zhErrorMap; a schema's own messages come first), in the library's error
 * shape so the error handler reads both alike.
 */
const zhValidatorCompiler: FastifySchemaCompiler<z.ZodType> = ({ schema }) => {
  return (data) => {
    const r = schema.safeParse(data, { error: zhErrorMap });
    if (r.success) return { value: r.data };
    return {
      error: r.error.issues.map((issue) => ({
        [ZOD_VALIDATION_ERROR]: true,
        keyword: issue.code,
        instancePath: `/${issue.path.join('/')}`,
        schemaPath: `#/${issue.path.join('/')}/${issue.code}`,
        message: issue.message,
        params: {},
      })),
    };
  };
};

/** Requests parsed and answers checked by the routes' zod schemas. */
export function useZodContract(app: FastifyInstance): void {
  app.setValidatorCompiler(zhValidatorCompiler);
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
