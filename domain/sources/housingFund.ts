/** 公积金缴存: one row per person, unit and month (DATA-CONTRACT "housing_fund"). */
import { z } from 'zod';
import * as f from './fields';
import { col, defineSource } from './types';

export const housingFundColumns = [
  col('id_number', '身份证号', true),
  col('unit_name', '缴存单位', true),
  col('unit_code', '缴存单位统一社会信用代码', false, { warn: f.usccWarning }),
  col('period', '缴存年月', true, { kind: 'period' }),
] as const;

const housingFundChecks = {
  id_number: f.idNumberCheck,
  unit_name: f.requiredTextCheck,
  unit_code: f.optionalUsccCheck,
  period: f.periodCheck,
};
const finish = (r: f.Checked<typeof housingFundChecks>) => ({ ...r, unit_name_norm: f.unitNameNorm(r.unit_name) });

export const HousingFundRow = z.object(f.zodFields(housingFundChecks)).transform(finish);

export const housingFundSource = defineSource({
  name: 'housing_fund',
  label: '公积金缴存',
  table: 'housing_fund',
  columns: housingFundColumns,
  schema: HousingFundRow,
  fast: f.plainRow(housingFundChecks, finish),
  staged: { checks: housingFundChecks, derived: { unit_name_norm: { from: 'unit_name', fn: f.unitNameNorm } } },
  dbColumns: ['id_number', 'unit_name', 'unit_name_norm', 'unit_code', 'period'],
});
