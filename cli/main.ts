/**
 * The `guazheng` command: a small dispatcher over node's util.parseArgs. Each subcommand lives in
 * its own file, declares its options and is loaded only when used (so `generate` does not load
 * database drivers). Exit codes: 0 done, 1 failure, 2 bad arguments or unusable input, always
 * with one line on stderr that names the file or option, never personal data.
 */
import { parseArgs } from 'node:util';
import { textRefusal } from '../domain/text';
import type { CliCommand, OptionValues } from './command';

// require, not import(): bin/guazheng.js runs this file as CommonJS through tsx, and a dynamic
// import() would go through the ESM loader, which does not resolve extension-less .ts paths.
const COMMANDS: Record<string, () => Promise<{ command: CliCommand }>> = {
  screen: async () => require('./screen') as typeof import('./screen'),
  generate: async () => require('./generate') as typeof import('./generate'),
  launch: async () => require('./launch') as typeof import('./launch'),
  demo: async () => require('./demo') as typeof import('./demo'),
  user: async () => require('./users') as typeof import('./users'),
  rehearse: async () => require('./rehearse') as typeof import('./rehearse'),
};

async function help(): Promise<string> {
  const lines: string[] = [];
  for (const [name, load] of Object.entries(COMMANDS)) lines.push(`  ${name.padEnd(10)} ${(await load()).command.summary}`);
  return ['usage: guazheng <command> [options]', '', 'commands:', ...lines].join('\n');
}

function usageError(message: string): number {
  process.stderr.write(`guazheng: ${message}\n`);
  return 2;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write((await help()) + '\n');
    return name === undefined ? 2 : 0;
  }
  const load = COMMANDS[name];
  if (!load) return usageError(`unknown command "${name}"; commands: ${Object.keys(COMMANDS).join(', ')}`);
  const { command } = await load();
  let values: OptionValues;
  let positionals: string[];
  try {
    const parsed = parseArgs({ args: rest, options: command.options, strict: true, allowPositionals: command.positionals === true });
    values = parsed.values as OptionValues;
    positionals = parsed.positionals;
  } catch (err) {
    return usageError(`${name}: ${(err as Error).message.split('\n')[0]}`);
  }
  // The text type of every other input (domain/text.ts): an argument is one line of visible text.
  for (const [option, value] of [...Object.entries(values), ...positionals.map((p, i) => [`argument ${i + 1}`, p] as const)]) {
    const why = typeof value === 'string' ? textRefusal(value, 'line') : undefined;
    if (why) return usageError(`${name}: ${option.startsWith('argument') ? option : `--${option}`} ${why}`);
  }
  return command.run(values, positionals);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    // Our own error messages never carry personal data; a stack trace is noise for an official.
    process.stderr.write(`guazheng: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
