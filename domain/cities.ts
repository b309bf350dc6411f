/** Jilin's prefecture-level divisions (市（州）). A campaign's list is configuration; this is the default. */
import { z } from 'zod';
import { CityCode } from './cityCode';

export const CitySchema = z.object({
  code: CityCode,
  name: z.string(),
  aliases: z.array(z.string()),
});
export type City = z.infer<typeof CitySchema>;

export const JILIN_CITIES: readonly City[] = Object.freeze([
  { code: '2201', name: '长春市', aliases: ['长春'] },
  { code: '2202', name: '吉林市', aliases: [] },
  { code: '2203', name: '四平市', aliases: ['四平'] },
  { code: '2204', name: '辽源市', aliases: ['辽源'] },
  { code: '2205', name: '通化市', aliases: ['通化'] },
  { code: '2206', name: '白山市', aliases: ['白山'] },
  { code: '2207', name: '松原市', aliases: ['松原'] },
  { code: '2208', name: '白城市', aliases: ['白城'] },
  { code: '2224', name: '延边朝鲜族自治州', aliases: ['延边州', '延边'] },
]);
// '吉林' alone is deliberately not an alias of 吉林市: it usually means the province.

/** Finds a city by 4-digit code, name or alias (trimmed, NFKC, whitespace removed). */
export function resolveCity(raw: string, cities: readonly City[] = JILIN_CITIES): City | undefined {
  const s = (raw ?? '').normalize('NFKC').replace(/\s+/g, '');
  if (s === '') return undefined;
  return cities.find((c) => c.code === s || c.name === s || c.aliases.includes(s));
}

/** The city's name for a code, or the code itself when unknown (never throws in a report). */
export function cityName(code: string, cities: readonly City[] = JILIN_CITIES): string {
  return cities.find((c) => c.code === code)?.name ?? code;
}
