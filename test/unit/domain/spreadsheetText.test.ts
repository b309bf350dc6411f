import { csvField, csvLine, neutraliseFormula, spreadsheetCell } from '../../../domain/spreadsheetText';

describe('cells of exports against formula injection', () => {
  it.each([
    ['=HYPERLINK("http://evil.example","点击")', `'=HYPERLINK("http://evil.example","点击")`],
    ["+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"],
    ['-2+3+cmd|x!A0', "'-2+3+cmd|x!A0"],
    ['@SUM(1+1)', "'@SUM(1+1)"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', "'\r=1+1"],
  ])('prefixes text that starts like a formula with a single quote: %j', (text, expected) => {
    expect(neutraliseFormula(text)).toBe(expected);
    expect(spreadsheetCell(text)).toBe(expected);
  });

  it.each(['-12', '+3.5', '-0.25', '1e3', '-1E-3', '长春市某建设有限公司', "O'Brien", 'a=b', '220102198001010011', ''])(
    'leaves plain numbers and ordinary text as they are: %j',
    (text) => expect(neutraliseFormula(text)).toBe(text),
  );

  it('never touches a numeric cell, a negative one included', () => {
    expect(spreadsheetCell(-5)).toBe(-5);
    expect(spreadsheetCell(null)).toBeNull();
    expect(csvField(-5)).toBe('-5');
  });

  it('quotes CSV fields after neutralising them', () => {
    expect(csvField('=1+1,"x"')).toBe(`"'=1+1,""x"""`);
    expect(csvLine(['=A1', 7, null, 'text'])).toBe("'=A1,7,,text\r\n");
    expect(csvLine(['@x'], '\n')).toBe("'@x\n");
  });
});
