import { maskIdNumbersInText, maskPersonName, maskUnknownValue } from '../../../domain/maskPersonalData';

describe('masks for readers without the right to personal data', () => {
  it("keeps a name's surname only", () => {
    expect(maskPersonName('张三')).toBe('张*');
    expect(maskPersonName('欧阳娜娜')).toBe('欧***');
    expect(maskPersonName('王')).toBe('王*');
    expect(maskPersonName('')).toBe('');
  });

  it('masks every 18-character ID number inside free text, and nothing shorter', () => {
    expect(maskIdNumbersInText('本人 22010219800101042X 已整改，电话 13912345678')).toBe('本人 220102********042X 已整改，电话 13912345678');
  });

  it('masks a refused value of unknown meaning: long numbers to their ends, anything else to its first character', () => {
    expect(maskUnknownValue('220102198001010418')).toBe('220102********0418');
    expect(maskUnknownValue('22010219800101041')).toBe('220102*******1041');
    expect(maskUnknownValue('2201 0219 8001 0104 18')).toBe('2201 0************4 18');
    expect(maskUnknownValue('13912345678')).toBe('139******78');
    expect(maskUnknownValue('张三丰')).toBe('张**');
    expect(maskUnknownValue('')).toBe('');
  });
});
