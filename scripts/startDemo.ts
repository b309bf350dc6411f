import type { AppConfig } from '../platform/config';

/**
 * Launches the demo campaign once the stack is up (issue 4 wires ensureDemoCampaign here).
 * A failure is reported but does not stop the stack: the system is usable without the demo.
 */
export async function startDemo(opts: { config: AppConfig; databaseUrl: string; log: (line: string) => void }): Promise<void> {
  void opts;
}
