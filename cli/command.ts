/**
 * What every `guazheng` subcommand exports as `command`; in a file of its own so the subcommands
 * and the dispatcher (cli/main.ts, which loads them) do not import each other.
 */
import type { ParseArgsConfig } from 'node:util';

export type OptionValues = Record<string, string | boolean | undefined>;
export interface CliCommand {
  summary: string;
  options: NonNullable<ParseArgsConfig['options']>;
  /** Accepts words after the command (`user add ...`); they reach run() as positionals. */
  positionals?: boolean;
  run(values: OptionValues, positionals?: string[]): Promise<number>;
}
