/** PostgreSQL COPY text format: tab-separated, \N for NULL, backslash escapes. */
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };
const SPECIAL = /[\\\n\r\t]/;
const SPECIAL_ALL = /[\\\n\r\t]/g;

export function copyField(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- rows hold scalars (text, numbers, booleans); String() is their COPY text
  const s = typeof value === 'string' ? value : String(value);
  return SPECIAL.test(s) ? s.replace(SPECIAL_ALL, (c) => ESCAPES[c]) : s;
}

export function copyLine(values: readonly unknown[]): string {
  let out = copyField(values[0]);
  for (let i = 1; i < values.length; i++) out += '\t' + copyField(values[i]);
  return out + '\n';
}
