/** The summary table's detail rows, streamed from PostgreSQL in sheet order, city by city. */
import type { ClientBase } from 'pg';
import { PenaltyKind } from '../../domain/penalties';
import { fetchInBatches } from './cursorRows';
import { cityCaseRowsSql, selfCheckRowsSql } from './detailDisplaySql';
import { REPORT_LABELS, REPORT_LABELS_JSON } from './reportLabels';
import type { RowSet } from './reportKinds';

/** One detail row: the 15 text columns after 序号 (summaryLayout DETAIL_COLUMNS order). */
export type DetailRow = string[];

export interface DetailRowsQuery {
  campaignId: string;
  cityCodes: string[];
  rowSet: RowSet;
  /** Prefix 备注 with the city's name (the province-wide table). */
  withCity: boolean;
  /** Told how many rows each city had, after its last one (for a check against the figures). */
  onCityDone?: (cityCode: string, rows: number) => void;
}

const CERT_COLUMN = 2; // 注册类别
const PROBLEM_COLUMN = 7; // 问题类型
const MEASURES_COLUMN = 10; // 处理措施

/**
 * Turns comma-separated codes into their labels joined with '；' (text that is not a code passes
 * through). Memoised: a campaign has a few hundred distinct combinations at most.
 */
function labeller(labels: Record<string, string>, order?: readonly string[]): (codes: string) => string {
  const memo = new Map<string, string>();
  const rank = (c: string) => (order ? order.indexOf(c) : 0);
  return (codes) => {
    let text = memo.get(codes);
    if (text === undefined) {
      const list = codes.split(',').filter(Boolean);
      if (order) list.sort((a, b) => rank(a) - rank(b));
      text = list.map((c) => labels[c] ?? c).join('；');
      if (memo.size < 10_000) memo.set(codes, text);
    }
    return text;
  };
}

/**
 * Batches of detail rows; `client` must be inside a transaction (inReportSnapshot). Each city's
 * cases come from their own cursor; the self-check subjects from one cursor for all cities,
 * read without prefetch (so the two never have a query in flight at once) and split by city.
 */
export async function* streamDetailRows(client: ClientBase, q: DetailRowsQuery): AsyncGenerator<DetailRow[]> {
  const certs = labeller(REPORT_LABELS.cert);
  const problems = labeller({ ...REPORT_LABELS.flag, COMPLAINT: '投诉举报' });
  // Measures print in the contract's order (revocation first), whatever order they were imposed in.
  const measures = labeller(REPORT_LABELS.penalty, PenaltyKind.options);
  const label = (batch: DetailRow[]) => {
    for (const r of batch) {
      r[CERT_COLUMN] = certs(r[CERT_COLUMN]);
      r[PROBLEM_COLUMN] = problems(r[PROBLEM_COLUMN]);
      const m = r[MEASURES_COLUMN];
      if (m.startsWith('#')) r[MEASURES_COLUMN] = measures(m.slice(1));
    }
    return batch;
  };
  const selfCheck = fetchInBatches(client, selfCheckRowsSql(q.rowSet), [q.campaignId, q.cityCodes, REPORT_LABELS_JSON, q.withCity], 'report_self_check', {
    prefetch: false,
  }) as AsyncGenerator<string[][]>;
  let pending: string[][] = []; // self-check rows read ahead, each led by its city code
  let selfCheckDone = false;
  async function* selfCheckOf(city: string): AsyncGenerator<DetailRow[]> {
    for (;;) {
      let n = 0;
      while (n < pending.length && pending[n][0] === city) n++;
      if (n > 0) {
        yield pending.slice(0, n).map((r) => r.slice(1));
        pending = pending.slice(n);
      }
      if (pending.length > 0 || selfCheckDone) return;
      const next = await selfCheck.next();
      if (next.done) selfCheckDone = true;
      else pending = next.value;
    }
  }
  try {
    for (const city of q.cityCodes) {
      let rows = 0;
      if (q.rowSet === 'investigation') {
        for await (const batch of fetchInBatches(client, cityCaseRowsSql(), [q.campaignId, city, REPORT_LABELS_JSON, q.withCity], 'report_cases')) {
          rows += batch.length;
          yield label(batch as DetailRow[]);
        }
      }
      for await (const batch of selfCheckOf(city)) {
        rows += batch.length;
        yield label(batch);
      }
      q.onCityDone?.(city, rows);
    }
  } finally {
    await selfCheck.return(undefined);
  }
}
