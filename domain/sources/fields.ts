/**
 * Cell-level schemas shared by the source definitions. Every schema takes the
 * trimmed cell text ('' when the cell is empty or the column is absent) and
 * either returns the normalised value or fails with a reason an official can
 * act on: short Chinese, English in parentheses, never the cell's content
 * (reasons end up in logs; the value is reported separately).
 */
import { z } from 'zod';
import { resolveCertCategory, type CertCategory } from '../certCategories';
import { resolveCity, JILIN_CITIES, type City } from '../cities';
import { parseIdNumber, isRealDate } from '../idNumber';
import { normaliseUnitName } from '../unitMatching';
import { isScientificNumber, NUMBER_LOST_DIGITS } from '../spreadsheetNumbers';
import { isValidUscc, normaliseUscc, resolveUnitKind, type UnitKind } from '../uscc';

export const REASONS = {
  required: '必填项为空 (required value is empty)',
  period: '年月格式错误，应为YYYY-MM (malformed period, expected YYYY-MM)',
  date: '日期格式错误，应为YYYY-MM-DD (malformed date, expected YYYY-MM-DD)',
  year: '年份格式错误，应为四位年份 (malformed year, expected YYYY)',
  category: '未知的注册类别 (unknown certificate category)',
  city: '未知的市州 (unknown city)',
  regStatus: '未知的注册状态 (unknown registration status)',
  insuredStatus: '未知的参保状态 (unknown insured status)',
  unitKind: '未知的单位类型 (unknown unit kind)',
  usccInvalid: '统一社会信用代码无效 (invalid unified social credit code)',
  usccIgnored: '统一社会信用代码无效，已忽略，按单位名称匹配 (invalid unified social credit code ignored; unit matched by name)',
  usccNumberIgnored: `${NUMBER_LOST_DIGITS}；统一社会信用代码已忽略，按单位名称匹配 (code ignored; unit matched by name)`,
  regionIgnored: '参保地应为6位行政区划代码，已忽略 (region code must be 6 digits; ignored)',
  unitForEmployed: '在职参保记录须填写参保单位 (unit required unless retired or flexible)',
} as const;

type Ctx = z.core.$RefinementCtx<string>;
function fail(ctx: Ctx, message: string): never {
  ctx.addIssue({ code: 'custom', message });
  return z.NEVER;
}

/** A cell check's verdict when the cell is unusable: the reason, as the schema reports it. */
export class Bad {
  constructor(readonly reason: string) {}
}
/** A cell check as a plain function: the normalised value, or Bad. The zod schemas wrap these. */
export type Check<T> = (v: string) => T | Bad;

const BAD = Object.fromEntries(Object.entries(REASONS).map(([k, r]) => [k, new Bad(r)])) as Record<keyof typeof REASONS, Bad>;

// A file repeats each ID number about a dozen times and each unit name thousands of times.
const MEMO_LIMIT = 200_000;

/** Caches a pure per-value function; the cache is dropped whole when it passes MEMO_LIMIT entries. */
export function memo<R>(fn: (v: string) => R): (v: string) => R {
  let cache = new Map<string, R>();
  return (v: string): R => {
    let r = cache.get(v);
    if (r === undefined && !cache.has(v)) {
      r = fn(v);
      if (cache.size >= MEMO_LIMIT) cache = new Map();
      cache.set(v, r);
    }
    return r as R;
  };
}

function fromCheck<T>(check: Check<T>) {
  return z.string().transform((v, ctx): T => {
    const r = check(v);
    return r instanceof Bad ? fail(ctx, r.reason) : r;
  });
}

/** A required text cell. */
export const requiredTextCheck: Check<string> = (v) => (v === '' ? BAD.required : v);
export const requiredText = () => fromCheck(requiredTextCheck);

/** An optional text cell: empty becomes null. */
export const optionalTextCheck: Check<string | null> = (v) => (v === '' ? null : v);

/** Resident ID number; 15-digit legacy numbers become 18 characters. */
export const idNumberCheck: Check<string> = memo((v): string | Bad => {
  if (v === '') return BAD.required;
  const parsed = parseIdNumber(v);
  return parsed.ok ? parsed.id18 : new Bad(parsed.reason);
});
export const idNumber = () => fromCheck(idNumberCheck);

// Forms officials type for a month: 2024-09, 2024-9, 2024/09, 2024.09, 202409, 2024年9月.
const PERIOD = /^(\d{4})(?:[-/.年]\s*(\d{1,2})\s*月?|(\d{2}))$/;
// And for a day: 2024-09-01, 2024/9/1, 2024.09.01, 20240901, 2024年9月1日.
const DATE = /^(\d{4})(?:[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?|(\d{2})(\d{2}))$/;
const MIN_YEAR = 1900;
const MAX_YEAR = 2100;

/** 'YYYY-MM-01' for a period cell, or undefined when malformed. */
export function parsePeriod(raw: string): string | undefined {
  const m = PERIOD.exec(raw);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2] ?? m[3]);
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12) return undefined;
  return `${m[1]}-${String(month).padStart(2, '0')}-01`;
}

/** 'YYYY-MM-DD' for a date cell, or undefined when malformed or not a real day. */
export function parseDate(raw: string): string | undefined {
  const m = DATE.exec(raw);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2] ?? m[4]);
  const day = Number(m[3] ?? m[5]);
  if (year < MIN_YEAR || year > MAX_YEAR || !isRealDate(year, month, day)) return undefined;
  return `${m[1]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export const periodCheck: Check<string> = memo((v) => (v === '' ? BAD.required : (parsePeriod(v) ?? BAD.period)));

export const requiredDateCheck: Check<string> = memo((v) => (v === '' ? BAD.required : (parseDate(v) ?? BAD.date)));
export const requiredDate = () => fromCheck(requiredDateCheck);

export const optionalDateCheck: Check<string | null> = memo((v) => (v === '' ? null : (parseDate(v) ?? BAD.date)));
export const optionalDate = () => fromCheck(optionalDateCheck);

export const yearCheck: Check<number> = (v) => {
  if (v === '') return BAD.required;
  const y = /^\d{4}$/.test(v) ? Number(v) : NaN;
  return y >= MIN_YEAR && y <= MAX_YEAR ? y : BAD.year;
};
export const year = () => fromCheck(yearCheck);

/** The normalised code and whether it passes its check, per raw cell. */
const usccOf = memo((v: string): { code: string; valid: boolean } => {
  const code = normaliseUscc(v);
  return { code, valid: code !== '' && isValidUscc(code) };
});

/**
 * An optional USCC. An invalid one is dropped (null), not a rejection: real
 * registers hold a few such codes; `usccWarning` reports it.
 */
export const optionalUsccCheck: Check<string | null> = (v) => {
  const u = usccOf(v);
  return u.valid ? u.code : null;
};
export const optionalUscc = () => fromCheck(optionalUsccCheck);

/**
 * The city a valid USCC's registration authority is in: characters 3–8 are its administrative
 * division code (GB 32100-2015), the first four of which name a 市（州）. Undefined for a code of a
 * provincial authority (2200xx), of another province, or one no city of `cities` has.
 */
function usccCity(code: string, cities: readonly City[] = JILIN_CITIES): City | undefined {
  const div = code.slice(2, 6);
  return cities.find((c) => c.code === div);
}

/**
 * An optional USCC in a city's own upload (a 住房公积金管理中心 uploads its city's fund data): a
 * valid code registered in another city of the province rejects the row; a code that names no
 * city (absent, invalid, provincial, another province's) says nothing of the row's city and passes.
 */
export const ownCityUsccCheck = (own: City, cities: readonly City[] = JILIN_CITIES): Check<string | null> =>
  memo((v) => {
    const u = usccOf(v);
    if (!u.valid) return null;
    const other = usccCity(u.code, cities);
    if (other && other.code !== own.code) {
      return new Bad(
        `缴存单位统一社会信用代码的登记机关在${other.name}，不是${own.name}的公积金缴存数据，本行未导入（住房公积金管理中心只能上传本市（州）的数据）` +
          ` (the unit is registered in another city; a city's fund centre uploads its own city's rows only)`,
      );
    }
    return u.code;
  });

/** The units file's key: a code that fails its check rejects the row. */
export const requiredUsccCheck: Check<string> = (v) => {
  const u = usccOf(v);
  if (u.code === '') return BAD.required;
  if (u.valid) return u.code;
  return isScientificNumber(u.code) ? new Bad(NUMBER_LOST_DIGITS) : BAD.usccInvalid;
};
export const requiredUscc = () => fromCheck(requiredUsccCheck);

export function usccWarning(raw: string): string | undefined {
  const u = usccOf(raw);
  if (u.code === '' || u.valid) return undefined;
  return isScientificNumber(u.code) ? REASONS.usccNumberIgnored : REASONS.usccIgnored;
}

const REGION = /^\d{6}$/;
/** 6-digit division code; a malformed optional code is dropped with a warning, like a USCC. */
export const regionCodeCheck: Check<string | null> = (v) => (REGION.test(v) ? v : null);
export function regionWarning(raw: string): string | undefined {
  return raw !== '' && !REGION.test(raw) ? REASONS.regionIgnored : undefined;
}

export const certCategoryCheck: Check<CertCategory> = memo((v) => (v === '' ? BAD.required : (resolveCertCategory(v) ?? BAD.category)));
export const certCategory = () => fromCheck(certCategoryCheck);

export const cityCodeCheck = (cities: readonly City[] = JILIN_CITIES): Check<string> =>
  memo((v) => (v === '' ? BAD.required : (resolveCity(v, cities)?.code ?? BAD.city)));

/** An enum given as its English code (any case) or its Chinese label; empty takes the default. */
function labelledEnumCheck<T extends string>(labels: Record<T, readonly string[]>, fallback: T, reason: string): Check<T> {
  const byKey = new Map<string, T>();
  for (const code of Object.keys(labels) as T[]) {
    byKey.set(code.toLowerCase(), code);
    for (const label of labels[code]) byKey.set(label, code);
  }
  const bad = new Bad(reason);
  return memo((v): T | Bad => {
    if (v === '') return fallback;
    return byKey.get(v.normalize('NFKC').replace(/\s+/g, '').toLowerCase()) ?? bad;
  });
}

export const RegistrationStatus = z.enum(['valid', 'revoked', 'cancelled']);
export type RegistrationStatus = z.infer<typeof RegistrationStatus>;
export const registrationStatusCheck = labelledEnumCheck<RegistrationStatus>(
  { valid: ['有效'], revoked: ['撤销', '已撤销'], cancelled: ['注销', '已注销'] },
  'valid',
  REASONS.regStatus,
);

export const InsuredStatus = z.enum(['employed', 'retired', 'flexible']);
export type InsuredStatus = z.infer<typeof InsuredStatus>;
export const insuredStatusCheck = labelledEnumCheck<InsuredStatus>(
  { employed: ['在职'], retired: ['退休'], flexible: ['灵活就业'] },
  'employed',
  REASONS.insuredStatus,
);

export const unitKindCheck: Check<UnitKind> = memo((v) => (v === '' ? ('enterprise' as const) : (resolveUnitKind(v) ?? BAD.unitKind)));
export const unitKind = () => fromCheck(unitKindCheck);

/** normaliseUnitName, cached per name. */
export const unitNameNorm = memo(normaliseUnitName);

/** What a record of cell checks yields when every cell passes. */
export type Checked<S> = { [K in keyof S]: S[K] extends (v: string) => infer R ? Exclude<R, Bad> : never };

/** The zod shape of a record of cell checks: one schema per column, reporting each check's reason. */
export function zodFields<S extends Record<string, Check<unknown>>>(checks: S): { [K in keyof S]: z.ZodType<Checked<S>[K], string> } {
  const shape: Record<string, z.ZodType<unknown, string>> = {};
  for (const k of Object.keys(checks)) shape[k] = fromCheck(checks[k]);
  return shape as { [K in keyof S]: z.ZodType<Checked<S>[K], string> };
}

/**
 * The same checks without zod, for the import's hot path: the finished row
 * when every cell passes and `finish` accepts it, else undefined (the caller
 * then runs the zod schema, which gives the reasons).
 */
export function plainRow<S extends Record<string, Check<unknown>>, R extends object>(
  checks: S,
  finish: (r: Checked<S>) => R | undefined,
): (raw: Record<string, unknown>) => R | undefined {
  const keys = Object.keys(checks);
  const fns = keys.map((k) => checks[k]);
  return (raw) => {
    const out: Record<string, unknown> = {};
    for (let i = 0; i < keys.length; i++) {
      const v = raw[keys[i]];
      if (typeof v !== 'string') return undefined;
      const r = fns[i](v);
      if (r instanceof Bad) return undefined;
      out[keys[i]] = r;
    }
    return finish(out as Checked<S>);
  };
}
