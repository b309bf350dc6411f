/**
 * Jilin's county-level divisions (区、县、县级市 and the development zones with codes of their own),
 * by the 6-digit administrative division code (GB/T 2260, as published by the Ministry of Civil
 * Affairs). A case's district is read from the data (readModel/assignmentCandidates.ts): the
 * registration unit's 统一社会信用代码 carries the registering authority's division code in its
 * characters 3–8 (GB 32100-2015), and social insurance carries the 参保地 code. A code not listed
 * here is shown as the code itself: the list names, it never refuses.
 */
import { z } from 'zod';

export const DistrictCode = z.string().regex(/^\d{6}$/, '应为6位行政区划代码');
export type DistrictCode = z.infer<typeof DistrictCode>;

const NAMES: Readonly<Record<string, string>> = {
  '220102': '南关区',
  '220103': '宽城区',
  '220104': '朝阳区',
  '220105': '二道区',
  '220106': '绿园区',
  '220112': '双阳区',
  '220113': '九台区',
  '220122': '农安县',
  '220182': '榆树市',
  '220183': '德惠市',
  '220184': '公主岭市',
  '220202': '昌邑区',
  '220203': '龙潭区',
  '220204': '船营区',
  '220211': '丰满区',
  '220221': '永吉县',
  '220281': '蛟河市',
  '220282': '桦甸市',
  '220283': '舒兰市',
  '220284': '磐石市',
  '220302': '铁西区',
  '220303': '铁东区',
  '220322': '梨树县',
  '220323': '伊通满族自治县',
  '220381': '公主岭市',
  '220382': '双辽市',
  '220402': '龙山区',
  '220403': '西安区',
  '220421': '东丰县',
  '220422': '东辽县',
  '220502': '东昌区',
  '220503': '二道江区',
  '220521': '通化县',
  '220523': '辉南县',
  '220524': '柳河县',
  '220581': '梅河口市',
  '220582': '集安市',
  '220602': '浑江区',
  '220605': '江源区',
  '220621': '抚松县',
  '220622': '靖宇县',
  '220623': '长白朝鲜族自治县',
  '220681': '临江市',
  '220702': '宁江区',
  '220721': '前郭尔罗斯蒙古族自治县',
  '220722': '长岭县',
  '220723': '乾安县',
  '220781': '扶余市',
  '220802': '洮北区',
  '220821': '镇赉县',
  '220822': '通榆县',
  '220881': '洮南市',
  '220882': '大安市',
  '222401': '延吉市',
  '222402': '图们市',
  '222403': '敦化市',
  '222404': '珲春市',
  '222405': '龙井市',
  '222406': '和龙市',
  '222424': '汪清县',
  '222426': '安图县',
};

/** The district's name, 市辖区 for a city's own code (xxxx01), else the code itself. */
export function districtName(code: string): string {
  if (NAMES[code]) return NAMES[code];
  if (/^\d{4}01$/.test(code)) return `市辖区（${code}）`;
  return code;
}

/**
 * The division code a unit code carries (characters 3–8 of a USCC), when it lies in the city
 * (its first four digits are the city's code); otherwise none.
 */
export function districtOfUnitCode(unitCode: string, cityCode: string): string | undefined {
  if (unitCode.length !== 18) return undefined;
  const d = unitCode.slice(2, 8);
  return /^\d{6}$/.test(d) && d.startsWith(cityCode) ? d : undefined;
}
