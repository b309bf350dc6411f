import { checkPasswordStrength, passwordWeakness, PASSWORD_TOO_COMMON, PASSWORD_TOO_SHORT, WeakPasswordError } from '../../api/auth/passwords';
import { NewUser } from '../../api/users/createUser';

describe('password rules', () => {
  it('refuse fewer than 12 characters, naming the rule in Chinese', () => {
    expect(passwordWeakness('1234567890')).toBe(PASSWORD_TOO_SHORT);
    expect(passwordWeakness('Tr0ub4dor&3')).toBe(PASSWORD_TOO_SHORT);
    expect(PASSWORD_TOO_SHORT).toMatch(/至少需要 12 个字符/);
  });

  it('refuse common passwords of any length, whatever their case', () => {
    for (const p of ['1234567890ab', 'qwertyuiop12', 'password1234', 'woaini1314520', 'Password1234', 'aaaaaaaaaaaa', '1qaz2wsx3edc']) {
      expect({ p, weakness: passwordWeakness(p) }).toEqual({ p, weakness: PASSWORD_TOO_COMMON });
    }
    expect(PASSWORD_TOO_COMMON).toMatch(/常用密码/);
  });

  it('accept a long uncommon password', () => {
    expect(passwordWeakness('长白山-雾凇-2026-冬')).toBeUndefined();
    expect(() => checkPasswordStrength('correct horse battery')).not.toThrow();
    expect(() => checkPasswordStrength('password1234')).toThrow(WeakPasswordError);
  });

  it('are the rules a new user must pass, with the Chinese message on the password field', () => {
    const r = NewUser.safeParse({ username: 'newcomer', role: 'auditor', password: '1234567890' });
    expect(r.success).toBe(false);
    expect(r.error?.issues).toEqual([expect.objectContaining({ path: ['password'], message: PASSWORD_TOO_SHORT })]);
    expect(NewUser.safeParse({ username: 'newcomer', role: 'auditor', password: 'qwertyuiop12' }).error?.issues[0].message).toBe(PASSWORD_TOO_COMMON);
  });
});
