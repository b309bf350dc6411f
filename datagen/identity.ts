/** Synthetic residents of Jilin: valid resident ID numbers (GB 11643) and Chinese names. */
import { idCheckCharacter, isRealDate } from '../domain/idNumber';
import type { Rng } from './prng';

/** County-level division codes (区/县/市) of the nine cities, by city code. */
export const DISTRICTS: Readonly<Record<string, readonly string[]>> = {
  '2201': ['220102', '220103', '220104', '220105', '220106', '220112', '220113', '220122', '220182', '220183'],
  '2202': ['220202', '220203', '220204', '220211', '220221', '220281', '220282', '220283', '220284'],
  '2203': ['220302', '220303', '220322', '220381', '220382'],
  '2204': ['220402', '220403', '220421', '220422'],
  '2205': ['220502', '220503', '220521', '220523', '220524', '220581', '220582'],
  '2206': ['220602', '220605', '220621', '220622', '220623', '220681'],
  '2207': ['220702', '220721', '220722', '220723', '220781'],
  '2208': ['220802', '220821', '220822', '220881', '220882'],
  '2224': ['222401', '222402', '222403', '222404', '222405', '222406', '222424', '222426'],
};

const SURNAMES =
  '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彬鹏辉斌宇浩凯健俊帆帅旭宁龙林欣佳子文博雪梅晨阳东海波峰岩松柏志国建新春立';

export interface Resident {
  id18: string;
  /** The 15-digit legacy form, when the birth year allows one (born 1900-1999). */
  id15?: string;
  name: string;
  birthDate: string;
}

export function chineseName(rng: Rng): string {
  const surname = SURNAMES[rng.int(0, SURNAMES.length - 1)];
  const n = rng.chance(0.7) ? 2 : 1;
  let given = '';
  for (let i = 0; i < n; i++) given += GIVEN[rng.int(0, GIVEN.length - 1)];
  return surname + given;
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** A resident born on `birthDate` (YYYY-MM-DD) in a district of `cityCode`; `taken` keeps numbers unique. */
export function makeResident(rng: Rng, cityCode: string, birthDate: string, taken: Set<string>): Resident {
  const [y, m, d] = birthDate.split('-').map(Number);
  if (!isRealDate(y, m, d)) throw new Error(`not a date: ${birthDate}`);
  const birth = `${pad(y, 4)}${pad(m, 2)}${pad(d, 2)}`;
  for (;;) {
    const region = rng.pick(DISTRICTS[cityCode] ?? DISTRICTS['2201']);
    const seq = pad(rng.int(0, 999), 3);
    const first17 = region + birth + seq;
    const id18 = first17 + idCheckCharacter(first17);
    if (taken.has(id18)) continue;
    taken.add(id18);
    const id15 = y >= 1900 && y <= 1999 ? region + birth.slice(2) + seq : undefined;
    return { id18, id15, name: chineseName(rng), birthDate };
  }
}

/** An ID number whose check character is wrong: a row the importer must reject. */
export function corruptIdNumber(id18: string): string {
  const good = id18[17];
  const bad = good === '0' ? '1' : good === 'X' ? '0' : String((Number(good) + 1) % 10);
  return id18.slice(0, 17) + bad;
}

/** A birth date such that the age on `onDate` (YYYY-MM-DD) is between minAge and maxAge. */
export function birthDateForAge(rng: Rng, onDate: string, minAge: number, maxAge: number): string {
  const [oy] = onDate.split('-').map(Number);
  for (;;) {
    const age = rng.int(minAge, maxAge);
    const y = oy - age - rng.int(0, 1);
    const m = rng.int(1, 12);
    const d = rng.int(1, 28);
    const date = `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
    const a = ageOn(date, onDate);
    if (a >= minAge && a <= maxAge) return date;
  }
}

/** Same rule as domain ageOn, repeated here so the ground truth does not depend on code under test. */
export function ageOn(birthDate: string, onDate: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [oy, om, od] = onDate.split('-').map(Number);
  return oy - by - (om < bm || (om === bm && od < bd) ? 1 : 0);
}

/**
 * The latest birth date at which a person is `age` on `onDate` (their birthday is that day, or
 * the day before when it does not exist that year); with `dayAfter`, one day later: still age - 1.
 */
export function birthDateTurning(onDate: string, age: number, dayAfter = false): string {
  const [oy, om, od] = onDate.split('-').map(Number);
  const iso = (t: Date) => `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1, 2)}-${pad(t.getUTCDate(), 2)}`;
  const t = new Date(Date.UTC(oy - age, om - 1, 1));
  t.setUTCDate(Math.min(od, new Date(Date.UTC(oy - age, om, 0)).getUTCDate()));
  while (ageOn(iso(t), onDate) < age) t.setUTCDate(t.getUTCDate() - 1);
  if (dayAfter) t.setUTCDate(t.getUTCDate() + 1);
  return iso(t);
}
