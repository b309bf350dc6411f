import { UNIT_KIND_LABELS, UnitKind, isValidUscc, normaliseUscc, resolveUnitKind, unitKindFromUscc, usccCheckCharacter } from '../../../domain/uscc';

describe('usccCheckCharacter', () => {
  it('computes the GB 32100 check character', () => {
    expect(usccCheckCharacter('91350100M000100Y4')).toBe('3');
    expect(usccCheckCharacter('91220101MA0000000')).toBe('0');
  });

  it('maps a remainder of 0 to check character 0 rather than 31', () => {
    // Body of all zeros: sum 0, 31 - 0 = 31 → '0'.
    expect(usccCheckCharacter('00000000000000000')).toBe('0');
  });

  it('returns undefined for characters outside the charset (I, O, S, V, Z) or a wrong length', () => {
    for (const bad of ['I', 'O', 'S', 'V', 'Z', 'a']) {
      expect(usccCheckCharacter('91350100M000100Y' + bad)).toBeUndefined();
    }
    expect(usccCheckCharacter('91350100M000100')).toBeUndefined();
  });
});

describe('isValidUscc', () => {
  it('accepts the standard example 91350100M000100Y43', () => {
    expect(isValidUscc('91350100M000100Y43')).toBe(true);
  });

  it('rejects the example with its last character changed', () => {
    for (const c of '0123456789ABCDEFGHJKLMNPQRTUWXY'.replace('3', '')) {
      expect(isValidUscc('91350100M000100Y4' + c)).toBe(false);
    }
  });

  it('rejects wrong lengths, lowercase and forbidden characters', () => {
    expect(isValidUscc('91350100M000100Y4')).toBe(false);
    expect(isValidUscc('91350100M000100Y433')).toBe(false);
    expect(isValidUscc('91350100m000100y43')).toBe(false);
    expect(isValidUscc('')).toBe(false);
  });

  it('accepts a code once normalised from full-width, lowercase and padded input', () => {
    expect(isValidUscc(normaliseUscc(' ９１３５０１００m０００１００y４３ '))).toBe(true);
  });
});

describe('unit kinds', () => {
  it('derives government from 11 and public institution from 12, else enterprise', () => {
    expect(unitKindFromUscc('11220000013544111Q')).toBe('government');
    expect(unitKindFromUscc('12220000412760000T')).toBe('public_institution');
    expect(unitKindFromUscc('91350100M000100Y43')).toBe('enterprise');
    expect(unitKindFromUscc('52220000MJ0000000X')).toBe('enterprise');
  });

  it('resolves English codes and Chinese labels', () => {
    for (const k of UnitKind.options) {
      expect(resolveUnitKind(k)).toBe(k);
      expect(resolveUnitKind(UNIT_KIND_LABELS[k])).toBe(k);
    }
    expect(resolveUnitKind(' Government ')).toBe('government');
    expect(resolveUnitKind('机关')).toBe('government');
    expect(resolveUnitKind('人力资源服务机构')).toBe('hr_agency');
  });

  it('returns undefined for an unknown kind', () => {
    expect(resolveUnitKind('company')).toBeUndefined();
    expect(resolveUnitKind('')).toBeUndefined();
  });

  it('labels every kind in Chinese', () => {
    expect(UNIT_KIND_LABELS).toEqual({
      enterprise: '企业',
      government: '机关',
      public_institution: '事业单位',
      hr_agency: '人力资源服务机构',
    });
  });
});
