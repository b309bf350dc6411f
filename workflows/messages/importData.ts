/**
 * Inputs and ids of the import workflows. Ids carry an import id (a UUID) or a campaign id and a
 * digest of its data sources: never a file's content or a person's data. Inputs carry ids, source
 * names, file paths and provider URLs only; a file's bytes never travel through Temporal.
 */
import { z } from 'zod';
import { SourceName } from '../../domain/sourceName';
import { nameText, plainText } from '../../domain/text';

export const ImportFileWorkflowInput = z.object({
  importId: z.string().uuid(),
  source: SourceName,
  requestedBy: plainText({ max: 100, trim: true }),
  file: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('upload'), fileName: nameText({ max: 500 }) }),
    z.object({ kind: z.literal('path'), path: plainText({ max: 4096 }) }),
  ]),
});
export type ImportFileWorkflowInput = z.input<typeof ImportFileWorkflowInput>;

export const ImportDataSourcesWorkflowInput = z
  .object({
    campaignId: z.string().min(1).max(100),
    requestedBy: plainText({ max: 100, trim: true }),
    files: z.partialRecord(SourceName, z.array(plainText({ max: 4096 })).min(1)),
    providers: z.partialRecord(SourceName, plainText({ max: 2000 }).url()),
  })
  .refine((i) => Object.keys(i.files).length + Object.keys(i.providers).length > 0, 'no file and no provider to import');
export type ImportDataSourcesWorkflowInput = z.input<typeof ImportDataSourcesWorkflowInput>;

export interface ImportedBatch {
  source: SourceName;
  importId: string;
  origin: string;
  batchId: number;
  accepted: number;
  rejected: number;
  warned: number;
}

export interface ImportDataSourcesResult {
  snapshotId: number;
  batches: ImportedBatch[];
}

export function importFileWorkflowId(importId: string): string {
  return `import/${importId}`;
}

/** One id per campaign and set of sources: a repeated launch reuses a completed import of the same data. */
export function importDataSourcesWorkflowId(campaignId: string, sourcesDigest: string): string {
  return `import/campaign/${campaignId}/${sourcesDigest}`;
}
