import {
  checkPasswordStrength,
  hashPassword,
  verifyPassword,
  passwordWeakness,
  PASSWORD_TOO_COMMON,
  PASSWORD_TOO_SHORT,
  WeakPasswordError,
} from '../../api/auth/passwords';
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

describe('password hashes', () => {
  const costOf = (hash: string) => Number(hash.split('$')[1]);
  const hashWithCost = async (cost: string | undefined): Promise<string> => {
    const before = process.env.GZ_PASSWORD_COST;
    if (cost === undefined) delete process.env.GZ_PASSWORD_COST;
    else process.env.GZ_PASSWORD_COST = cost;
    try {
      return await hashPassword('长白山-雾凇-2026-冬');
    } finally {
      if (before === undefined) delete process.env.GZ_PASSWORD_COST;
      else process.env.GZ_PASSWORD_COST = before;
    }
  };

  it('cost 2^15 unless GZ_PASSWORD_COST says otherwise, and verify whatever cost they were made at', async () => {
    const production = await hashWithCost(undefined);
    expect(costOf(production)).toBe(32768);
    const cheap = await hashWithCost('11');
    expect(costOf(cheap)).toBe(2048);
    // Both hashes verify with their own parameters, whatever the cost now.
    expect(await verifyPassword('长白山-雾凇-2026-冬', production)).toBe(true);
    expect(await verifyPassword('长白山-雾凇-2026-冬', cheap)).toBe(true);
    expect(await verifyPassword('长白山-雾凇-2026-夏', cheap)).toBe(false);
    expect(costOf(await hashPassword('长白山-雾凇-2026-冬'))).toBe(2 ** Number(process.env.GZ_PASSWORD_COST ?? 15));
  });

  it('refuse a cost outside 10 to 17, naming the variable', async () => {
    await expect(hashWithCost('9')).rejects.toThrow(/GZ_PASSWORD_COST=.* is invalid: .*>=10/);
  });
});
