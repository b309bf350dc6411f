/**
 * The synthetic unit universe: enterprises with branches (by name, and via the units file),
 * groups of parent and subsidiary companies, HR agencies, government organs (11…) and public
 * institutions (12…). Names are unique after normalisation, and no name is another's plus a
 * 分公司 suffix unless it really is that unit's branch, so the ground truth stays exact.
 */
import type { UnitKind } from '../domain/uscc';
import { usccCheckCharacter } from '../domain/uscc';
import { normaliseUnitName } from '../domain/unitMatching';
import { DISTRICTS } from './identity';
import type { Rng } from './prng';

export type UnitRole = 'head' | 'name_branch' | 'file_branch' | 'parent' | 'subsidiary' | 'agency' | 'government' | 'institution';

export interface GenUnit {
  code: string;
  name: string;
  cityCode: string;
  region: string;
  kind: UnitKind;
  role: UnitRole;
  /** Head office of a branch (both kinds of branch). */
  head?: GenUnit;
  /** Parent company of a subsidiary. */
  parent?: GenUnit;
  nameBranches: GenUnit[];
  fileBranches: GenUnit[];
  subsidiaries: GenUnit[];
  inUnitsFile: boolean;
}

export interface Universe {
  /** Ordinary head offices (not part of a group), the usual registration units. */
  heads: GenUnit[];
  headsWithNameBranch: GenUnit[];
  headsWithFileBranches: GenUnit[];
  parents: GenUnit[];
  agencies: GenUnit[];
  governments: GenUnit[];
  institutions: GenUnit[];
  all: GenUnit[];
}

const CITY_SHORT: Record<string, string> = {
  '2201': '长春',
  '2202': '吉林',
  '2203': '四平',
  '2204': '辽源',
  '2205': '通化',
  '2206': '白山',
  '2207': '松原',
  '2208': '白城',
  '2224': '延边',
};
const CITY_FULL: Record<string, string> = {
  '2201': '长春市',
  '2202': '吉林市',
  '2203': '四平市',
  '2204': '辽源市',
  '2205': '通化市',
  '2206': '白山市',
  '2207': '松原市',
  '2208': '白城市',
  '2224': '延边朝鲜族自治州',
};
const BRAND_CHARS = '宏达鑫源华信中诚泰和恒通金鼎瑞丰东方北辰长白松江天成广厦盛世建宇众合博远安润泽汇正阳隆基永兴业嘉禾远航联创福海吉祥同德利昌佳明';
const LATIN_BRANDS = ['JH', 'ABC', 'HX', 'Sino', 'CR', 'ZJ'];
const INDUSTRIES = [
  '建设',
  '建筑工程',
  '建筑设计',
  '工程咨询',
  '工程监理',
  '路桥工程',
  '市政工程',
  '岩土工程',
  '造价咨询',
  '电力工程',
  '安装工程',
  '勘察设计',
  '装饰工程',
  '水利工程',
  '园林工程',
];
const FORMS = ['有限公司', '有限责任公司', '股份有限公司', '集团有限公司'];
const AGENCY_FORMS = ['人力资源服务有限公司', '劳务派遣有限公司', '人才服务有限公司', '企业管理咨询有限公司'];
const GOV_DEPTS = [
  '住房和城乡建设局',
  '交通运输局',
  '水利局',
  '自然资源局',
  '城市管理局',
  '发展和改革委员会',
  '财政局',
  '生态环境局',
  '应急管理局',
  '市场监督管理局',
  '教育局',
  '农业农村局',
  '林业和草原局',
  '审计局',
  '统计局',
];
const INST_TOPICS = [
  '建筑设计',
  '城乡规划设计',
  '水利水电勘测设计',
  '交通规划设计',
  '市政工程设计',
  '勘察测绘',
  '工程质量检测',
  '建设工程造价管理',
  '住房保障服务',
];
const INST_TYPES = ['研究院', '中心', '研究所', '站'];
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

export function makeUscc(rng: Rng, prefix: string, region: string, taken: Set<string>): string {
  for (;;) {
    let body = prefix + region;
    while (body.length < 17) body += CHARSET[rng.int(0, CHARSET.length - 1)];
    const code = body + usccCheckCharacter(body);
    if (!taken.has(code)) {
      taken.add(code);
      return code;
    }
  }
}

/** The same code with a wrong check character: kept by the importer with a warning, then ignored. */
export function corruptUscc(code: string): string {
  const i = CHARSET.indexOf(code[17]);
  return code.slice(0, 17) + CHARSET[(i + 1) % CHARSET.length];
}

interface Builder {
  rng: Rng;
  codes: Set<string>;
  names: Set<string>;
  all: GenUnit[];
}

function add(b: Builder, u: Omit<GenUnit, 'nameBranches' | 'fileBranches' | 'subsidiaries' | 'inUnitsFile'>): GenUnit | undefined {
  const norm = normaliseUnitName(u.name);
  if (b.names.has(norm)) return undefined;
  b.names.add(norm);
  const unit: GenUnit = { ...u, nameBranches: [], fileBranches: [], subsidiaries: [], inUnitsFile: false };
  b.all.push(unit);
  return unit;
}

function brand(rng: Rng): string {
  if (rng.chance(0.04)) return rng.pick(LATIN_BRANDS);
  const a = BRAND_CHARS[rng.int(0, BRAND_CHARS.length - 1)];
  const c = BRAND_CHARS[rng.int(0, BRAND_CHARS.length - 1)];
  return a + c;
}

function place(rng: Rng, cityCode: string): string {
  const r = rng.next();
  if (r < 0.35) return '吉林省';
  if (r < 0.7) return CITY_SHORT[cityCode];
  if (r < 0.8) return CITY_FULL[cityCode];
  return '';
}

function enterprise(b: Builder, role: UnitRole, name: (cityCode: string) => string, kind: UnitKind = 'enterprise'): GenUnit {
  for (;;) {
    const cityCode = b.rng.pick(Object.keys(DISTRICTS));
    const region = b.rng.pick(DISTRICTS[cityCode]);
    const prefix = kind === 'government' ? '11' : kind === 'public_institution' ? '12' : '91';
    const u = add(b, { code: '', name: name(cityCode), cityCode, region, kind, role });
    if (u) {
      u.code = makeUscc(b.rng, prefix, region, b.codes);
      return u;
    }
  }
}

function headName(rng: Rng, cityCode: string): string {
  // Some names carry full-width brackets, e.g. 中建（吉林）建设有限公司, which must match their half-width form.
  const bracket = rng.chance(0.1) ? `（${CITY_SHORT[cityCode]}）` : '';
  return place(rng, cityCode) + brand(rng) + bracket + rng.pick(INDUSTRIES) + rng.pick(FORMS);
}

/** Builds a universe sized for `persons` registered professionals. */
export function buildUniverse(rng: Rng, persons: number): Universe {
  const b: Builder = { rng, codes: new Set(), names: new Set(), all: [] };
  const heads: GenUnit[] = [];
  for (let i = 0, n = Math.max(60, Math.round(persons / 8)); i < n; i++) heads.push(enterprise(b, 'head', (c) => headName(rng, c)));

  const headsWithNameBranch: GenUnit[] = [];
  const headsWithFileBranches: GenUnit[] = [];
  for (const [i, h] of heads.entries()) {
    // The first heads always get each kind of branch, so even a small data set plants every case.
    if (i < 3 || (i >= 6 && rng.chance(0.15))) {
      // 某某建设有限公司长春分公司: a branch by name in another city.
      const cities = Object.keys(DISTRICTS).filter((c) => c !== h.cityCode);
      for (let k = rng.int(1, 2); k > 0; k--) {
        const city = rng.pick(cities);
        const u = add(b, {
          code: '',
          name: `${h.name}${CITY_SHORT[city]}分公司`,
          cityCode: city,
          region: rng.pick(DISTRICTS[city]),
          kind: 'enterprise',
          role: 'name_branch',
          head: h,
        });
        if (u) {
          u.code = makeUscc(rng, '91', u.region, b.codes);
          h.nameBranches.push(u);
        }
      }
      if (h.nameBranches.length > 0) headsWithNameBranch.push(h);
    } else if (i < 6 || rng.chance(0.1)) {
      // Branches known only from the units file: their names drop the head office's place and form,
      // so the name rule cannot relate them.
      const core = h.name
        .replace(/^(吉林省|长春市|吉林市|四平市|辽源市|通化市|白山市|松原市|白城市|延边朝鲜族自治州|长春|四平|辽源|通化|白山|松原|白城|延边)/, '')
        .replace(/(集团有限公司|股份有限公司|有限责任公司|有限公司)$/, '');
      const cities = Object.keys(DISTRICTS).filter((c) => c !== h.cityCode);
      for (const city of [cities[rng.int(0, 3)], cities[rng.int(4, cities.length - 1)]]) {
        const u = add(b, {
          code: '',
          name: `${core}${CITY_SHORT[city]}分部`,
          cityCode: city,
          region: rng.pick(DISTRICTS[city]),
          kind: 'enterprise',
          role: 'file_branch',
          head: h,
        });
        if (u) {
          u.code = makeUscc(rng, '91', u.region, b.codes);
          h.fileBranches.push(u);
        }
      }
      if (h.fileBranches.length === 2) headsWithFileBranches.push(h);
    }
  }

  const parents: GenUnit[] = [];
  for (let i = 0, n = Math.max(6, Math.round(persons / 400)); i < n; i++) {
    const br = brand(rng);
    const parent = enterprise(b, 'parent', (c) => `${place(rng, c)}${br}${rng.pick(['控股集团有限公司', '投资集团有限公司', '实业集团有限公司'])}`);
    for (let k = rng.int(2, 3); k > 0; k--) {
      const s = enterprise(b, 'subsidiary', (c) => `${CITY_SHORT[c]}${br}${rng.pick(INDUSTRIES)}${rng.pick(['有限公司', '有限责任公司'])}`);
      s.parent = parent;
      parent.subsidiaries.push(s);
    }
    parents.push(parent);
  }

  const agencies: GenUnit[] = [];
  for (let i = 0, n = Math.max(6, Math.round(persons / 1000)); i < n; i++) {
    agencies.push(enterprise(b, 'agency', (c) => place(rng, c) + brand(rng) + rng.pick(AGENCY_FORMS), 'hr_agency'));
  }
  const governments: GenUnit[] = [];
  for (let i = 0, n = Math.min(100, Math.max(9, Math.round(persons / 1500))); i < n; i++) {
    governments.push(enterprise(b, 'government', (c) => CITY_FULL[c] + rng.pick(GOV_DEPTS), 'government'));
  }
  const institutions: GenUnit[] = [];
  for (let i = 0, n = Math.min(250, Math.max(10, Math.round(persons / 800))); i < n; i++) {
    institutions.push(
      enterprise(b, 'institution', (c) => (rng.chance(0.3) ? '吉林省' : CITY_FULL[c]) + rng.pick(INST_TOPICS) + rng.pick(INST_TYPES), 'public_institution'),
    );
  }

  // Listed in the units file: every unit whose kind or relation only the file can tell
  // (agencies, units-file branches and their heads, groups), and a share of the rest.
  for (const u of b.all) {
    u.inUnitsFile =
      u.role === 'agency' ||
      u.role === 'file_branch' ||
      u.role === 'parent' ||
      u.role === 'subsidiary' ||
      u.fileBranches.length > 0 ||
      (u.role === 'government' && rng.chance(0.5)) ||
      (u.role === 'institution' && rng.chance(0.7)) ||
      (u.role === 'name_branch' && rng.chance(0.2)) ||
      (u.role === 'head' && rng.chance(0.25));
  }
  return { heads, headsWithNameBranch, headsWithFileBranches, parents, agencies, governments, institutions, all: b.all };
}

/**
 * The same name as a clerk might type it: half-width brackets, stray (also ideographic) spaces,
 * lower-case or full-width Latin letters. Every variant normalises to the original.
 */
export function nameVariant(rng: Rng, name: string): string {
  let s = name;
  const r = rng.next();
  if (r < 0.3) s = s.replace(/（/g, '(').replace(/）/g, ')');
  else if (r < 0.45) s = s.replace(/\(/g, '（').replace(/\)/g, '）');
  if (rng.chance(0.5)) {
    const at = rng.int(1, Math.max(1, s.length - 1));
    s = s.slice(0, at) + (rng.chance(0.5) ? ' ' : '\u3000') + s.slice(at);
  }
  if (/[A-Za-z]/.test(s)) {
    if (rng.chance(0.4)) s = s.toLowerCase();
    else if (rng.chance(0.3)) s = s.replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
  }
  return s;
}
