/** How instants and dates read: always China Standard Time, where officers and deadlines live. */
import dayjs from 'dayjs';
import { currentLang } from './labels';

/**
 * One formatter per language, made once: toLocaleString with options builds a new Intl formatter
 * on every call, which a table re-rendering many rows pays for each cell (bench:console showed it).
 */
const instantFormats = new Map<string, Intl.DateTimeFormat>();

export function formatInstant(iso: string | null | undefined): string {
  if (!iso) return '';
  const locale = currentLang() === 'zh' ? 'zh-CN' : 'en-GB';
  let f = instantFormats.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, {
      timeZone: 'Asia/Shanghai',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
    });
    instantFormats.set(locale, f);
  }
  return f.format(new Date(iso));
}

/** A calendar date (YYYY-MM-DD) as officials write it: 2026年10月31日. */
export function formatDate(date: string | null | undefined): string {
  if (!date) return '';
  const d = dayjs(date);
  return currentLang() === 'zh' ? d.format('YYYY年M月D日') : d.format('D MMM YYYY');
}

/** The ISO date the API takes from a date picker's value. */
export function isoDate(value: dayjs.Dayjs | null | undefined): string | undefined {
  return value ? value.format('YYYY-MM-DD') : undefined;
}
