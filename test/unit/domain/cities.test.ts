import { CitySchema, JILIN_CITIES, cityName, resolveCity } from '../../../domain/cities';

describe('JILIN_CITIES', () => {
  it('lists the nine 市州 with their division codes', () => {
    expect(JILIN_CITIES.map((c) => [c.code, c.name])).toEqual([
      ['2201', '长春市'],
      ['2202', '吉林市'],
      ['2203', '四平市'],
      ['2204', '辽源市'],
      ['2205', '通化市'],
      ['2206', '白山市'],
      ['2207', '松原市'],
      ['2208', '白城市'],
      ['2224', '延边朝鲜族自治州'],
    ]);
  });

  it('satisfies the configuration schema', () => {
    for (const c of JILIN_CITIES) expect(CitySchema.parse(c)).toEqual(c);
  });

  it('rejects a city configured with a code that is not 4 digits', () => {
    expect(CitySchema.safeParse({ code: '220100', name: 'x', aliases: [] }).success).toBe(false);
  });
});

describe('resolveCity', () => {
  it('resolves by code, name and alias', () => {
    expect(resolveCity('2201')?.name).toBe('长春市');
    expect(resolveCity('长春市')?.code).toBe('2201');
    expect(resolveCity('长春')?.code).toBe('2201');
    expect(resolveCity('延边州')?.code).toBe('2224');
    expect(resolveCity('延边')?.code).toBe('2224');
    expect(resolveCity('延边朝鲜族自治州')?.code).toBe('2224');
  });

  it('trims and normalises full-width digits', () => {
    expect(resolveCity(' ２２０８ ')?.name).toBe('白城市');
    expect(resolveCity('\t吉林市 ')?.code).toBe('2202');
  });

  it('does not read 吉林 alone as 吉林市, since it usually means the province', () => {
    expect(resolveCity('吉林')).toBeUndefined();
  });

  it('returns undefined for unknown or empty input', () => {
    expect(resolveCity('沈阳市')).toBeUndefined();
    expect(resolveCity('2101')).toBeUndefined();
    expect(resolveCity('')).toBeUndefined();
  });

  it('uses a campaign-configured list instead of the default', () => {
    const cities = [{ code: '9901', name: '测试市', aliases: ['测试'] }];
    expect(resolveCity('测试', cities)?.code).toBe('9901');
    expect(resolveCity('2201', cities)).toBeUndefined();
  });
});

describe('cityName', () => {
  it('names a known code and echoes an unknown one', () => {
    expect(cityName('2224')).toBe('延边朝鲜族自治州');
    expect(cityName('9999')).toBe('9999');
  });
});
