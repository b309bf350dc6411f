/**
 * 负责人审批 (the responsible person only): the procedures waiting for an approval of a proposal
 * (拟处理意见) or of a decision, nearest deadline first — a case's, or an escalated intermediary
 * order's. A row opens to the measures proposed and the approval itself (同意 / 退回修改); the case
 * link (or the intermediary's) shows the whole procedure.
 */
import { useQuery } from '@tanstack/react-query';
import { Descriptions, Empty, Result, Spin } from 'antd';
import { useState } from 'react';
import {
  getCaseProcedures,
  getOrderProcedure,
  getProceduresDue,
  orderKeyOf,
  orderProcedureQueryKey,
  type ProcedureDetail,
  type ProcedureDueItem,
} from '../../api/procedures';
import { useCampaign } from '../../app/campaign';
import { pageOf } from '../../app/pageAccess';
import { Loaded } from '../../components/Loaded';
import { PageContainer } from '../../components/PageContainer';
import { ActionForm } from '../../components/procedures/ActionForm';
import { FORMS } from '../../components/procedures/actionForms';
import { ProcedureTable } from '../../components/procedures/ProcedureTable';
import { yuan } from '../../components/procedures/procedureWords';
import { currentLang, tr } from '../../labels';

/** The listed procedure in full: a case's (read with the case's others, as its page reads them) or an order's. */
function useListedProcedure(item: ProcedureDueItem): { pending: boolean; procedure: ProcedureDetail | undefined } {
  const order = orderKeyOf(item);
  const ofCase = useQuery({ queryKey: ['procedures', item.caseId], queryFn: () => getCaseProcedures(item.caseId ?? ''), enabled: !order });
  const ofOrder = useQuery({
    queryKey: order ? orderProcedureQueryKey(order) : ['orderProcedure'],
    queryFn: () => getOrderProcedure(order!),
    enabled: order !== undefined,
  });
  return order
    ? { pending: ofOrder.isPending, procedure: ofOrder.data }
    : { pending: ofCase.isPending, procedure: ofCase.data?.find((p) => p.level === item.level) };
}

function Approval({ item }: { item: ProcedureDueItem }) {
  const { pending, procedure } = useListedProcedure(item);
  if (pending) return <Spin size="small" />;
  if (!procedure) return null;
  const action = procedure.awaiting.find((a) => a.action === 'approve_proposal' || a.action === 'approve_decision');
  if (!action) return <Result status="success" title={tr('已审批', 'Approved')} />;
  return (
    <div data-testid="approval">
      {procedure.proposal && (
        <Descriptions size="small" column={1} className="section">
          <Descriptions.Item label={tr('违法事实', 'Facts')}>{procedure.proposal.facts}</Descriptions.Item>
          <Descriptions.Item label={tr('证据', 'Evidence')}>{procedure.proposal.evidence}</Descriptions.Item>
        </Descriptions>
      )}
      <ul className="penalty-list">
        {procedure.measures.map((m) => (
          <li key={m.kind}>
            {m.label}
            {m.amountYuan !== null && ` ${yuan(m.amountYuan)}`}
            {m.reapplyBarYears ? tr(`，${m.reapplyBarYears}年内不得再次申请注册`, `, no re-application for ${m.reapplyBarYears} years`) : ''}
          </li>
        ))}
      </ul>
      <ActionForm procedure={procedure} spec={action.action === 'approve_proposal' ? FORMS.approveProposal : FORMS.approveDecision} />
    </div>
  );
}

export default function ApprovalsPage() {
  const title = pageOf('approvals').title;
  const { campaignId } = useCampaign();
  const [paging, setPaging] = useState({ page: 1, pageSize: 50 });
  const query = useQuery({
    queryKey: ['proceduresDue', 'approvals', campaignId, paging],
    queryFn: () => getProceduresDue({ campaignId, approvals: 'true', status: 'open', ...paging }),
    enabled: campaignId !== undefined,
  });
  return (
    <PageContainer title={currentLang() === 'zh' ? title.zh : title.en}>
      {!campaignId ? (
        <Empty description={tr('暂无专项行动。', 'No campaign yet.')} />
      ) : (
        <Loaded query={query}>
          {(data) =>
            data.total === 0 ? (
              <Result status="success" title={tr('暂无待审批事项', 'Nothing waits for your approval')} data-testid="no-approvals" />
            ) : (
              <ProcedureTable
                data={data}
                from="/procedures/approvals"
                onPage={(page, pageSize) => setPaging({ page, pageSize })}
                expandedRow={(item) => <Approval item={item} />}
              />
            )
          }
        </Loaded>
      )}
    </PageContainer>
  );
}
