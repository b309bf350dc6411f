/**
 * The shared text type (domain/text.ts) and the proof that every string an API request can carry
 * (body, path, query, header) goes through it or through a pattern at least as strict.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { CaseDecision } from '../../../domain/outcomes';
import { FREE_TEXT_PATTERN, freeText, LINE_TEXT_PATTERN, nameText, plainText, showRefused, textRefusal } from '../../../domain/text';

const ROOT = path.resolve(__dirname, '..', '..', '..');

/** Every character the text type refuses, one per class: C0, DEL, C1, bidi overrides and isolates, zero-width, BOM. */
const HOSTILE = ['\u0000', '\u0001', '\u001B', '\u007F', '\u0085', '\u009F', '\u200B', '\u200D', '\u202A', '\u202E', '\u2066', '\u2069', '\uFEFF'];

describe('the shared text type', () => {
  it('refuses NUL, other control characters, bidi overrides and zero-width characters, in Chinese', () => {
    for (const schema of [plainText({ max: 50 }), nameText({ max: 50 }), freeText({ max: 50 })]) {
      for (const ch of HOSTILE) {
        const r = schema.safeParse(`公安${ch}机关`);
        expect(r.success).toBe(false);
        expect(r.error!.issues[0].message).toMatch(/不得含有.*控制字符/);
      }
    }
  });

  it('keeps line breaks and tabs in free text only', () => {
    expect(freeText({ max: 50 }).parse('第一行\n\t第二行')).toBe('第一行\n\t第二行');
    expect(nameText({ max: 50 }).safeParse('公安\n机关').success).toBe(false);
    expect(plainText({ max: 50 }).safeParse('case\t1').success).toBe(false);
  });

  it('normalises names and free text to NFC and trims them; ids stay as sent', () => {
    expect(nameText({ max: 50 }).parse(' Cafe\u0301 ')).toBe('Café');
    expect(freeText({ max: 50 }).parse('e\u0301')).toBe('é');
    expect(plainText({ max: 50 }).parse(' c-1 ')).toBe(' c-1 ');
  });

  it('bounds the length and refuses blank text, saying so in Chinese', () => {
    expect(freeText({ max: 5 }).safeParse('一二三四五六').error!.issues[0].message).toBe('不得超过5个字符');
    expect(nameText({ max: 5 }).safeParse('   ').error!.issues[0].message).toBe('不得为空');
  });

  it("refuses the penetration test's decision: a NUL in the receiving authority", () => {
    const r = CaseDecision.safeParse({ outcome: 'TRANSFERRED', receivingAuthority: '公安\u0000机关' });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0].path).toEqual(['receivingAuthority']);
  });

  it('names the position and code point of the first refused character in a cell', () => {
    expect(textRefusal('张三\u0000')).toMatch(/第3个字符，U\+0000/);
    expect(textRefusal('多行\n说明', 'free')).toBeUndefined();
    expect(textRefusal('多行\n名称', 'line')).toMatch(/U\+000A/);
  });

  it('shows refused characters by code point where the text must be kept (rejects reports, audit rows)', () => {
    expect(showRefused('c\u0000-1\u202E')).toBe('c<U+0000>-1<U+202E>');
    expect(showRefused('第一行\n第二行')).toBe('第一行\n第二行');
    expect(showRefused('第一行\n第二行', 'line')).toBe('第一行<U+000A>第二行');
  });
});

interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  additionalProperties?: JsonSchema | boolean;
  propertyNames?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
}
interface Parameter {
  in: string;
  name: string;
  schema?: JsonSchema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}
interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

/** GET /openapi.json's document, generated as `npm run api:types -- --document` does (jest cannot load jose, which the server needs). */
function openApiDocument(): Promise<OpenApiDocument> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--require', 'tsx/cjs', path.join(ROOT, 'scripts', 'generateApiTypes.ts'), '--document'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, HOME: process.env.HOME },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(stdout) as OpenApiDocument) : reject(new Error(stderr))));
  });
}

/** Every string a request can carry, with where it sits. */
function requestStrings(doc: OpenApiDocument): { where: string; schema: JsonSchema }[] {
  const found: { where: string; schema: JsonSchema }[] = [];
  const walk = (raw: JsonSchema | undefined, where: string, seen: Set<string>): void => {
    if (!raw) return;
    let s = raw;
    if (s.$ref) {
      const name = s.$ref.split('/').pop()!;
      if (seen.has(name)) return;
      seen = new Set(seen).add(name);
      s = doc.components?.schemas?.[name] ?? {};
    }
    const types = Array.isArray(s.type) ? s.type : [s.type];
    if (types.includes('string') && s.enum === undefined && s.const === undefined) found.push({ where, schema: s });
    for (const [k, v] of Object.entries(s.properties ?? {})) walk(v, `${where}.${k}`, seen);
    walk(s.items, `${where}[]`, seen);
    if (typeof s.additionalProperties === 'object') walk(s.additionalProperties, `${where}{}`, seen);
    walk(s.propertyNames, `${where}{key}`, seen);
    for (const alt of [...(s.anyOf ?? []), ...(s.oneOf ?? []), ...(s.allOf ?? [])]) walk(alt, where, seen);
  };
  for (const [route, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const name = `${method.toUpperCase()} ${route}`;
      for (const p of op.parameters ?? []) walk(p.schema, `${name} ${p.in}:${p.name}`, new Set());
      for (const [type, c] of Object.entries(op.requestBody?.content ?? {})) walk(c.schema, `${name} body(${type})`, new Set());
    }
  }
  return found;
}

/**
 * A pattern other than the text type's may stand in for it only if it lists what it allows (no
 * negated class, no wildcard) and refuses each hostile character wherever it sits.
 */
function refusesHostileText(pattern: string): boolean {
  if (pattern === FREE_TEXT_PATTERN.source || pattern === LINE_TEXT_PATTERN.source) return true;
  if (/\[\^|(?<!\\)\./.test(pattern.replace(/\\\\/g, ''))) return false;
  const re = new RegExp(pattern);
  return HOSTILE.every((ch) => ['', 'a', '2201', 'c-1'].every((base) => !re.test(`${base}${ch}`) && !re.test(`${ch}${base}`)));
}

describe('every string field of every API request', () => {
  it('carries the text type (or a stricter pattern) in /openapi.json', async () => {
    const strings = requestStrings(await openApiDocument());
    // Bodies, paths, query strings and headers of the ~40 operations.
    expect(strings.length).toBeGreaterThan(60);
    const unguarded = strings.filter(({ schema }) => !schema.pattern || !refusesHostileText(schema.pattern)).map((s) => s.where);
    expect(unguarded).toEqual([]);
  });
});
