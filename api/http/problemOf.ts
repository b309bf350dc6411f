/** Any error as a problem body, for results inside a response (bulk decisions). */
import { scrub, toProblemCode } from './errorHandler';
import { Problem, problemBody, type ProblemBody } from './problem';

export function problemOf(err: unknown): ProblemBody {
  if (err instanceof Problem) return problemBody(err.code, scrub(err.message));
  const known = toProblemCode(err);
  return known ? problemBody(known.code, known.detail, undefined, known.errors) : problemBody('internal', 'see the server log');
}
