/** 社保缴费: one row per person, unit and month (DATA-CONTRACT "social_insurance"). */
import { z } from 'zod';
import * as f from './fields';
import { col, defineSource } from './types';

export const socialInsuranceColumns = [
  col('id_number', '身份证号', true),
  col('name', '姓名', false),
  // Required in the header: a social-insurance extract without a unit column is the wrong file.
  // Per row it may be empty for retired and flexible records (checked below).
  col('unit_name', '参保单位', true),
  col('unit_code', '参保单位统一社会信用代码', false, { warn: f.usccWarning }),
  col('region_code', '参保地', false, { warn: f.regionWarning }),
  col('period', '缴费年月', true, { kind: 'period' }),
  col('insured_status', '参保状态', false),
] as const;

const socialInsuranceChecks = {
  id_number: f.idNumberCheck,
  name: f.optionalTextCheck,
  unit_name: f.optionalTextCheck,
  unit_code: f.optionalUsccCheck,
  region_code: f.regionCodeCheck,
  period: f.periodCheck,
  insured_status: f.insuredStatusCheck,
};
type Checked = f.Checked<typeof socialInsuranceChecks>;
const lacksUnit = (r: Checked) => r.unit_name === null && r.insured_status === 'employed';
const normOf = (name: string | null) => (name === null ? null : f.unitNameNorm(name));
const finish = (r: Checked) => ({ ...r, unit_name_norm: normOf(r.unit_name) });

export const SocialInsuranceRow = z
  .object(f.zodFields(socialInsuranceChecks))
  .superRefine((r, ctx) => {
    if (lacksUnit(r)) {
      ctx.addIssue({ code: 'custom', path: ['unit_name'], message: f.REASONS.unitForEmployed });
    }
  })
  .transform(finish);

export const socialInsuranceSource = defineSource({
  name: 'social_insurance',
  label: '社保缴费',
  table: 'social_insurance',
  columns: socialInsuranceColumns,
  schema: SocialInsuranceRow,
  fast: f.plainRow(socialInsuranceChecks, (r) => (lacksUnit(r) ? undefined : finish(r))),
  staged: {
    checks: socialInsuranceChecks,
    derived: { unit_name_norm: { from: 'unit_name', fn: normOf } },
    // lacksUnit in SQL, over the checked values (text): test/unit/domain/sources/staged.test.ts compares the two.
    rowGuard: { js: (r) => !lacksUnit(r as Checked), sql: `NOT (unit_name IS NULL AND insured_status = 'employed')` },
  },
  dbColumns: ['id_number', 'name', 'unit_name', 'unit_name_norm', 'unit_code', 'region_code', 'period', 'insured_status'],
});
