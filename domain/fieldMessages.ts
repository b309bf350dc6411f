/**
 * Field errors in plain Chinese, naming the field by its label (domain/fieldLabels.ts):
 * 「身份证号」必须填写, 第4项的「核查结论」不是可选的值, 「统一社会信用代码」格式不正确，应为18位.
 *
 * Two pieces: `zhErrorMap`, a zod error map for every check that carries no message of its own (a
 * missing field, a wrong type, a number out of range, an unknown choice), and `onField`, the
 * message a schema gives its own checks, naming the field it turns out to be attached to. zod
 * builds an issue's message only once the whole input is parsed, so both see the field's full path.
 * The API parses every request with this map (api/http/openapi.ts); the console may install it
 * with `z.config({ customError: zhErrorMap })`.
 */
import { z } from 'zod';
import type { FieldIssue } from './errors';
import { fieldSubject } from './fieldLabels';

type Path = readonly PropertyKey[];
type RawIssue = z.core.$ZodRawIssue;

/** A schema's own Chinese label for its field (`.meta({ title })`), which outranks the table. */
function titleOf(schema: unknown): string | undefined {
  if (!schema || typeof schema !== 'object' || !('_zod' in schema)) return undefined;
  const title = z.globalRegistry.get(schema as z.core.$ZodType)?.title;
  return typeof title === 'string' && /\p{Script=Han}/u.test(title) ? title : undefined;
}

/** The title of the schema an issue is about: the one that raised it, or the one whose check did. */
const ownTitle = (iss: RawIssue): string | undefined => titleOf(iss.inst) ?? titleOf((iss as { schema?: unknown }).schema);

/** The message for a field: its subject (「label」) and what is wrong with it; `whole` names the input itself. */
export function fieldMessage(path: Path, text: string, opts: { title?: string; whole?: string } = {}): string {
  return `${fieldSubject(path, opts.title) || (opts.whole ?? '')}${text}`;
}

/**
 * A schema's own message for one of its checks, naming the field: `.min(1, { error: onField('不得为空') })`
 * reads 「行动名称」不得为空 inside a campaign, and 不得为空 when the value is parsed alone.
 */
export function onField(text: string): (iss: RawIssue) => string {
  return (iss) => fieldMessage(iss.path ?? [], text, { title: ownTitle(iss) });
}

const TYPES_ZH: Record<string, string> = {
  string: '文本',
  number: '数字',
  int: '整数',
  bigint: '整数',
  boolean: '是或否（true/false）',
  array: '列表',
  object: '对象',
  date: '日期',
  null: '空值',
  file: '文件',
  record: '对象',
};

const FORMATS_ZH: Record<string, string> = {
  email: '应为有效的电子邮箱地址',
  url: '应为有效的网址（以 http:// 或 https:// 开头）',
  uuid: '应为有效的编号（UUID 格式）',
  guid: '应为有效的编号（UUID 格式）',
  datetime: '应为带时区的日期时间，如 2024-11-01T09:00:00+08:00',
  date: '应为日期，格式为年-月-日，如 2024-11-01',
  time: '应为时间，如 09:00',
  ipv4: '应为有效的网络地址',
  ipv6: '应为有效的网络地址',
};

const bound = (n: number | bigint): string => String(n);

/** What is wrong, in Chinese, for a check that gave no message of its own. */
export function describeIssue(iss: RawIssue): string {
  switch (iss.code) {
    case 'invalid_type':
      if (iss.input === undefined) return '必须填写';
      return `应为${TYPES_ZH[iss.expected] ?? '正确的类型'}`;
    case 'too_small': {
      const min = bound(iss.minimum);
      switch (iss.origin) {
        case 'string':
          return Number(iss.minimum) <= 1 ? '不得为空' : `至少${min}个字符`;
        case 'array':
        case 'set':
          return Number(iss.minimum) <= 1 ? '至少选择一项' : `至少${min}项`;
        case 'date':
          return `不得早于${min}`;
        default:
          return iss.inclusive === false ? `应大于${min}` : `不得小于${min}`;
      }
    }
    case 'too_big': {
      const max = bound(iss.maximum);
      switch (iss.origin) {
        case 'string':
          return `不得超过${max}个字符`;
        case 'array':
        case 'set':
          return `最多${max}项`;
        case 'file':
          return `不得超过${max}字节`;
        case 'date':
          return `不得晚于${max}`;
        default:
          return iss.inclusive === false ? `应小于${max}` : `不得大于${max}`;
      }
    }
    case 'invalid_format':
      return FORMATS_ZH[iss.format] ?? '格式不正确';
    case 'not_multiple_of':
      return `应为${bound(iss.divisor)}的倍数`;
    case 'unrecognized_keys':
      return `含有无法识别的字段：${iss.keys.join('、')}`;
    case 'invalid_key':
      return '含有无法识别的键';
    case 'invalid_element':
      return '含有不正确的元素';
    case 'invalid_union':
      return 'discriminator' in iss && iss.discriminator ? '不是可选的值' : '不符合任何一种允许的填写方式';
    case 'invalid_value':
      return '不是可选的值';
    case 'custom':
      return '不符合要求';
    default:
      return '不正确';
  }
}

/** The zod error map for every check without its own message: the field's label and what is wrong. */
export const zhErrorMap: z.core.$ZodErrorMap = (iss) => fieldMessage(iss.path ?? [], describeIssue(iss), { title: ownTitle(iss), whole: '请求内容' });

/** A zod error's issues as field issues (paths dot-separated, positions from 0), prefixed when given (`body`). */
export function fieldIssues(error: z.ZodError, prefix?: string): FieldIssue[] {
  return error.issues.map((i) => ({ path: [...(prefix ? [prefix] : []), ...i.path.map(String)].join('.'), message: i.message }));
}
