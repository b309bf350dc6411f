/**
 * Measures revised after the party was heard (复核) or by a redress result (变更): the measures as
 * notified (or in effect) beside the measures as revised, one row per measure: kept or not (不再给予),
 * a fine's amount, and what changes in words (维持, 减轻, 加重). A revision may only keep, lower or drop
 * (《行政处罚法》第四十五条): a heavier one is marked here and refused by the API (HeavierMeasureRefused),
 * whose Chinese reason the form shows. The trail of every version is listed on the card (MeasureTrail).
 */
import { Checkbox, Collapse, Flex, InputNumber, Table, Tag } from 'antd';
import { MEASURE_LABELS } from '../../../../domain/legalBasis';
import { heavierThan, type MeasureChoiceInput, type ProcedureMeasure } from '../../../../domain/penaltyProcedure';
import type { ProcedureDetail } from '../../api/procedures';
import { formatDate } from '../../format';
import { currentLang, tr } from '../../labels';
import { yuan } from './procedureWords';

type Current = ProcedureDetail['measures'][number];

/** One row of the revision: a measure as it stands, kept or not, a fine's amount as revised. */
export interface RevisedMeasure {
  kind: Current['kind'];
  kept: boolean;
  amountYuan: number | null;
  illegalGainsYuan: number;
}

/** The words of the two columns: 告知的措施 / 复核后, 已生效的措施 / 变更后. */
export interface RevisionWords {
  before: { zh: string; en: string };
  after: { zh: string; en: string };
  /** Sent even when nothing changed (a redress result 变更 always names the measures). */
  sendUnchanged?: true;
  /** Where every measure dropped belongs instead (不予处罚, 撤销): said when none is kept. */
  allDropped: { zh: string; en: string };
}

const ACTIVE = new Set<Current['status']>(['proposed', 'decided', 'in_effect']);

/** The measures that stand now (neither dropped, withdrawn nor replaced). */
export const standingMeasures = (p: ProcedureDetail): Current[] => p.measures.filter((m) => ACTIVE.has(m.status));

/** The revision's starting point: every standing measure kept as it is. */
export const revisionOf = (p: ProcedureDetail): RevisedMeasure[] =>
  standingMeasures(p).map((m) => ({ kind: m.kind, kept: true, amountYuan: m.amountYuan, illegalGainsYuan: m.illegalGainsYuan ?? 0 }));

/** The command's `measures`: the kept ones, a fine with its amount and the gains it was found with. */
export const choicesOf = (rows: readonly RevisedMeasure[]): MeasureChoiceInput[] =>
  rows
    .filter((r) => r.kept)
    .map((r) => (r.kind === 'FINE' ? { kind: 'FINE' as const, amountYuan: r.amountYuan ?? 0, illegalGainsYuan: r.illegalGainsYuan } : { kind: r.kind }));

/** Whether the revision keeps every standing measure as it is. */
export const unchanged = (p: ProcedureDetail, rows: readonly RevisedMeasure[]): boolean =>
  standingMeasures(p).every((m) => rows.some((r) => r.kind === m.kind && r.kept && (m.kind !== 'FINE' || r.amountYuan === m.amountYuan)));

/** A measure in words: 罚款 5,000 元, 撤销注册（3 年内不得再次申请注册）, 不良行为记录. */
function measureText(m: Pick<Current, 'kind' | 'amountYuan' | 'reapplyBarYears'>): string {
  const label = currentLang() === 'zh' ? MEASURE_LABELS[m.kind] : m.kind;
  if (m.kind === 'FINE') return `${label} ${yuan(m.amountYuan)}`;
  if (m.reapplyBarYears) return tr(`${label}（${m.reapplyBarYears} 年内不得再次申请注册）`, `${label} (${m.reapplyBarYears}-year bar)`);
  return label;
}

const asProcedureMeasure = (m: Current, amountYuan = m.amountYuan): ProcedureMeasure => ({
  kind: m.kind,
  authority: m.authority,
  status: m.status,
  amountYuan,
  illegalGainsYuan: m.illegalGainsYuan,
  reapplyBarYears: m.reapplyBarYears,
});

/** What a row changes, in words: 维持, 减轻 (a lower fine, or 不再给予), 加重 (refused: art. 45, the API's own reasons). */
export function changeOf(before: Current, row: RevisedMeasure): { tone: 'same' | 'lower' | 'heavier'; text: string } {
  if (!row.kept) return { tone: 'lower', text: tr('减轻：不再给予', 'lower: dropped') };
  const heavier = heavierThan([asProcedureMeasure(before)], [asProcedureMeasure(before, row.amountYuan)]);
  if (heavier.length > 0)
    return { tone: 'heavier', text: tr(`加重，不允许（《行政处罚法》第四十五条）：${heavier.join('；')}`, 'heavier: not allowed (art. 45)') };
  if (before.kind === 'FINE' && (row.amountYuan ?? 0) < (before.amountYuan ?? 0)) {
    return { tone: 'lower', text: tr(`减轻：罚款由 ${yuan(before.amountYuan)} 减为 ${yuan(row.amountYuan)}`, 'lower: a smaller fine') };
  }
  return { tone: 'same', text: tr('维持', 'kept') };
}

const TONE_COLOR = { same: 'default', lower: 'blue', heavier: 'red' } as const;

/** The form control (Form.Item hands it value, onChange and id): the two columns side by side. */
export function MeasureRevisionInput({
  procedure,
  words,
  value,
  onChange,
  id,
}: {
  procedure: ProcedureDetail;
  words: RevisionWords;
  value?: RevisedMeasure[];
  onChange?: (rows: RevisedMeasure[]) => void;
  id?: string;
}) {
  const rows = value ?? revisionOf(procedure);
  const standing = standingMeasures(procedure);
  const after = tr(words.after.zh, words.after.en);
  const set = (kind: RevisedMeasure['kind'], patch: Partial<RevisedMeasure>) => onChange?.(rows.map((r) => (r.kind === kind ? { ...r, ...patch } : r)));
  const data = standing.flatMap((m) => {
    const row = rows.find((r) => r.kind === m.kind);
    return row ? [{ m, row }] : [];
  });
  return (
    <div id={id} role="group" aria-label={tr(`${words.before.zh}与${after}的处理措施`, `${words.before.en} and ${words.after.en}`)}>
      <Table
        size="small"
        pagination={false}
        rowKey={(d) => d.m.kind}
        dataSource={data}
        data-testid="measure-revision"
        scroll={{ x: 'max-content' }}
        columns={[
          { key: 'before', title: tr(words.before.zh, words.before.en), render: (_, d) => measureText(d.m) },
          {
            key: 'after',
            title: tr(`${words.after.zh}的处理措施`, words.after.en),
            render: (_, d) => {
              const label = currentLang() === 'zh' ? MEASURE_LABELS[d.m.kind] : d.m.kind;
              return (
                <Flex gap={8} align="center" wrap>
                  <Checkbox checked={d.row.kept} onChange={(e) => set(d.m.kind, { kept: e.target.checked })} aria-label={tr(`保留${label}`, `Keep ${label}`)}>
                    {tr('保留', 'keep')}
                  </Checkbox>
                  {d.m.kind === 'FINE' && d.row.kept && (
                    <InputNumber
                      min={1}
                      precision={0}
                      value={d.row.amountYuan}
                      onChange={(v) => set(d.m.kind, { amountYuan: typeof v === 'number' ? v : null })}
                      aria-label={tr(`${words.after.zh}罚款金额（元）`, `Fine ${words.after.en} (yuan)`)}
                      suffix={tr('元', 'yuan')}
                      style={{ width: 180 }}
                    />
                  )}
                </Flex>
              );
            },
          },
          {
            key: 'change',
            title: tr('变化', 'Change'),
            render: (_, d) => {
              const c = changeOf(d.m, d.row);
              return (
                <Tag color={TONE_COLOR[c.tone]} data-testid={`measure-change-${d.m.kind}`} className="prewrap">
                  {c.text}
                </Tag>
              );
            },
          },
        ]}
      />
    </div>
  );
}

/** The revision's check before sending: one measure at least (all dropped is another choice), a fine's amount a whole number of yuan. */
export function revisionProblem(rows: readonly RevisedMeasure[] | undefined, label: string, words: RevisionWords): string | null {
  if (!rows || !rows.some((r) => r.kept)) {
    return tr(`「${label}」至少保留一项处理措施；${words.allDropped.zh}`, `Keep at least one measure in ${label}; ${words.allDropped.en}`);
  }
  const fine = rows.find((r) => r.kind === 'FINE' && r.kept);
  if (fine && (fine.amountYuan === null || !Number.isInteger(fine.amountYuan) || fine.amountYuan < 1)) {
    return tr(`请填写「${label}」的罚款金额（元）`, `Fill in the fine in ${label}`);
  }
  return null;
}

/** Every version of every measure, oldest first (a review or a redress result adds versions; nothing is deleted). */
export function MeasureTrail({ procedure }: { procedure: ProcedureDetail }) {
  if (procedure.measureTrail.length <= procedure.measures.length) return null;
  return (
    <Collapse
      size="small"
      className="section"
      items={[
        {
          key: 'trail',
          label: tr('处理措施变更记录', 'Every version of the measures'),
          children: (
            <Table
              size="small"
              pagination={false}
              rowKey={(m) => `${m.kind}-${m.version}-${m.status}`}
              dataSource={procedure.measureTrail}
              data-testid="procedure-measure-trail"
              scroll={{ x: 'max-content' }}
              columns={[
                { key: 'measure', title: tr('措施', 'Measure'), render: (_, m) => measureText(m) },
                { key: 'version', title: tr('版本', 'Version'), render: (_, m) => tr(`第 ${m.version} 版`, `v${m.version}`) },
                { key: 'status', title: tr('状态', 'Status'), render: (_, m) => `${m.statusLabel}（${formatDate(m.statusOn)}）` },
              ]}
            />
          ),
        },
      ]}
    />
  );
}
