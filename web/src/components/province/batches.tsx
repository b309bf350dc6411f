/** Import batches as the imports and snapshots pages show them. */
import { Tag } from 'antd';
import type { Batch } from '../../api/imports';
import { currentLang, tv } from '../../labels';

export const batchesQueryKey = ['imports', 'batches'] as const;

/** `CSV · GB18030`, `XLSX`: how the importer read the file. */
export function howRead(b: { format: 'csv' | 'xlsx' | null; encoding: 'utf-8' | 'gb18030' | null }): string {
  if (!b.format) return '';
  const encoding = b.encoding === 'gb18030' ? 'GB18030' : b.encoding === 'utf-8' ? 'UTF-8' : '';
  return [b.format.toUpperCase(), encoding].filter(Boolean).join(' · ');
}

const BATCH_COLOR: Record<Batch['status'], string> = { running: 'processing', completed: 'success', failed: 'error' };

export function BatchStatus({ status }: { status: Batch['status'] }) {
  return <Tag color={BATCH_COLOR[status]}>{tv('batch', status)}</Tag>;
}

export const num = (n: number) => n.toLocaleString(currentLang() === 'zh' ? 'zh-CN' : 'en-GB');
