/**
 * Data snapshots as the launch page picks one, and as a launch checks one before anything starts:
 * each snapshot's batches, sources and row counts, a Chinese label, and whether a campaign can
 * screen it (every batch completed, registrations among them).
 */
import type { Pool } from 'pg';
import { z } from 'zod';
import { SOURCE_LABELS, SourceName } from '../domain/sourceName';
import { BigintColumn, Instant, instant, parseRows, TimestampColumn } from './sqlTypes';

const BatchStatus = z.enum(['running', 'completed', 'failed']);

const SnapshotRow = z.object({
  id: BigintColumn,
  label: z.string(),
  created_at: TimestampColumn,
  batches: z.array(
    z.object({
      batch_id: z.coerce.number().int(),
      source: SourceName,
      status: BatchStatus,
      rows_accepted: z.number().int(),
      file_name: z.string(),
    }),
  ),
  campaigns: z.array(z.string()),
});

const SnapshotBatch = z.object({
  batchId: z.number().int(),
  source: SourceName,
  status: BatchStatus,
  rows: z.number().int().describe('rows accepted into the batch'),
  fileName: z.string().describe("the file's name, or the provider's URL for a pull"),
});

const SnapshotSource = z.object({
  source: SourceName,
  sourceLabel: z.string().describe('the source in Chinese, e.g. 注册信息'),
  batches: z.number().int(),
  rows: z.number().int().describe('rows accepted, over its batches'),
});

export const SnapshotSummary = z.object({
  snapshotId: z.number().int(),
  label: z.string().describe('the name it was given (POST /snapshots), or "campaign <id>" for the data a launch imported'),
  labelZh: z.string().describe('a Chinese line for a picker: 快照 12：2024年9月数据（注册信息 1,000 行，社保缴费 5,000 行）'),
  createdAt: Instant,
  sources: z.array(SnapshotSource).describe("by source, in the data contract's order"),
  batches: z.array(SnapshotBatch),
  rows: z.number().int().describe('rows accepted, over every batch'),
  usable: z.boolean().describe('a campaign may screen it: every batch completed, registrations among them'),
  problems: z.array(z.string()).describe('why it is not usable, in Chinese; empty when it is'),
  campaigns: z.array(z.string()).describe('the campaigns launched on it'),
});
export type SnapshotSummary = z.infer<typeof SnapshotSummary>;

const BATCH_STATUS_ZH: Record<z.infer<typeof BatchStatus>, string> = { running: '仍在导入', completed: '已完成', failed: '导入失败' };

const SELECT = `
  SELECT s.id, s.label, s.created_at,
         coalesce((SELECT json_agg(json_build_object('batch_id', b.id, 'source', b.source, 'status', b.status,
                                                     'rows_accepted', b.rows_accepted, 'file_name', b.file_name) ORDER BY b.id)
                     FROM data_snapshot_batch sb JOIN import_batch b ON b.id = sb.batch_id WHERE sb.snapshot_id = s.id), '[]') AS batches,
         coalesce((SELECT json_agg(c.id ORDER BY c.launched_at) FROM campaign c WHERE c.snapshot_id = s.id), '[]') AS campaigns
    FROM data_snapshot s`;

function toSummary(r: z.infer<typeof SnapshotRow>): SnapshotSummary {
  const sources = SourceName.options
    .map((source) => {
      const of = r.batches.filter((b) => b.source === source);
      return { source, sourceLabel: SOURCE_LABELS[source], batches: of.length, rows: of.reduce((n, b) => n + b.rows_accepted, 0) };
    })
    .filter((s) => s.batches > 0);
  const problems: string[] = [];
  if (r.batches.length === 0) problems.push('快照中没有任何导入批次');
  for (const b of r.batches.filter((x) => x.status !== 'completed')) {
    problems.push(`批次 ${b.batch_id}（${SOURCE_LABELS[b.source]}）${BATCH_STATUS_ZH[b.status]}，快照不完整`);
  }
  if (r.batches.length > 0 && !r.batches.some((b) => b.source === 'registrations')) problems.push('快照中没有注册信息，无法筛查');
  const counts = sources.map((s) => `${s.sourceLabel} ${s.rows.toLocaleString('en-US')} 行`).join('，');
  return {
    snapshotId: r.id,
    label: r.label,
    labelZh: `快照 ${r.id}：${r.label}（${counts || '无数据'}）`,
    createdAt: instant(r.created_at),
    sources,
    batches: r.batches.map((b) => ({ batchId: b.batch_id, source: b.source, status: b.status, rows: b.rows_accepted, fileName: b.file_name })),
    rows: r.batches.reduce((n, b) => n + b.rows_accepted, 0),
    usable: problems.length === 0,
    problems,
    campaigns: r.campaigns,
  };
}

/** Newest first. */
export async function listSnapshots(pool: Pool, page: { page: number; pageSize: number }): Promise<SnapshotSummary[]> {
  const { rows } = await pool.query(`${SELECT} ORDER BY s.id DESC LIMIT $1 OFFSET $2`, [page.pageSize, (page.page - 1) * page.pageSize]);
  return parseRows(SnapshotRow, rows).map(toSummary);
}

/** Undefined when there is no such snapshot. */
export async function findSnapshot(pool: Pool, snapshotId: number): Promise<SnapshotSummary | undefined> {
  const { rows } = await pool.query(`${SELECT} WHERE s.id = $1`, [snapshotId]);
  return rows[0] ? toSummary(SnapshotRow.parse(rows[0])) : undefined;
}
