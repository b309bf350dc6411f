/**
 * The alert board's counts by city × kind: one row per city (the province's own alerts first),
 * one column per kind that occurs. A count filters the board to its city and kind; a city's name
 * to the city alone. Unacknowledged alerts are the figure that asks for action, so each cell shows
 * them beside the total.
 */
import { Button, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { AlertGroup, AlertSummary } from '../../api/alerts';
import { cityLabel } from '../../domainLabels';
import { tr } from '../../labels';
import { ALERT_KINDS, alertKindLabel } from './alertKinds';

interface Row {
  key: string;
  cityCode: string | null;
  byKind: Map<string, AlertGroup>;
  total: number;
  unacknowledged: number;
}

const PROVINCE = '__province__';
const placeOf = (cityCode: string | null) => (cityCode ? cityLabel(cityCode) : tr('全省', 'Province'));

export function AlertSummaryMatrix(props: {
  summary: AlertSummary;
  selected: { cityCode?: string; kind?: string };
  onPick: (pick: { cityCode?: string | null; kind?: string }) => void;
}) {
  const { summary, selected, onPick } = props;
  const kinds = [...new Set(summary.groups.map((g) => g.kind))].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const rows = new Map<string, Row>();
  for (const g of summary.groups) {
    const key = g.cityCode ?? PROVINCE;
    const row = rows.get(key) ?? { key, cityCode: g.cityCode, byKind: new Map(), total: 0, unacknowledged: 0 };
    row.byKind.set(g.kind, g);
    row.total += g.total;
    row.unacknowledged += g.unacknowledged;
    rows.set(key, row);
  }
  const data = [...rows.values()].sort((a, b) => (a.cityCode ?? '').localeCompare(b.cityCode ?? ''));

  const count = (row: Row, kind: string | undefined, n: number, open: number) => {
    const place = placeOf(row.cityCode);
    const what = kind ? alertKindLabel(kind) : tr('全部类型', 'all kinds');
    const isSelected = (selected.cityCode ?? null) === row.cityCode && selected.kind === kind;
    return (
      <Button
        type={isSelected ? 'primary' : 'link'}
        size="small"
        aria-pressed={isSelected}
        aria-label={tr(`${place} ${what}：${n} 条，其中未确认 ${open} 条；点击筛选`, `${place}, ${what}: ${n}, ${open} unacknowledged; filter`)}
        onClick={() => onPick({ cityCode: row.cityCode, kind })}
        data-testid={`summary-${row.cityCode ?? 'province'}-${kind ?? 'all'}`}
      >
        {n}
        {open > 0 && tr(`（未确认 ${open}）`, ` (${open} new)`)}
      </Button>
    );
  };

  const columns: ColumnsType<Row> = [
    {
      key: 'city',
      title: tr('市（州）', 'City'),
      fixed: 'left',
      width: 140,
      render: (_, row) => placeOf(row.cityCode),
    },
    ...kinds.map((kind) => ({
      key: kind,
      title: alertKindLabel(kind),
      width: 120,
      render: (_: unknown, row: Row) => {
        const g = row.byKind.get(kind);
        return g ? count(row, kind, g.total, g.unacknowledged) : <span aria-label={tr('无', 'none')}>—</span>;
      },
    })),
    {
      key: 'total',
      title: tr('合计', 'Total'),
      width: 120,
      render: (_, row) => count(row, undefined, row.total, row.unacknowledged),
    },
  ];

  return (
    <Table<Row>
      size="small"
      className="alert-summary"
      rowKey="key"
      columns={columns}
      dataSource={data}
      pagination={false}
      scroll={{ x: 'max-content' }}
      caption={
        <Typography.Text type="secondary">
          {tr(
            `按市（州）和类型汇总：共 ${summary.total} 条，未确认 ${summary.unacknowledged} 条`,
            `By city and kind: ${summary.total} alerts, ${summary.unacknowledged} unacknowledged`,
          )}
        </Typography.Text>
      }
    />
  );
}

function rank(kind: string): number {
  const i = ALERT_KINDS.indexOf(kind);
  return i < 0 ? ALERT_KINDS.length : i;
}
