/** Answer and body types of the API's operations, read from the generated paths (schema.d.ts). */
import type { paths } from './schema';

type Method = 'get' | 'post' | 'put';

/** The JSON body an operation answers with `status` (200 unless named). */
export type JsonAnswer<P extends keyof paths, M extends Method, S extends number = 200> = paths[P][M] extends {
  responses: { [K in S]: { content: { 'application/json': infer B } } };
}
  ? B
  : never;

/** The JSON body an operation takes. */
export type JsonBody<P extends keyof paths, M extends Method> = paths[P][M] extends { requestBody: { content: { 'application/json': infer B } } }
  ? B
  : paths[P][M] extends { requestBody?: { content: { 'application/json': infer B } } }
    ? B
    : never;
