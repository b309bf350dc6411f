/**
 * The cases the worklist hands to the bulk decision page: in the router state, and kept for the
 * tab (sessionStorage) so a reload of the bulk page still has them. Checked when read back.
 */
import { z } from 'zod';

const BulkSelection = z.object({
  campaignId: z.string(),
  cityCode: z.string(),
  cases: z.array(z.object({ caseId: z.string(), caseNo: z.string(), name: z.string().nullable() })),
  /** The worklist's query string, to return to it as it was. */
  back: z.string(),
});
export type BulkSelection = z.infer<typeof BulkSelection>;

const KEY = 'gz.bulkSelection';

export function rememberBulkSelection(s: BulkSelection): void {
  sessionStorage.setItem(KEY, JSON.stringify(s));
}

export function forgetBulkSelection(): void {
  sessionStorage.removeItem(KEY);
}

/** The selection from the router state, else the one kept for the tab. */
export function bulkSelectionOf(routerState: unknown): BulkSelection | undefined {
  const fromState = BulkSelection.safeParse((routerState as { bulk?: unknown } | null | undefined)?.bulk);
  if (fromState.success) return fromState.data;
  try {
    const kept = BulkSelection.safeParse(JSON.parse(sessionStorage.getItem(KEY) ?? 'null'));
    return kept.success ? kept.data : undefined;
  } catch {
    return undefined;
  }
}
