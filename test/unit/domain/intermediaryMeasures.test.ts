/**
 * An intermediary's measures beside the 住建 ones (docs/intermediaries.md): a fine's minimum is checked
 * as well as its cap, the 人社局's measures are the city's level and record no penalty row, and a 住建
 * basis refuses the 人社 kinds, authority and minimum (so the cases' procedures are as before).
 */
import { LegalBasisInput, type Measure } from '../../../domain/legalBasis';
import { checkMeasureChoices, levelOfAuthority, MeasureChoice, penaltyKindsOf } from '../../../domain/penaltyProcedure';

const hrBasis: Measure[] = [
  { kind: 'ORDER_TO_CORRECT', authority: 'CITY_HR_BUREAU' },
  { kind: 'CONFISCATE_GAINS', authority: 'CITY_HR_BUREAU' },
  { kind: 'FINE', authority: 'CITY_HR_BUREAU', maxYuanWithoutGains: 50_000, gainsMultiple: null, maxYuanWithGains: null, minYuan: 10_000 },
];
const choose = (raw: unknown[]) =>
  checkMeasureChoices(
    hrBasis,
    raw.map((c) => MeasureChoice.parse(c)),
  );

test('a fine below the intermediary basis’s minimum is refused naming the field; within it, with the 人社 kinds, accepted', () => {
  expect(choose([{ kind: 'FINE', amountYuan: 9_999 }])).toEqual({
    ok: false,
    issues: [{ path: 'measures.0.amountYuan', message: '「罚款金额（元）」9999低于处罚依据的下限10000元' }],
  });
  expect(choose([{ kind: 'FINE', amountYuan: 50_001 }])).toMatchObject({ ok: false });
  const ok = choose([{ kind: 'FINE', amountYuan: 10_000 }, { kind: 'CONFISCATE_GAINS' }]);
  expect(ok).toMatchObject({ ok: true, measures: [{ kind: 'FINE', amountYuan: 10_000, authority: 'CITY_HR_BUREAU' }, { kind: 'CONFISCATE_GAINS' }] });
  expect(choose([{ kind: 'REVOKE_LICENCE' }])).toMatchObject({ ok: false });
});

test('the 人社局’s measures are conducted at the city level and record no penalty row of their own', () => {
  expect(levelOfAuthority('CITY_HR_BUREAU')).toBe('city');
  expect(penaltyKindsOf([{ kind: 'CONFISCATE_GAINS' }, { kind: 'REVOKE_LICENCE' }, { kind: 'CLOSE_OR_STOP' }], 'province')).toEqual([]);
});

test('a 住建 basis refuses the 人社 kinds, the 人社局 as authority and a fine’s minimum', () => {
  const basis = (measures: unknown[]) =>
    LegalBasisInput.safeParse({
      certCategory: 'CONSTRUCTOR_2',
      violation: 'IMPROPER_REGISTRATION',
      citations: [{ instrument: '《注册建造师管理规定》', article: '第三十三条', quote: '', sourceUrl: null, verified: false, note: '' }],
      measures,
      hearing: { applies: true, note: '' },
      effectiveFrom: '2026-01-01',
      reason: '测试',
    });
  expect(basis([{ kind: 'WARNING', authority: 'CITY_BUREAU' }]).success).toBe(true);
  const refused = (measures: unknown[]) => basis(measures).error?.issues.map((i) => i.path.join('.'));
  expect(refused([{ kind: 'CONFISCATE_GAINS', authority: 'CITY_BUREAU' }])).toEqual(['measures.0.kind']);
  expect(refused([{ kind: 'WARNING', authority: 'CITY_HR_BUREAU' }])).toEqual(['measures.0.authority']);
  expect(
    refused([{ kind: 'FINE', authority: 'CITY_BUREAU', maxYuanWithoutGains: 10_000, gainsMultiple: null, maxYuanWithGains: null, minYuan: 1_000 }]),
  ).toEqual(['measures.0.minYuan']);
});
