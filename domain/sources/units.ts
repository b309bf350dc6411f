/** 单位信息: the optional units file (DATA-CONTRACT "units"). */
import { z } from 'zod';
import * as f from './fields';
import { col, defineSource } from './types';

export const unitColumns = [
  col('unit_code', '统一社会信用代码', true),
  col('unit_name', '单位名称', true),
  col('unit_kind', '单位类型', false),
  col('branch_of', '总公司统一社会信用代码', false, { warn: f.usccWarning }),
  col('parent_code', '母公司统一社会信用代码', false, { warn: f.usccWarning }),
] as const;

export const UnitRow = z
  .object({
    // The code is this file's key, so an invalid one rejects the row.
    unit_code: f.requiredUscc(),
    unit_name: f.requiredText(),
    unit_kind: f.unitKind(),
    branch_of: f.optionalUscc(),
    parent_code: f.optionalUscc(),
  })
  .transform((r) => ({ ...r, unit_name_norm: f.unitNameNorm(r.unit_name) }));

export const unitsSource = defineSource({
  name: 'units',
  label: '单位信息',
  table: 'unit',
  columns: unitColumns,
  schema: UnitRow,
  dbColumns: ['unit_code', 'unit_name', 'unit_name_norm', 'unit_kind', 'branch_of', 'parent_code'],
});
