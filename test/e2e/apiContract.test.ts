/**
 * The typed contract from the routes to the console: every answer is described in /openapi.json,
 * an answer outside its schema never leaves the server, and the console's generated types
 * (web/src/api/schema.d.ts) are the ones the current routes produce.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import { z } from 'zod';
import { useZodContract } from '../../api/http/openapi';

const ROOT = path.resolve(__dirname, '..', '..');
const TYPES_FILE = path.join(ROOT, 'web', 'src', 'api', 'schema.d.ts');

/** Runs scripts/generateApiTypes.ts the way `npm run api:types` does (jest cannot load jose, an ES module the server needs). */
function generator(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--require', 'tsx/cjs', path.join(ROOT, 'scripts', 'generateApiTypes.ts'), ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, HOME: process.env.HOME },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  format?: string;
}
interface Operation {
  responses?: Record<string, { content?: Record<string, { schema?: JsonSchema }> }>;
}

/** An object that says nothing about its fields: what `AnyObject` used to put in the document. */
const isOpenObject = (s: JsonSchema | undefined): boolean => !s || (!s.type && !s.anyOf && !s.oneOf && !s.properties) || (s.type === 'object' && !s.properties);

/** Where an answer could hide an undescribed object: the answer itself, or the items of one of its lists. */
function undescribed(s: JsonSchema | undefined): string[] {
  if (isOpenObject(s)) return ['(the answer)'];
  const alternatives = s!.anyOf ?? s!.oneOf;
  if (alternatives) return alternatives.flatMap(undescribed);
  return Object.entries(s!.properties ?? {})
    .filter(([, p]) => p.type === 'array' && p.items && isOpenObject(p.items))
    .map(([name]) => `${name}[]`);
}

describe('the API contract', () => {
  it('describes every success answer of every route in /openapi.json, none as an open object', async () => {
    const { code, stdout, stderr } = await generator(['--document']);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const document = JSON.parse(stdout) as { paths: Record<string, Record<string, Operation>> };
    const operations = Object.entries(document.paths).flatMap(([p, ops]) =>
      Object.entries(ops).map(([method, op]) => ({ name: `${method.toUpperCase()} ${p}`, op })),
    );
    expect(operations.length).toBeGreaterThan(30);
    const gaps = operations.flatMap(({ name, op }) => {
      const success = Object.entries(op.responses ?? {}).filter(([status]) => /^2\d\d$/.test(status));
      if (success.length === 0) return [`${name}: no success answer declared`];
      return success.flatMap(([status, r]) => {
        if (status === '204') return [];
        const media = Object.entries(r.content ?? {});
        if (media.length === 0) return [`${name} ${status}: no content`];
        return media.flatMap(([type, m]) =>
          type === 'application/json'
            ? undescribed(m.schema).map((where) => `${name} ${status}: ${where} is an open object`)
            : m.schema?.type === 'string'
              ? []
              : [`${name} ${status} ${type}: not described as a string or file`],
        );
      });
    });
    expect(gaps).toEqual([]);
  });

  it('keeps web/src/api/schema.d.ts equal to what the current routes generate, and says so when it is stale', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'gz-api-types-'));
    try {
      const stale = path.join(dir, 'schema.d.ts');
      copyFileSync(TYPES_FILE, stale);
      // A route whose answer gained a field, as seen by a types file generated before it.
      writeFileSync(stale, readFileSync(stale, 'utf8').replace('fileName: string;', 'fileName: string;\n          title: string;'));
      const [current, outdated] = await Promise.all([generator(['--check']), generator(['--check', '--file', stale])]);
      expect({ code: current.code, stderr: current.stderr }).toEqual({ code: 0, stderr: '' });
      expect(outdated.code).toBe(1);
      expect(outdated.stderr).toMatch(/does not match the routes' OpenAPI document: run npm run api:types/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  describe('an answer checked against its schema before it leaves', () => {
    // Without the type provider's typing, so the handler may answer what the schema refuses.
    const app = Fastify();
    let answer: unknown;
    let url = '';
    beforeAll(async () => {
      useZodContract(app);
      app.get('/probe', { schema: { response: { 200: z.object({ caseId: z.string(), riskScore: z.number().int() }) } } }, async () => answer);
      // Over real HTTP: fastify's inject needs an ES module jest's registry cannot load.
      url = `${await app.listen({ port: 0, host: '127.0.0.1' })}/probe`;
    });
    afterAll(() => app.close());

    it('fails (500) when a route answers something its schema does not allow', async () => {
      answer = { caseId: 'c-1', riskScore: 'high' };
      const res = await fetch(url);
      expect(res.status).toBe(500);
      expect(await res.text()).not.toContain('c-1');
    });

    it('sends an allowed answer with only the fields the schema names', async () => {
      answer = { caseId: 'c-1', riskScore: 40, name: '张三' };
      const res = await fetch(url);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ caseId: 'c-1', riskScore: 40 });
    });
  });
});
