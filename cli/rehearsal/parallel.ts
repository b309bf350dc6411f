/** Bounded concurrency for the simulated officers: several officers work at once, as in a real city. */

/** Runs `fn` over the items, `width` at a time; after a failure takes no new item, and throws it once every lane has stopped. */
export async function inParallel<T>(items: readonly T[], width: number, fn: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { err: unknown } | undefined;
  const lanes = Array.from({ length: Math.min(width, items.length) }, async () => {
    while (next < items.length && !failure) {
      const i = next++;
      try {
        await fn(items[i], i);
      } catch (err) {
        failure ??= { err };
      }
    }
  });
  await Promise.all(lanes);
  if (failure) throw failure.err;
}
