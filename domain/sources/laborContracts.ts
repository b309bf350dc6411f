/** 劳动合同备案: evidence for verification, not screened (DATA-CONTRACT "labor_contracts"). */
import { z } from 'zod';
import * as f from './fields';
import { col, defineSource } from './types';

// The contract names no Chinese headers for this source; these are the filing system's.
export const laborContractColumns = [
  col('id_number', '身份证号', true),
  col('unit_name', ['用人单位', '用人单位名称'], true),
  col('unit_code', '用人单位统一社会信用代码', false, { warn: f.usccWarning }),
  col('start_date', ['合同开始日期', '合同起始日期', '开始日期'], true, { kind: 'date' }),
  col('end_date', ['合同终止日期', '合同结束日期', '终止日期'], false, { kind: 'date' }),
] as const;

export const LaborContractRow = z
  .object({
    id_number: f.idNumber(),
    unit_name: f.requiredText(),
    unit_code: f.optionalUscc(),
    start_date: f.requiredDate(),
    // Empty for an open-ended contract (无固定期限).
    end_date: f.optionalDate(),
  })
  .transform((r) => ({ ...r, unit_name_norm: f.unitNameNorm(r.unit_name) }));

export const laborContractsSource = defineSource({
  name: 'labor_contracts',
  label: '劳动合同备案',
  table: 'labor_contract',
  columns: laborContractColumns,
  schema: LaborContractRow,
  dbColumns: ['id_number', 'unit_name', 'unit_name_norm', 'unit_code', 'start_date', 'end_date'],
});
