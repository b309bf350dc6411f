/** `guazheng generate`: a synthetic data set for tests, demos and the screening benchmark. */
import { performance } from 'node:perf_hooks';
import { generateDataset, GenerateOptions } from '../datagen/generate';
import type { CliCommand, OptionValues } from './command';

const int = (v: string | boolean | undefined) => (typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : undefined);

export const command: CliCommand = {
  summary: 'write a synthetic Jilin data set with planted cases and ground_truth.csv',
  options: {
    persons: { type: 'string' },
    seed: { type: 'string' },
    out: { type: 'string' },
    'as-of': { type: 'string' },
    months: { type: 'string' },
  },
  async run(values: OptionValues): Promise<number> {
    const parsed = GenerateOptions.safeParse({
      persons: int(values.persons),
      seed: values.seed === undefined ? 1 : int(values.seed),
      outDir: values.out,
      asOf: values['as-of'],
      months: values.months === undefined ? undefined : int(values.months),
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const option =
        { persons: '--persons', seed: '--seed', outDir: '--out', asOf: '--as-of', months: '--months' }[String(issue.path[0])] ?? String(issue.path[0]);
      process.stderr.write(
        `guazheng: generate: ${option} is missing or invalid (${issue.message}); usage: generate --persons N --seed S --out DIR [--as-of YYYY-MM] [--months 12]\n`,
      );
      return 2;
    }
    const started = performance.now();
    const result = await generateDataset(parsed.data);
    const rows = Object.values(result.rows).reduce((a, b) => a + b, 0);
    process.stdout.write(
      `generated ${result.persons} persons, ${rows} rows in ${parsed.data.outDir}, ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
    );
    return 0;
  },
};
