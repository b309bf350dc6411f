/**
 * `guazheng user add --username u --role r [--city 2201] [--responsible] [--display-name n] (--password-stdin | --password p)`
 * (--responsible: the authority's responsible person, 负责人, who approves procedures)
 * `guazheng user disable --username u`
 * Local API users. The password is best given on standard input (--password-stdin): a --password
 * argument is visible to other users of the machine in the process list.
 */
import { ZodError } from 'zod';
import { createPool } from '../platform/db';
import { migrate } from '../db/migrate';
import { createUser, disableUser, NewUser, UserExistsError } from '../api/users';
import { Role, ROLES } from '../domain/roles';
import type { CliCommand, OptionValues } from './command';
import { openDatabase } from '../platform/openDatabase';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  // One line: the trailing newline of `echo` or a here-string is not part of the password.
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

const str = (v: OptionValues[string]) => (typeof v === 'string' ? v : undefined);

function fail(message: string, code = 2): number {
  process.stderr.write(`guazheng: user: ${message}\n`);
  return code;
}

export const command: CliCommand & { positionals: true } = {
  summary: 'add or disable an API user: user add --username u --role r [--city 2201] [--responsible] --password-stdin | user disable --username u',
  positionals: true,
  options: {
    username: { type: 'string' },
    role: { type: 'string' },
    city: { type: 'string' },
    'display-name': { type: 'string' },
    password: { type: 'string' },
    'password-stdin': { type: 'boolean' },
    responsible: { type: 'boolean' },
  },
  async run(values: OptionValues, positionals: string[] = []): Promise<number> {
    const [action, ...extra] = positionals;
    if (extra.length > 0 || (action !== 'add' && action !== 'disable')) return fail('expected "user add" or "user disable"');
    const username = str(values.username);
    if (!username) return fail('--username is required');
    let password: string | undefined;
    if (action === 'add') {
      if (values['password-stdin'] === true && str(values.password)) return fail('give --password or --password-stdin, not both');
      password = values['password-stdin'] === true ? await readStdin() : str(values.password);
      if (!password) return fail('a password is required (--password-stdin, or --password)');
      if (!Role.safeParse(str(values.role)).success) return fail(`role: --role must be one of ${ROLES.join(', ')}`);
    }
    const db = await openDatabase();
    const pool = createPool(db.url);
    try {
      await migrate(pool);
      if (action === 'disable') {
        if (!(await disableUser(pool, username))) return fail(`no user ${username}`, 1);
        process.stdout.write(`disabled ${username}\n`);
        return 0;
      }
      // The words on the command line are checked by the same schema the store applies (role, city, password).
      const input = NewUser.parse({
        username,
        role: str(values.role),
        password,
        cityCode: str(values.city),
        displayName: str(values['display-name']),
        responsible: values.responsible === true,
      });
      const u = await createUser(pool, input);
      process.stdout.write(
        `added ${u.username} (${str(values.role)}${str(values.city) ? `, city ${str(values.city)}` : ''}${values.responsible === true ? ', responsible' : ''})\n`,
      );
      return 0;
    } catch (err) {
      if (err instanceof ZodError) return fail(err.issues.map((i) => `${i.path.join('.') || 'user'}: ${i.message}`).join('; '));
      if (err instanceof UserExistsError) return fail(err.message, 1);
      throw err;
    } finally {
      await pool.end();
      await db.stop();
    }
  },
};
