/** How instants and dates read: always China Standard Time, where officers and deadlines live. */
import dayjs from 'dayjs';
import { currentLang } from './labels';

export function formatInstant(iso: string | null | undefined): string {
  if (!iso) return '';
  return new Date(iso).toLocaleString(currentLang() === 'zh' ? 'zh-CN' : 'en-GB', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  });
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
