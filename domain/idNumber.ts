/**
 * Resident ID numbers (居民身份证号码, GB 11643-1999).
 *
 * Personal data rule: nothing returned for logging (reasons, errors) may
 * contain the number itself; callers mask with `maskIdNumber` when they must
 * show one.
 */

import { isScientificNumber, NUMBER_LOST_DIGITS, NUMBER_LOST_DIGITS_ZH } from './spreadsheetNumbers';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

// 1800 rather than 1900: the standard's own example 440524188001010014 is born 1880.
const MIN_BIRTH_YEAR = 1800;
const MAX_BIRTH_YEAR = 2100;

/** The check character for the first 17 digits (mod 11 → '10X98765432'). */
export function idCheckCharacter(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error('idCheckCharacter needs 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

export type IdNumberParse =
  | { ok: true; id18: string; birthDate: string; sex: 'M' | 'F'; regionCode: string; legacy15: boolean }
  /** `reason` for files and logs (Chinese, English in parentheses); `reasonZh` for a field error in the API and the console. */
  | { ok: false; reason: string; reasonZh: string };

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** True when y-m-d is a real calendar date (proleptic Gregorian). */
export function isRealDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function fail(zh: string, en: string): IdNumberParse {
  return { ok: false, reason: `${zh} (${en})`, reasonZh: zh };
}

/** Parses and normalises a resident ID number; 15-digit legacy numbers become 18. */
export function parseIdNumber(raw: string): IdNumberParse {
  const s = (raw ?? '').trim().toUpperCase();
  let id18: string;
  let legacy15 = false;
  if (isScientificNumber(s)) return { ok: false, reason: NUMBER_LOST_DIGITS, reasonZh: NUMBER_LOST_DIGITS_ZH };
  if (s.length === 15) {
    if (!/^\d{15}$/.test(s)) return fail('含非法字符', 'invalid characters');
    // Legacy numbers carry a 2-digit year in the 1900s; the 18-digit form inserts '19'.
    const first17 = s.slice(0, 6) + '19' + s.slice(6);
    id18 = first17 + idCheckCharacter(first17);
    legacy15 = true;
  } else if (s.length === 18) {
    if (!/^\d{17}[\dX]$/.test(s)) return fail('含非法字符', 'invalid characters');
    if (idCheckCharacter(s.slice(0, 17)) !== s[17]) return fail('校验位错误', 'check character mismatch');
    id18 = s;
  } else {
    return fail('长度应为18位或15位', 'length must be 18 or 15');
  }

  const year = Number(id18.slice(6, 10));
  const month = Number(id18.slice(10, 12));
  const day = Number(id18.slice(12, 14));
  if (!isRealDate(year, month, day)) return fail('出生日期无效', 'impossible birth date');
  if (year < MIN_BIRTH_YEAR || year > MAX_BIRTH_YEAR) return fail('出生年份超出范围', 'birth year out of range');

  return {
    ok: true,
    id18,
    birthDate: `${id18.slice(6, 10)}-${id18.slice(10, 12)}-${id18.slice(12, 14)}`,
    // The 17th digit (sequence code) is odd for men, even for women.
    sex: Number(id18[16]) % 2 === 1 ? 'M' : 'F',
    regionCode: id18.slice(0, 6),
    legacy15,
  };
}

/** 220102********1234: region kept for routing, birth date and sequence hidden. */
export function maskIdNumber(id18: string): string {
  return id18.slice(0, 6) + '*'.repeat(8) + id18.slice(-4);
}

/** Age in full years on `onDate` (both YYYY-MM-DD); a 29 Feb birthday counts on 1 Mar in common years. */
export function ageOn(birthDate: string, onDate: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [oy, om, od] = onDate.split('-').map(Number);
  let age = oy - by;
  if (om < bm || (om === bm && od < bd)) age -= 1;
  return age;
}
