/**
 * Every label of the console, Chinese first (the officials' language) with an English toggle.
 * Domain names (outcomes, grounds, penalties, flags, cities) come from domain/ so the console and
 * the reports say the same words.
 */
import { en } from './labelsEn';
import { zh, type LabelKey } from './labelsZh';

export type { LabelKey } from './labelsZh';

export type Lang = 'zh' | 'en';
const LANG_KEY = 'gz.lang';

export function currentLang(): Lang {
  return localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'zh';
}

export function setLang(lang: Lang): void {
  localStorage.setItem(LANG_KEY, lang);
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
}

export function t(key: LabelKey): string {
  return currentLang() === 'en' ? en[key] : zh[key];
}

/** A label whose key is built from data (a status, a phase); the raw value when unknown. */
export function tv(prefix: string, value: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  const key = `${prefix}_${value}` as LabelKey;
  return key in zh ? t(key) : value;
}

/** A page's own wording, written beside its use: both languages at once, so none is forgotten. */
export function tr(zhText: string, enText: string): string {
  return currentLang() === 'en' ? enText : zhText;
}
