/** 执业资格考试报名: evidence for verification, not screened (DATA-CONTRACT "exam_applications"). */
import { z } from 'zod';
import * as f from './fields';
import { col, defineSource } from './types';

// The contract names no Chinese headers for this source; these are the exam registration system's.
export const examApplicationColumns = [
  col('id_number', '身份证号', true),
  col('exam_year', ['考试年份', '考试年度', '报考年度'], true),
  col('cert_category', ['注册类别', '报考类别'], true),
  col('unit_name', ['报名单位', '工作单位'], true),
  col('unit_code', ['报名单位统一社会信用代码', '工作单位统一社会信用代码'], false, { warn: f.usccWarning }),
] as const;

export const ExamApplicationRow = z
  .object({
    id_number: f.idNumber(),
    exam_year: f.year(),
    cert_category: f.certCategory(),
    unit_name: f.requiredText(),
    unit_code: f.optionalUscc(),
  })
  .transform((r) => ({ ...r, unit_name_norm: f.unitNameNorm(r.unit_name) }));

export const examApplicationsSource = defineSource({
  name: 'exam_applications',
  label: '执业资格考试报名',
  table: 'exam_application',
  columns: examApplicationColumns,
  schema: ExamApplicationRow,
  dbColumns: ['id_number', 'exam_year', 'cert_category', 'unit_name', 'unit_name_norm', 'unit_code'],
});
