/**
 * Backpressure for exceljs's streaming writer. exceljs 4.4's sheet stream (StreamBuf) writes into
 * the zip's deflate pipeline without waiting for it, and deflate only advances when the event loop
 * is free, so a fast producer buffers the whole uncompressed sheet (about 1 MB per 1,000 rows).
 * Between batches we wait until the pipeline's backlog is back under a bound: memory stays flat,
 * and since deflate runs on libuv's thread pool meanwhile, the wait costs next to nothing.
 */
import type ExcelJS from 'exceljs';

const HIGH_WATER = 8 * 1024 * 1024;
const LOW_WATER = 4 * 1024 * 1024;

interface StreamState {
  length: number;
}
interface PipeTarget {
  _writableState?: StreamState;
  _readableState?: StreamState;
}

/** Bytes queued in front of deflate for this worksheet; 0 when exceljs's internals are not as expected. */
function backlog(ws: ExcelJS.Worksheet): number {
  const target = (ws as unknown as { stream?: { pipes?: PipeTarget[] } }).stream?.pipes?.[0];
  return (target?._writableState?.length ?? 0) + (target?._readableState?.length ?? 0);
}

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 1));

export async function paceWorksheet(ws: ExcelJS.Worksheet): Promise<void> {
  if (backlog(ws) <= HIGH_WATER) return;
  while (backlog(ws) > LOW_WATER) await tick();
}
