/**
 * The filter that keeps ID numbers and names out of places they must not reach (free text bound
 * for Temporal, ids chosen by callers) and the scan that looks for them there. People write an ID
 * number with spaces or dashes between groups, in full-width digits (０-９, Ｘ), or mixed; names
 * with a space or a middle dot between characters. Both are folded before matching.
 */
import { parseIdNumber } from './idNumber';

/** Separators people put between the groups of a number. */
const NUMBER_SEPARATORS = /(?<=[0-9X])[\s\-‐‑‒–—―_.·・,，、/]+(?=[0-9X])/g;
const HAN_SEPARATORS = /(?<=\p{Script=Han})[\s·・•]+(?=\p{Script=Han})/gu;

/** Full-width forms to ASCII (NFKC), upper case, separators between digits removed. */
export function foldNumbers(text: string): string {
  return text.normalize('NFKC').toUpperCase().replace(NUMBER_SEPARATORS, '');
}

/** Full-width forms to ASCII (NFKC), spaces and middle dots between Chinese characters removed. */
export function foldNames(text: string): string {
  return text.normalize('NFKC').replace(HAN_SEPARATORS, '');
}

/** Every valid resident ID number (18 characters, correct check character) in the text, however written. */
export function idNumbersIn(text: string | undefined): string[] {
  const found: string[] = [];
  for (const m of foldNumbers(text ?? '').matchAll(/(?<![0-9A-Z])\d{17}[\dX](?![0-9A-Z])/g)) {
    if (parseIdNumber(m[0]).ok) found.push(m[0]);
  }
  return found;
}

export function containsIdNumber(text: string | undefined): boolean {
  return idNumbersIn(text).length > 0;
}

/** Whether the text holds one of the names (each at least two characters), however spaced. */
export function containsName(text: string | undefined, names: Iterable<string>): boolean {
  const folded = foldNames(text ?? '');
  for (const name of names) {
    const n = foldNames(name).replace(/\s+/g, '');
    if (n.length >= 2 && folded.includes(n)) return true;
  }
  return false;
}
