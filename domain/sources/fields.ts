/**
 * Cell-level schemas shared by the source definitions. Every schema takes the
 * trimmed cell text ('' when the cell is empty or the column is absent) and
 * either returns the normalised value or fails with a reason an official can
 * act on: short Chinese, English in parentheses, never the cell's content
 * (reasons end up in logs; the value is reported separately).
 */
import { z } from 'zod';
import { resolveCertCategory } from '../certCategories';
import { resolveCity, JILIN_CITIES, type City } from '../cities';
import { parseIdNumber, isRealDate } from '../idNumber';
import { isValidUscc, normaliseUscc, resolveUnitKind } from '../uscc';

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
  regionIgnored: '参保地应为6位行政区划代码，已忽略 (region code must be 6 digits; ignored)',
  unitForEmployed: '在职参保记录须填写参保单位 (unit required unless retired or flexible)',
} as const;

type Ctx = z.core.$RefinementCtx<string>;
function fail(ctx: Ctx, message: string): never {
  ctx.addIssue({ code: 'custom', message });
  return z.NEVER;
}

/** A required text cell. */
export const requiredText = () => z.string().transform((v, ctx) => (v === '' ? fail(ctx, REASONS.required) : v));

/** An optional text cell: empty becomes null. */
export const optionalText = () => z.string().transform((v): string | null => (v === '' ? null : v));

/** Resident ID number; 15-digit legacy numbers become 18 characters. */
export const idNumber = () =>
  z.string().transform((v, ctx) => {
    if (v === '') return fail(ctx, REASONS.required);
    const parsed = parseIdNumber(v);
    return parsed.ok ? parsed.id18 : fail(ctx, parsed.reason);
  });

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

export const period = () =>
  z.string().transform((v, ctx) => (v === '' ? fail(ctx, REASONS.required) : parsePeriod(v) ?? fail(ctx, REASONS.period)));

export const requiredDate = () =>
  z.string().transform((v, ctx) => (v === '' ? fail(ctx, REASONS.required) : parseDate(v) ?? fail(ctx, REASONS.date)));

export const optionalDate = () =>
  z.string().transform((v, ctx): string | null => (v === '' ? null : parseDate(v) ?? fail(ctx, REASONS.date)));

export const year = () =>
  z.string().transform((v, ctx) => {
    if (v === '') return fail(ctx, REASONS.required);
    const y = /^\d{4}$/.test(v) ? Number(v) : NaN;
    return y >= MIN_YEAR && y <= MAX_YEAR ? y : fail(ctx, REASONS.year);
  });

/**
 * An optional USCC. An invalid one is dropped (null), not a rejection: real
 * registers hold a few such codes; `usccWarning` reports it.
 */
export const optionalUscc = () =>
  z.string().transform((v): string | null => {
    const code = normaliseUscc(v);
    return code !== '' && isValidUscc(code) ? code : null;
  });

/** The units file's key: a code that fails its check rejects the row. */
export const requiredUscc = () =>
  z.string().transform((v, ctx) => {
    const code = normaliseUscc(v);
    if (code === '') return fail(ctx, REASONS.required);
    return isValidUscc(code) ? code : fail(ctx, REASONS.usccInvalid);
  });

export function usccWarning(raw: string): string | undefined {
  const code = normaliseUscc(raw);
  return code !== '' && !isValidUscc(code) ? REASONS.usccIgnored : undefined;
}

/** 6-digit division code; a malformed optional code is dropped with a warning, like a USCC. */
export const regionCode = () => z.string().transform((v): string | null => (/^\d{6}$/.test(v) ? v : null));
export function regionWarning(raw: string): string | undefined {
  return raw !== '' && !/^\d{6}$/.test(raw) ? REASONS.regionIgnored : undefined;
}

export const certCategory = () =>
  z.string().transform((v, ctx) => (v === '' ? fail(ctx, REASONS.required) : resolveCertCategory(v) ?? fail(ctx, REASONS.category)));

export const cityCode = (cities: readonly City[] = JILIN_CITIES) =>
  z.string().transform((v, ctx) => (v === '' ? fail(ctx, REASONS.required) : resolveCity(v, cities)?.code ?? fail(ctx, REASONS.city)));

/** An enum given as its English code (any case) or its Chinese label; empty takes the default. */
function labelledEnum<T extends string>(labels: Record<T, readonly string[]>, fallback: T, reason: string) {
  const byKey = new Map<string, T>();
  for (const code of Object.keys(labels) as T[]) {
    byKey.set(code.toLowerCase(), code);
    for (const label of labels[code]) byKey.set(label, code);
  }
  return z.string().transform((v, ctx): T => {
    if (v === '') return fallback;
    return byKey.get(v.normalize('NFKC').replace(/\s+/g, '').toLowerCase()) ?? fail(ctx, reason);
  });
}

export const RegistrationStatus = z.enum(['valid', 'revoked', 'cancelled']);
export type RegistrationStatus = z.infer<typeof RegistrationStatus>;
export const registrationStatus = () =>
  labelledEnum<RegistrationStatus>({ valid: ['有效'], revoked: ['撤销', '已撤销'], cancelled: ['注销', '已注销'] }, 'valid', REASONS.regStatus);

export const InsuredStatus = z.enum(['employed', 'retired', 'flexible']);
export type InsuredStatus = z.infer<typeof InsuredStatus>;
export const insuredStatus = () =>
  labelledEnum<InsuredStatus>({ employed: ['在职'], retired: ['退休'], flexible: ['灵活就业'] }, 'employed', REASONS.insuredStatus);

export const unitKind = () =>
  z.string().transform((v, ctx) => (v === '' ? 'enterprise' as const : resolveUnitKind(v) ?? fail(ctx, REASONS.unitKind)));
