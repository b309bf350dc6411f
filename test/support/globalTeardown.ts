import type { TestServices } from './services';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __guazhengServices?: TestServices }).__guazhengServices?.stop();
}
