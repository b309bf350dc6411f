/**
 * The one text type for every string that comes in (API bodies, paths and query strings,
 * workflow messages, CLI arguments, file cells). PostgreSQL cannot store NUL (22P05 / 22021) and a
 * control character, a bidi override or a zero-width character in a name or a note either breaks
 * a write deep inside a workflow or shows an official something other than what is stored; so
 * they are refused at the boundary, with a Chinese message, before anything is started.
 *
 * The refusal is a `pattern` (zod `.regex`), so it also appears in the OpenAPI document, where
 * test/unit/domain/text.test.ts checks that every request string carries one.
 */
import { z } from 'zod';
import { onField } from './fieldMessages';

/** C0 controls but \t and \n, DEL, C1 controls; bidi embeddings/overrides/isolates; zero-width characters and the BOM. */
const FORBIDDEN_IN_FREE_TEXT = '\\u0000-\\u0008\\u000B-\\u001F\\u007F-\\u009F\\u200B-\\u200D\\u202A-\\u202E\\u2066-\\u2069\\uFEFF';
/** Single-line text: no tab, no line break either. */
const FORBIDDEN_IN_LINE = `\\u0009\\u000A${FORBIDDEN_IN_FREE_TEXT}`;

/** Matches text free of every forbidden character (free text keeps \n and \t). */
export const FREE_TEXT_PATTERN = new RegExp(`^[^${FORBIDDEN_IN_FREE_TEXT}]*$`);
/** Matches single-line text: identifiers, codes, names, filters. */
export const LINE_TEXT_PATTERN = new RegExp(`^[^${FORBIDDEN_IN_LINE}]*$`);

export const CONTROL_CHARACTER_MESSAGE = '不得含有控制字符、双向控制符或零宽字符';
const LINE_MESSAGE = '不得含有换行、制表符、控制字符、双向控制符或零宽字符';

export interface TextLimits {
  /** Longest accepted text, in characters (after trimming). */
  max: number;
  /** Shortest accepted text (after trimming); default 1. */
  min?: number;
}

// Each message names the field it is attached to (「行动名称」不得为空), or stands alone when the text is parsed alone.
function bounded(s: z.ZodString, { max, min = 1 }: TextLimits): z.ZodString {
  const atLeast = min > 0 ? s.min(min, { error: onField(min === 1 ? '不得为空' : `至少${min}个字符`) }) : s;
  return atLeast.max(max, { error: onField(`不得超过${max}个字符`) });
}

/**
 * An identifier, a code or a filter value: one line, no control characters. Not normalised, since
 * it is compared with stored ids byte for byte; trimmed only when asked (a typed-in code).
 */
export function plainText(limits: TextLimits & { trim?: boolean }): z.ZodString {
  const line = z.string().regex(LINE_TEXT_PATTERN, { error: onField(LINE_MESSAGE) });
  return bounded(limits.trim ? line.trim() : line, limits);
}

/** A name (a person, a unit, an authority, a label): one line, trimmed, NFC-normalised. */
export function nameText(limits: TextLimits): z.ZodString {
  return bounded(
    z
      .string()
      .regex(LINE_TEXT_PATTERN, { error: onField(LINE_MESSAGE) })
      .trim()
      .normalize('NFC'),
    limits,
  );
}

/** An officer's free text (a note, a reason, a summary): line breaks and tabs allowed, trimmed, NFC-normalised. */
export function freeText(limits: TextLimits): z.ZodString {
  return bounded(
    z
      .string()
      .regex(FREE_TEXT_PATTERN, { error: onField(CONTROL_CHARACTER_MESSAGE) })
      .trim()
      .normalize('NFC'),
    limits,
  );
}

/** Why a text from a file or the command line is refused (Chinese), or undefined when it is acceptable. */
export function textRefusal(text: string, kind: 'line' | 'free' = 'free'): string | undefined {
  const pattern = kind === 'line' ? LINE_TEXT_PATTERN : FREE_TEXT_PATTERN;
  if (pattern.test(text)) return undefined;
  const at = [...text].findIndex((ch) => !pattern.test(ch));
  const cp = [...text][at]?.codePointAt(0) ?? 0;
  return `含有不可见的控制字符（第${at + 1}个字符，U+${cp.toString(16).toUpperCase().padStart(4, '0')}）：${kind === 'line' ? LINE_MESSAGE : CONTROL_CHARACTER_MESSAGE}`;
}

/** The text with each refused character shown as its code point (<U+0000>): for reports and audit rows, which must store what came. */
export function showRefused(text: string, kind: 'line' | 'free' = 'free'): string {
  const pattern = kind === 'line' ? LINE_TEXT_PATTERN : FREE_TEXT_PATTERN;
  if (pattern.test(text)) return text;
  return [...text].map((ch) => (pattern.test(ch) ? ch : `<U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}>`)).join('');
}
