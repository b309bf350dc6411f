/**
 * Masks for the copies of personal data that readers without the right to it receive (supervisors',
 * auditors' and other cities' copies of reports, issues.csv): enough left to tell one entry from the
 * next, not enough to name a person or look one up.
 */

/** 张三 → 张*, 欧阳娜娜 → 欧***: the surname stays, the given name goes. */
export function maskPersonName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length === 0) return '';
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
}

/** Any 18-character ID number inside free text, masked as maskIdNumber does (220102********1234). */
export function maskIdNumbersInText(text: string): string {
  return text.replace(/(?<![0-9])([0-9]{6})[0-9]{8}([0-9]{3}[0-9Xx])(?![0-9Xx])/g, '$1********$2');
}

/**
 * A value of unknown meaning (an imported cell that was refused: a malformed ID number, a name, a
 * phone number, a unit). A number of 10 or more digits keeps its first 6 and last 4 characters when
 * it is ID-number long (the region and check digits, as maskIdNumber), its first 3 and last 2 when
 * shorter; anything else keeps its first character only.
 */
export function maskUnknownValue(value: string): string {
  const chars = Array.from(value);
  if (chars.length === 0) return '';
  const digits = chars.filter((c) => /[0-9０-９Xx]/.test(c)).length;
  if (digits >= 10) {
    const [head, tail] = chars.length >= 16 ? [6, 4] : [3, 2];
    // Every character between is hidden, whatever it is (spaces, dashes, letters).
    return chars.map((c, i) => (i < head || i >= chars.length - tail ? c : '*')).join('');
  }
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
}
