/** Data snapshots: a named set of completed import batches, what a campaign screens. */
import { answer, api, type JsonAnswer } from './http';

export type SnapshotSummary = JsonAnswer<'/snapshots', 'get'>['items'][number];
type SnapshotCreated = JsonAnswer<'/snapshots', 'post', 201>;

export async function listSnapshots(): Promise<SnapshotSummary[]> {
  return (await answer(api.GET('/snapshots', { params: { query: { pageSize: 200 } } }))).items;
}

export function createSnapshot(label: string, batchIds: number[]): Promise<SnapshotCreated> {
  return answer(api.POST('/snapshots', { body: { label, batchIds } }));
}
