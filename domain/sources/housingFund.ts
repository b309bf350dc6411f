/**
 * 公积金缴存: one row per person, unit and month (DATA-CONTRACT "housing_fund"). A row names no city;
 * a city's own upload (`ownCity`, a 住房公积金管理中心's) rejects a row whose unit code is registered
 * in another city of the province (fields.ownCityUsccCheck; docs/data-import.md).
 */
import { z } from 'zod';
import type { City } from '../cities';
import * as f from './fields';
import { col, defineSource } from './types';

export const housingFundColumns = [
  col('id_number', '身份证号', true),
  col('unit_name', '缴存单位', true),
  col('unit_code', '缴存单位统一社会信用代码', false, { warn: f.usccWarning }),
  col('period', '缴存年月', true, { kind: 'period' }),
] as const;

function housingFundChecks(ownCity?: City) {
  return {
    id_number: f.idNumberCheck,
    unit_name: f.requiredTextCheck,
    unit_code: ownCity ? f.ownCityUsccCheck(ownCity) : f.optionalUsccCheck,
    period: f.periodCheck,
  };
}
type Checks = ReturnType<typeof housingFundChecks>;
const finish = (r: f.Checked<Checks>) => ({ ...r, unit_name_norm: f.unitNameNorm(r.unit_name) });

/** The source; with `ownCity`, as a city's own upload reads it. */
export function housingFundSource(ownCity?: City) {
  const checks = housingFundChecks(ownCity);
  return defineSource({
    name: 'housing_fund',
    label: '公积金缴存',
    table: 'housing_fund',
    columns: housingFundColumns,
    schema: z.object(f.zodFields(checks)).transform(finish),
    fast: f.plainRow(checks, finish),
    staged: { checks, derived: { unit_name_norm: { from: 'unit_name', fn: f.unitNameNorm } } },
    dbColumns: ['id_number', 'unit_name', 'unit_name_norm', 'unit_code', 'period'],
  });
}
