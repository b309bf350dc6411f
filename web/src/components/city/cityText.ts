/**
 * The city pages' own words and field checks: the labels of the intake codes, and the rules the
 * forms apply before anything is sent (the API's own rules, from domain/, in plain Chinese at the
 * field; the API checks again and its refusals land beside the same fields).
 */
import type { FormRule } from 'antd';
import type { Dayjs } from 'dayjs';
import type { ComplaintChannel } from '../../../../domain/complaintChannel';
import { parseIdNumber } from '../../../../domain/idNumber';
import { FREE_TEXT_PATTERN, LINE_TEXT_PATTERN } from '../../../../domain/text';
import { isValidUscc, normaliseUscc } from '../../../../domain/uscc';
import { currentLang, tr } from '../../labels';

const CHANNEL_LABELS: Record<ComplaintChannel, string> = {
  phone: '电话',
  mail: '电子邮件',
  letter: '来信',
  web: '网上举报',
  visit: '来访',
  referral: '上级转办',
  other: '其他',
};

/** A complaint channel in words (the raw code in English, like the other domain codes). */
export function channelLabel(code: string): string {
  if (currentLang() === 'en') return code;
  return CHANNEL_LABELS[code as ComplaintChannel] ?? code;
}

export const CHANNELS = Object.keys(CHANNEL_LABELS) as ComplaintChannel[];

/** The Chinese half of a domain reason written `中文 (English)`. */
const chinesePart = (reason: string) => reason.replace(/\s*\(.*\)\s*$/, '');

/** A resident ID number (18 digits, or the old 15), checked as the API checks it. */
export function idNumberRule(label: string): FormRule {
  return {
    validator: async (_r, value: unknown) => {
      if (typeof value !== 'string' || value.trim() === '') return;
      const parsed = parseIdNumber(value);
      if (!parsed.ok) throw new Error(`${label}${tr('有误：', ' is wrong: ')}${chinesePart(parsed.reason)}`);
    },
  };
}

/** A unified social credit code (18 characters with its check character), when one is given. */
export function usccRule(label: string): FormRule {
  return {
    validator: async (_r, value: unknown) => {
      if (typeof value !== 'string' || value.trim() === '') return;
      if (!isValidUscc(normaliseUscc(value)))
        throw new Error(`${label}${tr('应为18位统一社会信用代码（校验位正确）', ' must be an 18-character unified social credit code')}`);
    },
  };
}

/** One line of text (a name, a code): no line breaks or control characters. */
export function lineRule(label: string, max: number): FormRule[] {
  return [
    { max, message: `${label}${tr(`不得超过${max}个字符`, ` may not exceed ${max} characters`)}` },
    { pattern: LINE_TEXT_PATTERN, message: `${label}${tr('不得含有换行或控制字符', ' may not contain line breaks or control characters')}` },
  ];
}

/** An officer's free text (a note, a reason): line breaks allowed, no control characters. */
export function freeRule(label: string, max: number): FormRule[] {
  return [
    { max, message: `${label}${tr(`不得超过${max}个字符`, ` may not exceed ${max} characters`)}` },
    { pattern: FREE_TEXT_PATTERN, message: `${label}${tr('不得含有控制字符', ' may not contain control characters')}` },
  ];
}

export function required(label: string, verb: 'fill' | 'choose' = 'fill'): FormRule {
  return {
    required: true,
    whitespace: true,
    message: verb === 'choose' ? tr(`请选择${label}`, `Choose the ${label}`) : tr(`请填写${label}`, `Fill in the ${label}`),
  };
}

/** A date picked today or earlier (a correction, a deregistration, a complaint cannot be in the future). */
export function notAfterToday(label: string): FormRule {
  return {
    validator: async (_r, value: Dayjs | null | undefined) => {
      if (value && value.isAfter(new Date(), 'day')) throw new Error(tr(`${label}不能晚于今天`, `The ${label} cannot be after today`));
    },
  };
}

/** Text without blanks around it, or undefined when nothing was typed. */
export function trimmed(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/**
 * Tag colours dark enough for their text (solid, white text, all above 4.5:1): Ant Design's light
 * presets put #389e0d on #f6ffed (3.4:1) and #d46b08 on #fff7e6 (3.3:1).
 */
export const TAG_COLOR = { green: '#237804', orange: '#ad4e00', red: '#a8071a', blue: '#0958d9' } as const;
