/** Unified social credit codes (统一社会信用代码, GB 32100-2015) and unit kinds. */
import { z } from 'zod';

const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** What a field error says of a code that is not one (after the field's label). */
export const USCC_MESSAGE = '格式不正确，应为18位（数字和大写字母，不含 I、O、Z、S、V），且末位校验码正确';

/** The check character for 17 code characters, or undefined when one is outside the charset. */
export function usccCheckCharacter(first17: string): string | undefined {
  if (first17.length !== 17) return undefined;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CHARSET.indexOf(first17[i]);
    if (v < 0) return undefined;
    sum += v * WEIGHTS[i];
  }
  const check = 31 - (sum % 31);
  return CHARSET[check === 31 ? 0 : check];
}

/** Trim, NFKC (full-width to half-width), upper-case: how codes arrive from spreadsheets. */
export function normaliseUscc(raw: string): string {
  return (raw ?? '').trim().normalize('NFKC').toUpperCase();
}

/** 18 characters of the GB 32100 charset with the right check character. Pass a normalised code. */
export function isValidUscc(code: string): boolean {
  if (code.length !== 18) return false;
  const expected = usccCheckCharacter(code.slice(0, 17));
  return expected !== undefined && expected === code[17];
}

export const UnitKind = z.enum(['enterprise', 'government', 'public_institution', 'hr_agency']);
export type UnitKind = z.infer<typeof UnitKind>;

export const UNIT_KIND_LABELS: Record<UnitKind, string> = {
  enterprise: '企业',
  government: '机关',
  public_institution: '事业单位',
  hr_agency: '人力资源服务机构',
};

/** English code (case-insensitive) or Chinese label, as the units file may carry either. */
export function resolveUnitKind(raw: string): UnitKind | undefined {
  const s = (raw ?? '').trim().normalize('NFKC');
  const byCode = UnitKind.safeParse(s.toLowerCase());
  if (byCode.success) return byCode.data;
  return UnitKind.options.find((k) => UNIT_KIND_LABELS[k] === s);
}

/** From the registration-authority code: '11' government organ, '12' public institution. */
export function unitKindFromUscc(code: string): UnitKind {
  if (code.startsWith('11')) return 'government';
  if (code.startsWith('12')) return 'public_institution';
  return 'enterprise';
}
