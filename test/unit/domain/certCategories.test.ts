import { CERT_CATEGORY_LABELS, CertCategory, resolveCertCategory } from '../../../domain/certCategories';

describe('certificate categories', () => {
  it('has the thirteen categories of the data contract with their Chinese names', () => {
    expect(CERT_CATEGORY_LABELS).toEqual({
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
    });
    expect(CertCategory.options).toHaveLength(13);
  });

  it('resolves every code, case-insensitively, and every Chinese name', () => {
    for (const c of CertCategory.options) {
      expect(resolveCertCategory(c)).toBe(c);
      expect(resolveCertCategory(c.toLowerCase())).toBe(c);
      expect(resolveCertCategory(CERT_CATEGORY_LABELS[c])).toBe(c);
    }
  });

  it('accepts the geotechnical name with full-width or half-width brackets', () => {
    expect(resolveCertCategory('注册土木工程师（岩土）')).toBe('GEOTECHNICAL');
    expect(resolveCertCategory('注册土木工程师(岩土)')).toBe('GEOTECHNICAL');
    expect(resolveCertCategory(' 注册土木工程师 (岩土) ')).toBe('GEOTECHNICAL');
  });

  it('accepts a full-width code', () => {
    expect(resolveCertCategory('ＭＥＰ')).toBe('MEP');
  });

  it('returns undefined for an unknown category', () => {
    expect(resolveCertCategory('注册建造师')).toBeUndefined();
    expect(resolveCertCategory('CONSTRUCTOR_3')).toBeUndefined();
    expect(resolveCertCategory('')).toBeUndefined();
  });
});
