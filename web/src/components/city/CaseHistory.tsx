/** What happened to a case, in time order (antd Timeline): opened, evidence, reminders, complaints, decisions, carry-over, corrections. */
import { Timeline, Typography } from 'antd';
import type { CaseDetail } from '../../api/cases';
import { outcomeLabel } from '../../domainLabels';
import { formatInstant } from '../../format';
import { tr, tv } from '../../labels';
import { channelLabel } from './cityText';

type Entry = CaseDetail['timeline'][number];

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

function what(e: Entry): { text: string; color: string } {
  const d = e.detail;
  const by = str(d.by) ? `${tr('（', ' (')}${str(d.by)}${str(d.role) ? ` ${tv('role', str(d.role))}` : ''}${tr('）', ')')}` : '';
  const payload = (d.payload ?? {}) as Record<string, unknown>;
  switch (e.kind) {
    case 'opened':
      return {
        text:
          d.origin === 'complaint'
            ? tr('因投诉举报立案', 'Opened from a complaint')
            : d.origin === 'transfer'
              ? tr('因其他市（州）移交立案', 'Opened from a transfer')
              : tr('经数据比对立案', 'Opened from the screening'),
        color: 'blue',
      };
    case 'evidence_gathered':
      return { text: tr('已归集比对证据', 'Evidence gathered'), color: 'blue' };
    case 'reminded':
      return { text: tr(`已提醒办理${typeof d.reminders === 'number' && d.reminders > 1 ? `（第${d.reminders}次）` : ''}`, 'Reminder sent'), color: 'orange' };
    case 'escalated':
      return { text: tr('已上报督导', 'Escalated to the supervisor'), color: 'red' };
    case 'overdue':
      return { text: tr('已逾期', 'Overdue'), color: 'red' };
    case 'complaint':
      return {
        text: `${tr('收到投诉举报', 'Complaint received')}${str(d.channel) ? tr(`（${channelLabel(str(d.channel)!)}）`, ` (${str(d.channel)})`) : ''}`,
        color: 'orange',
      };
    case 'decide':
      return { text: `${tr('作出核查结论', 'Decided')}${str(payload.outcome) ? `：${outcomeLabel(str(payload.outcome))}` : ''}${by}`, color: 'green' };
    case 'carry_over':
      return { text: `${tr('申请结转办理', 'Carry-over recorded')}${by}`, color: 'gray' };
    case 'provincial_penalty':
      return { text: `${tr('省级实施处理', 'Provincial penalty imposed')}${by}`, color: 'red' };
    case 'carried_over':
      return { text: `${tr('已结转办理', 'Carried over')}${str(d.reason) ? `${tr('：', ': ')}${str(d.reason)}` : ''}`, color: 'gray' };
    case 'closed':
      return { text: tr('已办结', 'Closed'), color: 'gray' };
    case 'deregistration_request':
      return { text: tr('收到注销注册申请（并入本案办理）', 'Deregistration request (handled in this case)'), color: 'orange' };
    case 'named_for_reopening':
      return { text: tr('省级退回汇总表，要求重新办理本案', 'Named by the province for reopening'), color: 'orange' };
    case 'reopen':
      return { text: `${tr('重新办理：原核查结论及处理已撤回', 'Reopened: the decision and its penalties set aside')}${by}`, color: 'orange' };
    case 'override':
      return {
        text: `${tr('省级变更核查结论', 'Outcome changed by the province')}${str(payload.outcome) ? `：${outcomeLabel(str(payload.outcome))}` : ''}${by}`,
        color: 'red',
      };
  }
}

export function CaseHistory({ detail }: { detail: CaseDetail }) {
  return (
    <div data-testid="case-history">
      <Timeline
        items={detail.timeline.map((e, i) => {
          const w = what(e);
          return {
            key: `${e.kind}-${i}`,
            color: w.color,
            title: <Typography.Text type="secondary">{formatInstant(e.at)}</Typography.Text>,
            content: <span data-kind={e.kind}>{w.text}</span>,
          };
        })}
      />
    </div>
  );
}
