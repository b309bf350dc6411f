/**
 * Issue 18: every problem the API can answer has a Chinese title. The codes come from the registry
 * (PROBLEMS in api/http/problem.ts, the one place titles live), from the domain errors' mapping, and
 * from the source itself: every code a route, the error handler or a service throws or sends, and
 * every DomainError code raised anywhere. A code used in the source without a registry entry, or an
 * entry without a Chinese title, fails here.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { DOMAIN_PROBLEMS } from '../../../api/http/errorHandler';
import { PROBLEMS, problemBody, type ProblemCode } from '../../../api/http/problem';
import { ERROR_CODES } from '../../../domain/errors';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const CJK = /\p{Script=Han}/u;

function sources(dir: string): { file: string; text: string }[] {
  return readdirSync(path.join(ROOT, dir)).flatMap((name) => {
    const rel = path.join(dir, name);
    if (statSync(path.join(ROOT, rel)).isDirectory()) return sources(rel);
    return rel.endsWith('.ts') ? [{ file: rel, text: readFileSync(path.join(ROOT, rel), 'utf8') }] : [];
  });
}

/** Every match of the patterns' first group, with where it was found. */
function found(files: { file: string; text: string }[], patterns: RegExp[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const { file, text } of files) {
    for (const p of patterns) for (const m of text.matchAll(p)) out.set(m[1], file);
  }
  return out;
}

/** Problem codes in the API's source: thrown, sent, built, or answered by the error handler. */
const API = sources('api');
const PROBLEM_CODES_IN_SOURCE = new Map([
  ...found(API, [/new Problem\(\s*'([a-z_]+)'/g, /sendProblem\(\s*reply,\s*req,\s*'([a-z_]+)'/g, /problemBody\(\s*'([a-z_]+)'/g]),
  // The error handler's answers to fastify's, Temporal's and domain errors.
  ...found(
    API.filter((f) => f.file.startsWith(path.join('api', 'http'))),
    [/\{\s*code:\s*'([a-z_]+)'/g, /:\s*'([a-z_]+)',\s*$/gm],
  ),
]);

/** DomainError codes raised anywhere in production code (in-process, or across Temporal by its type). */
const PRODUCTION = ['api', 'services', 'readModel', 'dataImport', 'activities', 'workflows', 'domain', 'cli', 'platform'].flatMap(sources);
const DOMAIN_CODES_IN_SOURCE = found(PRODUCTION, [
  /new DomainError\(\s*'([A-Za-z]+)'/g,
  /\bfailure\(\s*'([A-Za-z]+)'/g,
  /\brefuse\([^;]*?,\s*'([A-Za-z]+)'\s*\)/g,
]);
for (const { file, text } of PRODUCTION) {
  for (const cls of text.matchAll(/class \w+ extends DomainError \{[\s\S]*?\n\}/g)) {
    for (const m of cls[0].matchAll(/super\(\s*'([A-Za-z]+)'/g)) DOMAIN_CODES_IN_SOURCE.set(m[1], file);
  }
}

describe('the problem registry (api/http/problem.ts PROBLEMS)', () => {
  const registered = Object.keys(PROBLEMS) as ProblemCode[];

  it('gives every code an English title and a Chinese title_zh', () => {
    const missing = registered.filter((code) => {
      const p = PROBLEMS[code];
      return !p.title || CJK.test(p.title) || !CJK.test(p.title_zh) || !(p.status >= 400 && p.status < 600);
    });
    expect(missing).toEqual([]);
  });

  it('answers each code with its registered titles', () => {
    for (const code of registered) {
      expect(problemBody(code, 'x')).toMatchObject({ code, title: PROBLEMS[code].title, title_zh: PROBLEMS[code].title_zh, status: PROBLEMS[code].status });
    }
  });

  it('registers every problem code the source throws or sends', () => {
    expect(PROBLEM_CODES_IN_SOURCE.size).toBeGreaterThan(10);
    const unregistered = [...PROBLEM_CODES_IN_SOURCE].filter(([code]) => !(code in PROBLEMS)).map(([code, file]) => `${code} (${file})`);
    expect(unregistered).toEqual([]);
  });

  it('maps every domain error code, declared or raised, to a registered problem with a Chinese title', () => {
    expect(DOMAIN_CODES_IN_SOURCE.size).toBeGreaterThan(10);
    const undeclared = [...DOMAIN_CODES_IN_SOURCE].filter(([code]) => !(ERROR_CODES as readonly string[]).includes(code)).map(([c, f]) => `${c} (${f})`);
    expect(undeclared).toEqual([]);
    for (const code of ERROR_CODES) {
      const problem = DOMAIN_PROBLEMS[code];
      expect(PROBLEMS).toHaveProperty(problem);
      expect(PROBLEMS[problem].title_zh).toMatch(CJK);
    }
  });
});
