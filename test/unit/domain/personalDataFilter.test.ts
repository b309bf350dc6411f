import { containsIdNumber, containsName, idNumbersIn } from '../../../domain/personalDataFilter';
import { containsIdNumber as messageContainsIdNumber } from '../../../workflows/messages/case';
import { fixtureIdNumber } from '../../support/caseFixtures';

const id = fixtureIdNumber(7);
const fullWidth = (s: string) => [...s].map((c) => (/[0-9X]/.test(c) ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c)).join('');

describe('the personal-data filter', () => {
  it.each([
    ['plain', id],
    ['with spaces between the groups', `${id.slice(0, 6)} ${id.slice(6, 14)} ${id.slice(14)}`],
    ['with dashes', `${id.slice(0, 6)}-${id.slice(6, 14)}-${id.slice(14)}`],
    ['with a full-width space', `${id.slice(0, 6)}\u3000${id.slice(6)}`],
    ['in full-width digits', fullWidth(id)],
    ['in mixed full-width and ASCII digits', [...id].map((c, i) => (i % 2 ? fullWidth(c) : c)).join('')],
  ])('finds an ID number written %s inside Chinese text', (_how, written) => {
    const text = `经核实，当事人（身份证号${written}）在外单位工作`;
    expect(idNumbersIn(text)).toEqual([id]);
    expect(containsIdNumber(text)).toBe(true);
    expect(messageContainsIdNumber(text)).toBe(true);
  });

  it('leaves numbers alone that are no ID number: a wrong check character, a USCC, dates and amounts', () => {
    const wrongCheck = id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
    expect(containsIdNumber(`编号 ${wrongCheck}，统一社会信用代码 91220101MA0Y3X0X1R，2024-10-31 罚款 5000 元`)).toBe(false);
  });

  it('never looks inside a stored text reference', () => {
    expect(messageContainsIdNumber({ textId: '5b0c2a4e-8d61-4c3e-9a57-3f1e0b6a9d21' })).toBe(false);
  });

  it('finds a Chinese name in free text however it is spaced, and not a name that is absent', () => {
    const names = ['欧阳明轩', '李娜'];
    expect(containsName('经查欧阳明轩本人在外单位工作', names)).toBe(true);
    expect(containsName('经查 欧阳 明 轩 本人在外单位工作', names)).toBe(true);
    expect(containsName('当事人李·娜已签字', names)).toBe(true);
    expect(containsName('当事人已签字确认', names)).toBe(false);
  });
});
