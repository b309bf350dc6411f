import { importEnv } from '../../dataImport/importSettings';

describe('the importer settings from the environment', () => {
  it('reads the staged-path threshold as a number and the timings file as given', () => {
    expect(importEnv({ GZ_IMPORT_STAGED_MIN_BYTES: '0', GZ_IMPORT_TIMINGS: '/tmp/t.txt' })).toEqual({
      GZ_IMPORT_STAGED_MIN_BYTES: 0,
      GZ_IMPORT_TIMINGS: '/tmp/t.txt',
    });
  });

  it('treats unset and empty variables as not set', () => {
    expect(importEnv({ GZ_IMPORT_STAGED_MIN_BYTES: '' })).toEqual({});
  });

  it('refuses a malformed threshold, naming the variable', () => {
    expect(() => importEnv({ GZ_IMPORT_STAGED_MIN_BYTES: 'lots' })).toThrow(/GZ_IMPORT_STAGED_MIN_BYTES/);
    expect(() => importEnv({ GZ_IMPORT_STAGED_MIN_BYTES: '-1' })).toThrow(/GZ_IMPORT_STAGED_MIN_BYTES/);
  });
});
