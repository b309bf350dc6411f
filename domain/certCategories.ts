/** Certificate categories (注册类别) in scope of the campaign, as listed in DATA-CONTRACT. */
import { z } from 'zod';

export const CertCategory = z.enum([
  'CONSTRUCTOR_1',
  'CONSTRUCTOR_2',
  'ARCHITECT_1',
  'ARCHITECT_2',
  'STRUCTURAL_1',
  'STRUCTURAL_2',
  'GEOTECHNICAL',
  'MEP',
  'ELECTRICAL',
  'CHEMICAL',
  'SUPERVISOR',
  'COST_1',
  'COST_2',
]);
export type CertCategory = z.infer<typeof CertCategory>;

export const CERT_CATEGORY_LABELS: Record<CertCategory, string> = {
  CONSTRUCTOR_1: '一级注册建造师',
  CONSTRUCTOR_2: '二级注册建造师',
  ARCHITECT_1: '一级注册建筑师',
  ARCHITECT_2: '二级注册建筑师',
  STRUCTURAL_1: '一级注册结构工程师',
  STRUCTURAL_2: '二级注册结构工程师',
  GEOTECHNICAL: '注册土木工程师（岩土）',
  MEP: '注册公用设备工程师',
  ELECTRICAL: '注册电气工程师',
  CHEMICAL: '注册化工工程师',
  SUPERVISOR: '注册监理工程师',
  COST_1: '一级注册造价工程师',
  COST_2: '二级注册造价工程师',
};

// NFKC turns （） into (), so both bracket forms of a label compare equal.
const key = (s: string): string => s.normalize('NFKC').replace(/\s+/g, '');
const BY_LABEL = new Map<string, CertCategory>(CertCategory.options.map((c) => [key(CERT_CATEGORY_LABELS[c]), c]));

/** A category code (case-insensitive) or its Chinese name. */
export function resolveCertCategory(raw: string): CertCategory | undefined {
  const s = key(raw ?? '');
  const byCode = CertCategory.safeParse(s.toUpperCase());
  if (byCode.success) return byCode.data;
  return BY_LABEL.get(s);
}
