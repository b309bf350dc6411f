/** 机关事业单位在编人员 (DATA-CONTRACT "public_sector_staff"). */
import { z } from 'zod';
import * as f from './fields';
import { col, defineSource } from './types';

export const publicSectorStaffColumns = [
  col('id_number', '身份证号', true),
  col('employer_name', '工作单位', true),
  col('employer_code', '工作单位统一社会信用代码', false, { warn: f.usccWarning }),
] as const;

export const PublicSectorStaffRow = z
  .object({
    id_number: f.idNumber(),
    employer_name: f.requiredText(),
    employer_code: f.optionalUscc(),
  })
  .transform((r) => ({ ...r, employer_name_norm: f.unitNameNorm(r.employer_name) }));

export const publicSectorStaffSource = defineSource({
  name: 'public_sector_staff',
  label: '机关事业单位在编人员',
  table: 'public_sector_staff',
  columns: publicSectorStaffColumns,
  schema: PublicSectorStaffRow,
  dbColumns: ['id_number', 'employer_name', 'employer_name_norm', 'employer_code'],
});
