/**
 * One intermediary: the cases it is linked to (paid the contributions, or named by an officer with
 * the reason), its rectification orders (deadline, status, findings, result, escalation) and, for
 * the city's officers, the order's next actions; an escalated order's procedure below, worked on its
 * card (OrderProcedure.tsx).
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { DatePicker, Descriptions, Form, Input, List, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { Link } from 'react-router';
import { ORDER_STATUS_LABELS, LINK_BASIS_LABELS, type OrderStatus, type LinkBasis } from '../../../../domain/intermediary';
import { newIdempotencyKey } from '../../api/http';
import {
  addFinding,
  escalateOrder,
  getIntermediary,
  getIntermediaryBases,
  issueOrder,
  recordResult,
  type CityKey,
  type IntermediaryOrder,
} from '../../api/intermediaries';
import { ErrorAlert } from '../ErrorAlert';
import { emptyTable } from '../city/CityScope';
import { freeRule, required, TAG_COLOR } from '../city/cityText';
import { currentLang, tr } from '../../labels';
import { FormModalButton } from './FormModalButton';
import { OrderNoticeDownload } from './OrderNoticeDownload';
import { OrderProcedure } from './OrderProcedure';

const day = (d: Dayjs) => d.format('YYYY-MM-DD');
const dateRequired = (label: string) => ({ required: true, message: tr(`请选择${label}`, `Choose the ${label}`) });
export const statusLabel = (s: OrderStatus) => (currentLang() === 'en' ? s : ORDER_STATUS_LABELS[s]);
const basisLabel = (b: LinkBasis) => (currentLang() === 'en' ? b : LINK_BASIS_LABELS[b]);
const STATUS_COLOR: Record<OrderStatus, string> = {
  open: TAG_COLOR.blue,
  rectified: TAG_COLOR.green,
  not_rectified: TAG_COLOR.orange,
  escalated: TAG_COLOR.red,
};

export function OrderStatusTag({ order }: { order: Pick<IntermediaryOrder, 'status' | 'overdue'> }) {
  return (
    <Space size={4}>
      <Tag color={STATUS_COLOR[order.status]}>{statusLabel(order.status)}</Tag>
      {order.overdue && <Tag color={TAG_COLOR.red}>{tr('已逾期', 'Overdue')}</Tag>}
    </Space>
  );
}

function OrderActions({ k, order, refresh }: { k: CityKey & { intermediaryId: number }; order: IntermediaryOrder; refresh: () => Promise<void> }) {
  const bases = useQuery({ queryKey: ['intermediary-bases'], queryFn: getIntermediaryBases });
  const ok = { campaignId: k.campaignId, cityCode: k.cityCode, intermediaryId: k.intermediaryId, orderId: order.orderId };
  return (
    <Space wrap>
      {order.status === 'open' && (
        <FormModalButton<{ foundOn: Dayjs; finding: string }>
          label={tr('记录跟进', 'Record a finding')}
          title={tr(`跟进核查：整改令第${order.orderId}号`, `Finding on order ${order.orderId}`)}
          name={`finding-${order.orderId}`}
          okText={tr('保存', 'Save')}
          done={tr('已记录跟进情况', 'Finding recorded')}
          onSubmit={async (v) => {
            await addFinding(ok, day(v.foundOn), v.finding.trim());
            await refresh();
          }}
        >
          <Form.Item name="foundOn" label={tr('核查日期', 'Date')} rules={[dateRequired(tr('核查日期', 'date'))]}>
            <DatePicker format="YYYY-MM-DD" />
          </Form.Item>
          <Form.Item
            name="finding"
            label={tr('跟进核查情况', 'Finding')}
            rules={[required(tr('跟进核查情况', 'finding')), ...freeRule(tr('跟进核查情况', 'Finding'), 2000)]}
          >
            <Input.TextArea rows={3} maxLength={2000} showCount />
          </Form.Item>
        </FormModalButton>
      )}
      {order.status === 'open' && (
        <FormModalButton<{ result: 'rectified' | 'not_rectified'; resultOn: Dayjs; note?: string }>
          label={tr('记录整改结果', 'Record the result')}
          title={tr(`整改结果：整改令第${order.orderId}号`, `Result of order ${order.orderId}`)}
          name={`result-${order.orderId}`}
          okText={tr('保存', 'Save')}
          done={tr('已记录整改结果', 'Result recorded')}
          onSubmit={async (v) => {
            await recordResult(ok, { result: v.result, resultOn: day(v.resultOn), note: v.note?.trim() || null });
            await refresh();
          }}
        >
          <Form.Item name="result" label={tr('整改结果', 'Result')} rules={[required(tr('整改结果', 'result'), 'choose')]}>
            <Select
              options={[
                { value: 'rectified', label: statusLabel('rectified') },
                { value: 'not_rectified', label: statusLabel('not_rectified') },
              ]}
            />
          </Form.Item>
          <Form.Item name="resultOn" label={tr('认定日期', 'Date')} rules={[dateRequired(tr('认定日期', 'date'))]}>
            <DatePicker format="YYYY-MM-DD" />
          </Form.Item>
          <Form.Item name="note" label={tr('备注', 'Note')} rules={freeRule(tr('备注', 'Note'), 2000)}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        </FormModalButton>
      )}
      {(order.status === 'open' || order.status === 'not_rectified') && (
        <FormModalButton<{ escalatedOn: Dayjs; reason: string; basisId: number }>
          label={tr('情节严重，移送行政处罚', 'Escalate to a penalty')}
          buttonProps={{ danger: true }}
          title={tr(`移送行政处罚：整改令第${order.orderId}号`, `Escalate order ${order.orderId}`)}
          name={`escalate-${order.orderId}`}
          okText={tr('确认移送', 'Escalate')}
          done={tr('已移送行政处罚', 'Escalated')}
          onSubmit={async (v) => {
            await escalateOrder(ok, { escalatedOn: day(v.escalatedOn), reason: v.reason.trim(), basisId: v.basisId });
            await refresh();
          }}
        >
          <Form.Item name="basisId" label={tr('处罚依据', 'Legal basis')} rules={[{ required: true, message: tr('请选择处罚依据', 'Choose the legal basis') }]}>
            <Select
              loading={bases.isPending}
              options={(bases.data?.items ?? []).map((b) => ({ value: b.id, label: `${b.label}（${b.verified ? '已核实' : '待核实'}）` }))}
            />
          </Form.Item>
          <Form.Item name="escalatedOn" label={tr('移送日期', 'Date')} rules={[dateRequired(tr('移送日期', 'date'))]}>
            <DatePicker format="YYYY-MM-DD" />
          </Form.Item>
          <Form.Item
            name="reason"
            label={tr('情节严重的理由', 'Why it is serious')}
            rules={[required(tr('情节严重的理由', 'reason')), ...freeRule(tr('情节严重的理由', 'Reason'), 2000)]}
          >
            <Input.TextArea rows={3} maxLength={2000} showCount />
          </Form.Item>
        </FormModalButton>
      )}
    </Space>
  );
}

/**
 * The escalated order's due-process procedure (the intermediary its party) in the order's row: its
 * step, what is due and the notice's number. The procedure's card below the orders works it.
 */
// Called, not rendered as a component: Descriptions reads its items' own props.
function orderProcedureItem(procedure: NonNullable<IntermediaryOrder['procedure']>) {
  const en = currentLang() === 'en';
  const due = en ? procedure.awaiting.join(', ') : procedure.awaitingLabels.join('、');
  return (
    <Descriptions.Item label={tr('处罚程序', 'Procedure')}>
      <Space size={4} wrap>
        <Tag color={procedure.step === 'closed' ? TAG_COLOR.green : TAG_COLOR.blue}>{en ? procedure.step : procedure.stepLabel}</Tag>
        {due && <Typography.Text>{tr(`待办：${due}`, `Due: ${due}`)}</Typography.Text>}
        {procedure.noticeNumber && (
          <Typography.Text type="secondary">{tr(`告知书 ${procedure.noticeNumber}`, `Notice ${procedure.noticeNumber}`)}</Typography.Text>
        )}
      </Space>
    </Descriptions.Item>
  );
}

export function IntermediaryPanel({ k, canAct, focusedOrder }: { k: CityKey & { intermediaryId: number }; canAct: boolean; focusedOrder?: number }) {
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: ['intermediary', k], queryFn: () => getIntermediary(k) });
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: ['intermediary', k] });
    await queryClient.invalidateQueries({ queryKey: ['intermediaries', { campaignId: k.campaignId, cityCode: k.cityCode }] });
  };
  if (query.isPending) return <Spin />;
  if (query.isError) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  const d = query.data;
  const hasOpen = d.orders.some((o) => o.status === 'open');
  return (
    <div>
      <Typography.Title level={3} className="card-title">
        {tr('关联案件', 'Linked cases')}
      </Typography.Title>
      {d.cases.length === 0 && <Typography.Paragraph>{tr('尚无关联案件。', 'No linked case.')}</Typography.Paragraph>}
      <List
        size="small"
        dataSource={d.cases}
        style={d.cases.length === 0 ? { display: 'none' } : undefined}
        renderItem={(c) => (
          <List.Item>
            <Space wrap>
              <Link to={`/cases/${encodeURIComponent(c.caseId)}`}>{c.caseNo}</Link>
              <Tag>{basisLabel(c.basis)}</Tag>
              {c.reason && <Typography.Text type="secondary">{c.reason}</Typography.Text>}
            </Space>
          </List.Item>
        )}
      />
      <Space style={{ margin: '12px 0' }} wrap>
        <Typography.Title level={3} className="card-title" style={{ margin: 0 }}>
          {tr('责令限期整改', 'Rectification orders')}
        </Typography.Title>
        {canAct && !hasOpen && (
          <FormModalButton<{ issuedOn: Dayjs; deadline: Dayjs; requirements: string }>
            label={tr('下达责令限期整改', 'Issue an order')}
            buttonProps={{ type: 'primary' }}
            title={tr(`责令限期整改：${d.name}`, `Order to ${d.name}`)}
            name="issueOrder"
            okText={tr('下达', 'Issue')}
            done={tr('已下达责令限期整改', 'Order issued')}
            onSubmit={async (v) => {
              await issueOrder(k, { issuedOn: day(v.issuedOn), deadline: day(v.deadline), requirements: v.requirements.trim() }, newIdempotencyKey());
              await refresh();
            }}
          >
            <Form.Item name="issuedOn" label={tr('下达日期', 'Issued on')} rules={[dateRequired(tr('下达日期', 'date'))]}>
              <DatePicker format="YYYY-MM-DD" />
            </Form.Item>
            <Form.Item name="deadline" label={tr('整改期限', 'Deadline')} rules={[dateRequired(tr('整改期限', 'deadline'))]}>
              <DatePicker format="YYYY-MM-DD" />
            </Form.Item>
            <Form.Item
              name="requirements"
              label={tr('整改要求', 'Requirements')}
              rules={[required(tr('整改要求', 'requirements')), ...freeRule(tr('整改要求', 'Requirements'), 2000)]}
            >
              <Input.TextArea rows={3} maxLength={2000} showCount />
            </Form.Item>
          </FormModalButton>
        )}
      </Space>
      <Table<IntermediaryOrder>
        size="small"
        rowKey="orderId"
        pagination={false}
        dataSource={d.orders}
        locale={{ emptyText: emptyTable(tr('尚未下达责令限期整改', 'No order yet')) }}
        columns={[
          { title: tr('编号', 'No.'), dataIndex: 'orderId', width: 70 },
          { title: tr('下达日期', 'Issued'), dataIndex: 'issuedOn' },
          { title: tr('整改期限', 'Deadline'), dataIndex: 'deadline' },
          { title: tr('状态', 'Status'), key: 'status', render: (_v, o) => <OrderStatusTag order={o} /> },
          {
            title: tr('办理情况', 'Follow-up'),
            key: 'follow',
            render: (_v, o) => (
              <Descriptions size="small" column={1}>
                <Descriptions.Item label={tr('整改要求', 'Requirements')}>{o.requirements}</Descriptions.Item>
                <Descriptions.Item label={tr('通知书', 'Notice')}>
                  <OrderNoticeDownload order={{ ...k, orderId: o.orderId }} number={o.noticeNumber} />
                </Descriptions.Item>
                {o.findings.map((f) => (
                  <Descriptions.Item key={f.findingId} label={`${tr('跟进', 'Finding')} ${f.foundOn}`}>
                    {f.finding}
                  </Descriptions.Item>
                ))}
                {o.resultOn && <Descriptions.Item label={`${tr('结果', 'Result')} ${o.resultOn}`}>{o.resultNote ?? '—'}</Descriptions.Item>}
                {o.escalatedOn && <Descriptions.Item label={`${tr('移送处罚', 'Escalated')} ${o.escalatedOn}`}>{o.escalationReason}</Descriptions.Item>}
                {o.procedure && orderProcedureItem(o.procedure)}
              </Descriptions>
            ),
          },
          ...(canAct
            ? [{ title: tr('操作', 'Actions'), key: 'act', render: (_v: unknown, o: IntermediaryOrder) => <OrderActions k={k} order={o} refresh={refresh} /> }]
            : []),
        ]}
      />
      {d.orders
        .filter((o) => o.procedure)
        .map((o) => (
          <OrderProcedure key={o.orderId} k={{ ...k, orderId: o.orderId }} focused={o.orderId === focusedOrder} />
        ))}
    </div>
  );
}
