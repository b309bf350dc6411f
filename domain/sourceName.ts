/** The input sources of the DATA-CONTRACT, by the name a campaign's configuration and the importer use. */
import { z } from 'zod';

export const SOURCE_NAMES = [
  'registrations',
  'social_insurance',
  'housing_fund',
  'units',
  'public_sector_staff',
  'exam_applications',
  'labor_contracts',
] as const;
export const SourceName = z.enum(SOURCE_NAMES);
export type SourceName = z.infer<typeof SourceName>;

/** Each source's Chinese name, as the import page and the snapshot picker show it. */
export const SOURCE_LABELS: Readonly<Record<SourceName, string>> = Object.freeze({
  registrations: '注册信息',
  social_insurance: '社保缴费',
  housing_fund: '公积金缴存',
  units: '单位信息',
  public_sector_staff: '机关事业单位在编人员',
  exam_applications: '执业资格考试报名',
  labor_contracts: '劳动合同备案',
});
