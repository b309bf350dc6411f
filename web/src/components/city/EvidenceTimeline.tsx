/**
 * The evidence timeline: one entry per month of the screening window (antd Timeline), each with the
 * registration unit(s), who paid social insurance and who paid the housing fund. A payer that is
 * not the registration unit is red (与注册单位不一致), a month without a record grey (无记录), a
 * payer that changed since the month before is tagged 单位变化; every state is spelled out in words,
 * not only by colour.
 */
import { Empty, Tag, Timeline, Typography } from 'antd';
import type { CaseDetail } from '../../api/cases';
import { TAG_COLOR } from './cityText';
import { tr } from '../../labels';
import { evidenceMonths, type PayerCell } from './caseEvidence';

function monthLabel(month: string): string {
  return tr(`${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`, month);
}

function Payer({ label, cell }: { label: string; cell: PayerCell }) {
  return (
    <div className="evidence-line" data-state={cell.state}>
      <Typography.Text type="secondary">{label}：</Typography.Text>
      {cell.state === 'gap' ? (
        <Tag>{tr('无记录', 'no record')}</Tag>
      ) : (
        <>
          <span>{cell.text}</span>{' '}
          {cell.state === 'mismatch' ? (
            <Tag color={TAG_COLOR.red}>{tr('与注册单位不一致', 'not the registration unit')}</Tag>
          ) : (
            <Tag color={TAG_COLOR.green}>{tr('与注册单位一致', 'registration unit')}</Tag>
          )}
        </>
      )}
      {cell.changed && <Tag color={TAG_COLOR.orange}>{tr('单位变化', 'payer changed')}</Tag>}
    </div>
  );
}

export function EvidenceTimeline({ detail }: { detail: CaseDetail }) {
  const months = evidenceMonths(detail, { flexible: tr('灵活就业', 'flexible employment'), retired: tr('退休', 'retired') });
  if (months.length === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={tr('没有逐月比对数据', 'No month-by-month evidence')} />;
  }
  return (
    <div data-testid="evidence-timeline">
      <Timeline
        className="evidence-timeline"
        mode="start"
        items={months.map((m) => {
          const states = [m.socialInsurance.state, m.housingFund.state];
          const color = states.includes('mismatch') ? 'red' : states.every((x) => x === 'gap') ? 'gray' : 'green';
          return {
            key: m.month,
            color,
            title: monthLabel(m.month),
            content: (
              <div data-month={m.month}>
                <div className="evidence-line">
                  <Typography.Text type="secondary">{tr('注册单位', 'Registration unit')}：</Typography.Text>
                  {m.registration ?? <Tag>{tr('无有效注册', 'no valid registration')}</Tag>}
                </div>
                <Payer label={tr('社保缴费单位', 'Social insurance paid by')} cell={m.socialInsurance} />
                <Payer label={tr('公积金缴存单位', 'Housing fund paid by')} cell={m.housingFund} />
              </div>
            ),
          };
        })}
      />
    </div>
  );
}
