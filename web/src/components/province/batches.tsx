/** Import batches as the imports and snapshots pages show them. */
import { ToneTag, type Tone } from '../ToneTag';
import type { Batch } from '../../api/imports';
import { currentLang, tv } from '../../labels';

export const batchesQueryKey = ['imports', 'batches'] as const;

/** `CSV · GB18030`, `XLSX`: how the importer read the file. */
export function howRead(b: { format: 'csv' | 'xlsx' | null; encoding: 'utf-8' | 'gb18030' | null }): string {
  if (!b.format) return '';
  const encoding = b.encoding === 'gb18030' ? 'GB18030' : b.encoding === 'utf-8' ? 'UTF-8' : '';
  return [b.format.toUpperCase(), encoding].filter(Boolean).join(' · ');
}

const BATCH_TONE: Record<Batch['status'], Tone> = { running: 'busy', completed: 'good', failed: 'bad' };

export function BatchStatus({ status }: { status: Batch['status'] }) {
  return <ToneTag tone={BATCH_TONE[status]}>{tv('batch', status)}</ToneTag>;
}

export const num = (n: number) => n.toLocaleString(currentLang() === 'zh' ? 'zh-CN' : 'en-GB');
