/**
 * Issue 18: a field error names its field in Chinese. Every field a route's request can carry (body,
 * path, query string, headers, read from the OpenAPI document the routes' schemas make) has a label
 * in domain/fieldLabels.ts or a title of its own; the messages built from them read as the console
 * shows them beside the field.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { z } from 'zod';
import { CampaignConfig, pastDateWarnings } from '../../../domain/campaignConfig';
import { calendarDaysBetween, deadlineInstant, SEED_CALENDAR } from '../../../domain/calendar';
import { CaseDecision } from '../../../domain/outcomes';
import { FIELD_LABELS, fieldLabel, fieldSubject } from '../../../domain/fieldLabels';
import { fieldIssues, zhErrorMap } from '../../../domain/fieldMessages';

const ROOT = path.resolve(__dirname, '..', '..', '..');

/** /openapi.json, from scripts/generateApiTypes.ts (jest cannot load the server's ES-module dependencies). */
function openApiDocument(): Promise<OpenApi> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--require', 'tsx/cjs', path.join(ROOT, 'scripts', 'generateApiTypes.ts'), '--document'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, HOME: process.env.HOME },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as OpenApi) : reject(new Error(err))));
  });
}

interface Schema {
  title?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
}
interface OpenApi {
  paths: Record<
    string,
    Record<string, { parameters?: { in: string; name: string; schema?: Schema }[]; requestBody?: { content?: Record<string, { schema?: Schema }> } }>
  >;
}

/** Every field path of a request schema, list items by their list's name, with the title the schema gives it. */
function fields(s: Schema | undefined, at: string[] = []): { path: string[]; title?: string }[] {
  if (!s) return [];
  const own = Object.entries(s.properties ?? {}).flatMap(([name, p]) => [{ path: [...at, name], title: p.title }, ...fields(p, [...at, name])]);
  return [...own, ...fields(s.items, at), ...[...(s.anyOf ?? []), ...(s.oneOf ?? []), ...(s.allOf ?? [])].flatMap((x) => fields(x, at))];
}

describe('field labels', () => {
  it('label every field of every request the API takes', async () => {
    const doc = await openApiDocument();
    const unlabelled = new Set<string>();
    let seen = 0;
    for (const [route, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const all = [
          ...(op.parameters ?? []).map((p) => ({ path: [p.name], title: p.schema?.title })),
          ...Object.values(op.requestBody?.content ?? {}).flatMap((c) => fields(c.schema)),
        ];
        for (const f of all) {
          seen++;
          if (!f.title && !fieldLabel(f.path)) unlabelled.add(`${method.toUpperCase()} ${route}: ${f.path.join('.')}`);
        }
      }
    }
    expect(seen).toBeGreaterThan(150);
    expect([...unlabelled]).toEqual([]);
  }, 120_000);

  it('are Chinese', () => {
    expect(Object.entries(FIELD_LABELS).filter(([, label]) => !/\p{Script=Han}/u.test(label))).toEqual([]);
  });

  it('name a field by the longest labelled tail of its path, its place in a list, a map key beside its map', () => {
    expect(fieldSubject(['calendar', 'selfCheck', 'deadline'])).toBe('「自查自纠截止日期」');
    expect(fieldSubject(['items', 3, 'decision', 'outcome'])).toBe('第4项的「核查结论」');
    expect(fieldSubject(['items', 3, 'decision'])).toBe('第4项的「核查结论」');
    expect(fieldSubject(['decision'])).toBe('「审核结果」');
    expect(fieldSubject(['cities', 2])).toBe('「参与市（州）」第3项');
    expect(fieldSubject(['rules', 'riskWeights', 'OVER_AGE'])).toBe('「风险权重」（OVER_AGE）');
    expect(fieldSubject([])).toBe('');
  });
});

describe('the Chinese error map', () => {
  const parse = <T extends z.ZodType>(schema: T, value: unknown) => fieldIssues(schema.safeParse(value, { error: zhErrorMap }).error!);

  it('says what is wrong with a field in plain Chinese, never in zod’s words', () => {
    const issues = parse(CampaignConfig, {
      id: 'ok-id',
      name: '测试',
      cities: [],
      dataSources: { snapshotId: -1 },
      rules: { windowMonths: 2.5, lagThreshold: 2, dueSoonDays: 'x' },
      notifications: { webhook: { url: 'not a url' }, smtp: { host: 'h', from: 'nobody', to: [] } },
      clock: { kind: 'sundial' },
    });
    expect(Object.fromEntries(issues.map((i) => [i.path, i.message]))).toEqual({
      cities: '「参与市（州）」至少选择一项',
      'dataSources.snapshotId': '「数据快照编号」应大于0',
      'rules.windowMonths': '「比对窗口（月）」应为整数',
      'rules.lagThreshold': '「进展不力判定比例」不得大于1',
      'rules.dueSoonDays': '「临期提醒（截止前天数）」应为列表',
      'notifications.webhook.url': '「回调地址」应为有效的网址（以 http:// 或 https:// 开头）',
      'notifications.smtp.from': '「发件地址」应为有效的电子邮箱地址',
      'notifications.smtp.to': '「收件地址」至少选择一项',
      'clock.kind': '「时钟类型」不是可选的值',
    });
    for (const i of issues) expect(i.message).not.toMatch(/expected|invalid|required|received/i);
  });

  it('names the unit code of a violation and its faults', () => {
    const issues = parse(CaseDecision, { outcome: 'VIOLATION', actualEmployer: { name: '某公司', code: '123' }, evidence: '社保在他处缴纳' });
    expect(issues).toEqual([{ path: 'actualEmployer.code', message: expect.stringMatching(/^「实际工作单位统一社会信用代码」格式不正确，应为18位/) }]);
  });
});

describe('warnings before a launch', () => {
  const config = CampaignConfig.parse({ id: 'w', name: '提醒', dataSources: { snapshotId: 1 }, calendar: SEED_CALENDAR });

  it('name each date already past on the campaign clock, and none that is today or later', () => {
    // 2024-11-01 10:00 in Shanghai: the self-check ended yesterday; the investigation started today.
    const at = Date.parse('2024-11-01T10:00:00+08:00');
    expect(pastDateWarnings(config, at).map((w) => w.path)).toEqual(['calendar.selfCheck.start', 'calendar.selfCheck.deadline']);
    expect(pastDateWarnings(config, at)[1].message).toMatch(/^「自查自纠截止日期」（2024-10-31）已过/);
    expect(pastDateWarnings(config, Date.parse('2024-10-31T23:59:59+08:00')).map((w) => w.path)).toEqual(['calendar.selfCheck.start']);
    expect(pastDateWarnings(config, Date.parse('2024-09-01T00:00:00+08:00'))).toEqual([]);
  });

  it('count a compressed clock’s days, not the wall clock’s', () => {
    const start = '2030-01-01T00:00:00Z';
    const compressed = { ...config, clock: { kind: 'compressed' as const, start, minutesPerDay: 1 } };
    // Sixty-one minutes in: calendar day 62, 2024-11-01.
    expect(pastDateWarnings(compressed, Date.parse(start) + 61.5 * 60_000).map((w) => w.path)).toEqual([
      'calendar.selfCheck.start',
      'calendar.selfCheck.deadline',
    ]);
  });

  it('count calendar days late from the deadline day: 1 on the day after it', () => {
    expect(calendarDaysBetween('2024-10-31', '2024-10-31')).toBe(0);
    expect(calendarDaysBetween('2024-10-31', '2024-11-01')).toBe(1);
    expect(calendarDaysBetween('2024-10-31', '2025-01-01')).toBe(62);
    // The deadline instant itself belongs to the next day.
    expect(new Date(deadlineInstant('2024-10-31').getTime() + 8 * 3_600_000).toISOString().slice(0, 10)).toBe('2024-11-01');
  });
});
