/**
 * The simulated officers' judgement: what a city officer concludes on each case, read from the
 * generated data's ground truth (datagen/scenarios.ts: why each planted person was flagged). The mix
 * is what a real city meets: most flagged persons confirmed as 挂证, lawful branches and data lags
 * found compliant, retirees and over-age persons deregistered, public-sector staff transferred, and
 * corrections both within the self-check (declared, so exempt) and after it (liable).
 *
 * Everything here stays in this process: ID numbers key the maps and never reach a log line.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { resolveCity } from '../../domain/cities';
import type { CaseDecisionInput } from '../../domain/outcomes';

export interface PlantedPerson {
  scenario: string;
  /** The city of the person's first registration. */
  cityCode?: string;
}

/** The ground truth and each person's registration city, by ID number. */
export function readPlantedPersons(files: { groundTruth: string; registrations: string }): Map<string, PlantedPerson> {
  const rows = <T>(file: string): T[] => parse<T>(readFileSync(file), { columns: true, bom: true, skip_empty_lines: true, relax_quotes: true });
  const out = new Map<string, PlantedPerson>();
  for (const r of rows<{ id_number: string; scenario: string }>(files.groundTruth)) out.set(r.id_number, { scenario: r.scenario });
  for (const r of rows<{ id_number: string; city_code: string }>(files.registrations)) {
    const p = out.get(r.id_number);
    if (p && !p.cityCode) p.cityCode = resolveCity(r.city_code)?.code;
  }
  return out;
}

const VIOLATIONS = new Set([
  'hanging_classic',
  'parent_company_payer',
  'sibling_subsidiary_payer',
  'multiple_payers',
  'via_agency',
  'multi_unit',
  'multi_unit_via_agency',
  'fund_mismatch',
  'ss_unit_mismatch',
  'outside_province_other',
  'employed_beside_flexible',
]);
const BRANCHES = new Set([
  'branch_payer_by_name',
  'branch_payer_units_file',
  'head_office_payer',
  'sibling_branches',
  'certs_head_and_branch',
  'employed_at_head_and_branch',
]);
const RETIRED = new Set(['retired_at_p', 'retired_early_in_window', 'retired_before_window']);
const OVER_AGE = new Set(['over_age', 'over_age_edge']);
const PUBLIC_SECTOR = new Set(['public_sector_listed', 'public_sector_payer', 'government_fund_payer']);
/** Corrected in phase 1 and declared in the self-check: exempt. */
const SELF_CORRECTED = new Set(['ss_missing', 'changed_within_window']);

/** Persons whose self-check declaration the rehearsal records in phase 1 (every other one of them). */
export function declaresInSelfCheck(p: PlantedPerson, index: number): boolean {
  return SELF_CORRECTED.has(p.scenario) && index % 2 === 0;
}

/**
 * The city officer's decision on a case. `declared`: a self-check declaration is on record;
 * `n` varies the wording and turns every seventh confirmed hanging into a late correction.
 */
export function decisionFor(p: PlantedPerson | undefined, n: number, declared: boolean): CaseDecisionInput {
  const scenario = p?.scenario ?? 'unknown';
  if (declared) return { outcome: 'RECTIFIED', rectifiedOn: '2024-09-20', how: 'moved_contributions', note: '自查期间已将社保转至注册单位并申报' };
  if (VIOLATIONS.has(scenario)) {
    if (n % 7 === 3) return { outcome: 'RECTIFIED', rectifiedOn: '2024-11-05', how: 'moved_registration', note: '排查阶段方变更注册至实际工作单位' };
    return {
      outcome: 'VIOLATION',
      actualEmployer: { name: EMPLOYERS[n % EMPLOYERS.length] },
      evidence: EVIDENCE[n % EVIDENCE.length],
    };
  }
  if (BRANCHES.has(scenario)) return { outcome: 'COMPLIANT', ground: 'BRANCH', justification: '缴纳社保的单位为注册单位的分支机构，营业执照已核验' };
  if (RETIRED.has(scenario)) return { outcome: 'COMPLIANT', ground: 'RETIRED', justification: '已依法办理退休，退休证明已核验' };
  if (OVER_AGE.has(scenario)) return { outcome: 'DEREGISTERED', deregisteredOn: '2024-11-04', note: '超龄人员，已申请注销注册' };
  if (PUBLIC_SECTOR.has(scenario)) return { outcome: 'TRANSFERRED', receivingAuthority: '当地组织人事部门' };
  if (scenario === 'data_lag' || scenario === 'changed_within_window') {
    return { outcome: 'COMPLIANT', ground: 'DATA_LAG', justification: '社保转移手续办理中，数据滞后，已取得转移凭证' };
  }
  if (scenario === 'ss_missing' || scenario === 'flexible_only') {
    return { outcome: 'RECTIFIED', rectifiedOn: '2024-11-08', how: 'moved_contributions', note: '排查阶段补缴社保' };
  }
  return { outcome: 'COMPLIANT', ground: 'OTHER_LAWFUL', justification: '经核查劳动合同与工资发放记录，在注册单位实际工作' };
}

const EMPLOYERS = ['长春某建设工程有限公司', '吉林某劳务有限公司', '四平某建筑安装有限公司', '延边某市政工程有限公司', '白山某装饰工程有限公司'];
const EVIDENCE = [
  '社保由其他单位缴纳，劳动合同备案单位与注册单位不一致',
  '公积金与社保均由实际工作单位缴纳，本人询问笔录在案',
  '注册单位未发放工资，实际在其他单位任项目负责人',
];
