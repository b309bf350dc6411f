import fc from 'fast-check';
import { ageOn, idCheckCharacter, maskIdNumber, parseIdNumber } from '../../../domain/idNumber';

describe('idCheckCharacter', () => {
  it('computes the GB 11643 check character of the standard examples', () => {
    expect(idCheckCharacter('11010519491231002')).toBe('X');
    expect(idCheckCharacter('44052418800101001')).toBe('4');
  });

  it('refuses input that is not 17 digits', () => {
    expect(() => idCheckCharacter('1101051949123100')).toThrow();
    expect(() => idCheckCharacter('1101051949123100A')).toThrow();
  });
});

describe('parseIdNumber', () => {
  it('accepts a valid 18-character number whose check character is X', () => {
    expect(parseIdNumber('11010519491231002X')).toEqual({
      ok: true,
      id18: '11010519491231002X',
      birthDate: '1949-12-31',
      sex: 'F',
      regionCode: '110105',
      legacy15: false,
    });
  });

  it('accepts the standard example born in 1880', () => {
    const r = parseIdNumber('440524188001010014');
    expect(r).toMatchObject({ ok: true, birthDate: '1880-01-01', sex: 'M', regionCode: '440524' });
  });

  it('treats a lowercase x as X and returns the upper-case form', () => {
    expect(parseIdNumber('11010519491231002x')).toMatchObject({ ok: true, id18: '11010519491231002X' });
  });

  it('trims surrounding whitespace', () => {
    expect(parseIdNumber('  220102199001011239\t')).toMatchObject({ ok: true, id18: '220102199001011239' });
  });

  it('reads the sex from the 17th digit: odd is male, even is female', () => {
    expect(parseIdNumber('220102199001011239')).toMatchObject({ sex: 'M' });
    expect(parseIdNumber('11010519491231002X')).toMatchObject({ sex: 'F' });
  });

  it('rejects an 18-digit number whose check character is wrong', () => {
    const r = parseIdNumber('110105194912310021');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain('check character');
  });

  it('rejects every wrong check character for a valid body', () => {
    const body = '22010219900101123';
    for (const c of '0123456789X'.replace('9', '')) {
      expect(parseIdNumber(body + c).ok).toBe(false);
    }
    expect(parseIdNumber(body + '9').ok).toBe(true);
  });

  it('rejects X anywhere but the last position', () => {
    expect(parseIdNumber('1101051949123100X2').ok).toBe(false);
  });

  it('rejects wrong lengths and non-digit characters', () => {
    for (const raw of ['', '1234', '22010219900101123', '2201021990010112399', '22010219900101123Y', '2201021990O1011239', '13050367040100X']) {
      expect(parseIdNumber(raw).ok).toBe(false);
    }
  });

  it('rejects impossible birth dates even with a correct check character', () => {
    const withCheck = (first17: string): string => first17 + idCheckCharacter(first17);
    expect(parseIdNumber(withCheck('22010219990230123'))).toMatchObject({ ok: false, reason: expect.stringContaining('birth date') });
    expect(parseIdNumber(withCheck('22010219901301123')).ok).toBe(false); // month 13
    expect(parseIdNumber(withCheck('22010219900001123')).ok).toBe(false); // month 0
    expect(parseIdNumber(withCheck('22010219900100123')).ok).toBe(false); // day 0
    expect(parseIdNumber(withCheck('22010219900431123')).ok).toBe(false); // 31 April
    expect(parseIdNumber(withCheck('22010219000229123')).ok).toBe(false); // 1900 not a leap year
    expect(parseIdNumber(withCheck('22010220000229123')).ok).toBe(true); // 2000 is
  });

  it('rejects birth years before 1800 or after 2100', () => {
    const withCheck = (first17: string): string => first17 + idCheckCharacter(first17);
    expect(parseIdNumber(withCheck('22010217991231123')).ok).toBe(false);
    expect(parseIdNumber(withCheck('22010218000101123')).ok).toBe(true);
    expect(parseIdNumber(withCheck('22010221000101123')).ok).toBe(true);
    expect(parseIdNumber(withCheck('22010221010101123')).ok).toBe(false);
  });

  it('converts a 15-digit legacy number to 18 by inserting 19 and appending the check character', () => {
    const r = parseIdNumber('130503670401001');
    expect(r).toEqual({
      ok: true,
      id18: '130503196704010016',
      birthDate: '1967-04-01',
      sex: 'M',
      regionCode: '130503',
      legacy15: true,
    });
    // Round trip: the converted number parses as a valid 18-digit number of the same person.
    if (r.ok) expect(parseIdNumber(r.id18)).toMatchObject({ ok: true, id18: r.id18, birthDate: '1967-04-01', legacy15: false });
  });

  it('rejects a 15-digit number with an impossible birth date', () => {
    expect(parseIdNumber('130503670230001').ok).toBe(false);
  });

  it('never puts the number into its reason', () => {
    for (const raw of ['110105194912310021', '130503670230001', '12345', '2201021990O1011239']) {
      const r = parseIdNumber(raw);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.reason).not.toContain(raw);
        expect(r.reason).not.toMatch(/\d{6,}/);
      }
    }
  });

  it('accepts any 17 digits with a real birth date and their computed check character (property)', () => {
    const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((a) => a.join(''));
    fc.assert(
      fc.property(digits(6), fc.date({ min: new Date('1900-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }), digits(3), (region, birth, seq) => {
        const ymd = birth.toISOString().slice(0, 10);
        const first17 = region + ymd.replace(/-/g, '') + seq;
        const r = parseIdNumber(first17 + idCheckCharacter(first17));
        expect(r).toMatchObject({ ok: true, birthDate: ymd, regionCode: region });
      }),
    );
  });
});

describe('maskIdNumber', () => {
  it('keeps the first 6 and last 4 characters and hides 8', () => {
    expect(maskIdNumber('220102199001011234')).toBe('220102********1234');
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
  });

  it('hides the birth date', () => {
    expect(maskIdNumber('220102199001011239')).not.toContain('19900101');
  });
});

describe('ageOn', () => {
  it('counts full years, turning a year older on the birthday', () => {
    expect(ageOn('1959-12-31', '2024-12-30')).toBe(64);
    expect(ageOn('1959-12-31', '2024-12-31')).toBe(65);
    expect(ageOn('1960-01-01', '2024-12-31')).toBe(64);
  });

  it('handles a 29 February birthday in a common year', () => {
    expect(ageOn('2000-02-29', '2023-02-28')).toBe(22);
    expect(ageOn('2000-02-29', '2023-03-01')).toBe(23);
    expect(ageOn('2000-02-29', '2024-02-29')).toBe(24);
  });

  it('is zero on the day of birth', () => {
    expect(ageOn('2024-05-06', '2024-05-06')).toBe(0);
  });
});
