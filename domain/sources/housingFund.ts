/** 公积金缴存: one row per person, unit and month (DATA-CONTRACT "housing_fund"). */
import { z } from 'zod';
import { normaliseUnitName } from '../unitMatching';
import * as f from './fields';
import { col, defineSource } from './types';

export const housingFundColumns = [
  col('id_number', '身份证号', true),
  col('unit_name', '缴存单位', true),
  col('unit_code', '缴存单位统一社会信用代码', false, { warn: f.usccWarning }),
  col('period', '缴存年月', true, { kind: 'period' }),
] as const;

export const HousingFundRow = z
  .object({
    id_number: f.idNumber(),
    unit_name: f.requiredText(),
    unit_code: f.optionalUscc(),
    period: f.period(),
  })
  .transform((r) => ({ ...r, unit_name_norm: normaliseUnitName(r.unit_name) }));
export type HousingFund = z.output<typeof HousingFundRow>;

export const housingFundSource = defineSource({
  name: 'housing_fund',
  label: '公积金缴存',
  table: 'housing_fund',
  columns: housingFundColumns,
  schema: HousingFundRow,
  dbColumns: ['id_number', 'unit_name', 'unit_name_norm', 'unit_code', 'period'],
});
