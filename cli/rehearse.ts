/**
 * `guazheng rehearse --persons N --out DIR`: a whole campaign on the time-skipping test server in
 * minutes (docs/rehearsal.md) — synthetic persons, simulated officers, every phase, the penalty
 * procedures — with every report and document written into DIR and a JSON summary on stdout.
 * Progress lines go to stderr; neither carries personal data.
 */
import { runRehearsal } from './rehearsal/runRehearsal';
import type { CliCommand, OptionValues } from './command';

const DEFAULT_PERSONS = 2000;
const MAX_PERSONS = 20_000;
const DEFAULT_SEED = 20240901;

function wholeNumber(value: string | boolean | undefined, fallback: number): number | undefined {
  if (value === undefined) return fallback;
  const n = Number(value);
  return Number.isInteger(n) ? n : undefined;
}

export const command: CliCommand = {
  summary: 'rehearse a whole campaign on the time-skipping server; reports and documents into --out, summary as JSON',
  options: {
    persons: { type: 'string' },
    out: { type: 'string' },
    seed: { type: 'string' },
    'keep-database': { type: 'boolean' },
  },
  async run(values: OptionValues): Promise<number> {
    const persons = wholeNumber(values.persons, DEFAULT_PERSONS);
    if (persons === undefined || persons < 50 || persons > MAX_PERSONS) {
      process.stderr.write(`guazheng: rehearse: --persons must be a whole number from 50 to ${MAX_PERSONS}\n`);
      return 2;
    }
    const seed = wholeNumber(values.seed, DEFAULT_SEED);
    if (seed === undefined || seed < 0 || seed > 0xffffffff) {
      process.stderr.write('guazheng: rehearse: --seed must be a whole number from 0 to 4294967295\n');
      return 2;
    }
    const outDir = typeof values.out === 'string' ? values.out : 'rehearsal';
    const summary = await runRehearsal({
      persons,
      seed,
      outDir,
      keepDatabase: values['keep-database'] === true,
      log: (line) => process.stderr.write(`rehearse: ${line}\n`),
    });
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    const { details: _, ...checks } = summary.checks;
    return Object.values(checks).every(Boolean) ? 0 : 1;
  },
};
