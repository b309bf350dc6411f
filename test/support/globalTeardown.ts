import { stopRunFixtures, type RunFixtures } from './runFixtures';

export default async function globalTeardown(): Promise<void> {
  const run = (globalThis as { __guazhengRun?: RunFixtures }).__guazhengRun;
  if (run) await stopRunFixtures(run);
}
