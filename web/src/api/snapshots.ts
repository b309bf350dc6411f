/** Data snapshots: a named set of completed import batches, what a campaign screens. */
import { answer, api, type JsonAnswer } from './http';

export type SnapshotCreated = JsonAnswer<'/snapshots', 'post', 201>;

export function createSnapshot(label: string, batchIds: number[]): Promise<SnapshotCreated> {
  return answer(api.POST('/snapshots', { body: { label, batchIds } }));
}

/** A snapshot as the launch form's picker shows it. PROVISIONAL until GET /snapshots lands (h-api1). */
export interface SnapshotSummary {
  snapshotId: number;
  label: string;
  createdAt: string;
  batches: { batchId: number; source: string; fileName: string; rowsAccepted: number }[];
}

export function listSnapshots(): Promise<SnapshotSummary[]> {
  return Promise.resolve([]);
}
