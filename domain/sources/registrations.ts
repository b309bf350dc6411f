/** 注册信息: one row per certificate registration (DATA-CONTRACT "registrations"). */
import { z } from 'zod';
import { JILIN_CITIES, type City } from '../cities';
import * as f from './fields';
import { col, defineSource } from './types';

export const registrationColumns = [
  col('id_number', '身份证号', true),
  col('name', '姓名', true),
  col('cert_category', '注册类别', true),
  col('cert_number', '注册证书编号', true),
  col('unit_name', '注册单位', true),
  col('unit_code', '注册单位统一社会信用代码', false, { warn: f.usccWarning }),
  col('city_code', '所在市州', true),
  col('registered_on', '注册日期', false, { kind: 'date' }),
  col('status', '注册状态', false),
] as const;

function registrationChecks(cities: readonly City[]) {
  return {
    id_number: f.idNumberCheck,
    name: f.requiredTextCheck,
    cert_category: f.certCategoryCheck,
    cert_number: f.requiredTextCheck,
    unit_name: f.requiredTextCheck,
    unit_code: f.optionalUsccCheck,
    city_code: f.cityCodeCheck(cities),
    registered_on: f.optionalDateCheck,
    status: f.registrationStatusCheck,
  };
}
type Checked = f.Checked<ReturnType<typeof registrationChecks>>;
const finish = (r: Checked) => ({ ...r, unit_name_norm: f.unitNameNorm(r.unit_name) });

export function registrationsSource(cities: readonly City[] = JILIN_CITIES) {
  const checks = registrationChecks(cities);
  return defineSource({
    name: 'registrations',
    label: '注册信息',
    table: 'registration',
    columns: registrationColumns,
    schema: z.object(f.zodFields(checks)).transform(finish),
    fast: f.plainRow(checks, finish),
    staged: { checks, derived: { unit_name_norm: { from: 'unit_name', fn: f.unitNameNorm } } },
    dbColumns: ['id_number', 'name', 'cert_category', 'cert_number', 'unit_name', 'unit_name_norm', 'unit_code', 'city_code', 'registered_on', 'status'],
  });
}
