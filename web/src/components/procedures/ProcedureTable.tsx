/**
 * A list of penalty procedures (待办程序, 负责人审批, 省级处罚程序): the case (a link to its page, where
 * the procedure's forms are) or, for an escalated intermediary order's procedure, the intermediary's
 * name (a link to the order on the 中介机构 page, where its card is), the city, the step, what is awaited and by whom, the nearest deadline
 * as 剩余 N 个工作日, art. 60's time limit, and for the province the ministry's answer. Server paging.
 */
import { Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { ProcedureDueItem, ProceduresDue } from '../../api/procedures';
import { cityLabel } from '../../domainLabels';
import { intermediaryOrderPath } from '../intermediaries/orderLink';
import { formatDate } from '../../format';
import { tr } from '../../labels';
import { actorText, DeadlineTag } from './procedureWords';

export function ProcedureTable(props: {
  data: ProceduresDue;
  /** The page the case links come back to. */
  from: string;
  onPage: (page: number, pageSize: number) => void;
  ministry?: boolean;
  expandedRow?: (item: ProcedureDueItem) => ReactNode;
}) {
  // The column says 中介机构 only when an order's procedure is listed: a list of cases' reads as before.
  const withOrders = props.data.items.some((p) => p.intermediary);
  const columns: ColumnsType<ProcedureDueItem> = [
    {
      key: 'case',
      title: withOrders ? tr('案件编号 / 中介机构', 'Case / intermediary') : tr('案件编号', 'Case'),
      render: (_, p) =>
        p.intermediary ? (
          <Space size={4} wrap>
            <Link to={intermediaryOrderPath({ cityCode: p.cityCode, ...p.intermediary })}>{p.intermediary.name}</Link>
            <Tag>{tr(`整改令第${p.intermediary.orderId}号`, `order ${p.intermediary.orderId}`)}</Tag>
          </Space>
        ) : (
          <Link to={`/cases/${encodeURIComponent(p.caseId ?? '')}`} state={{ from: { path: props.from } }}>
            {p.caseNo}
          </Link>
        ),
    },
    { key: 'city', title: tr('市（州）', 'City'), render: (_, p) => cityLabel(p.cityCode) },
    { key: 'level', title: tr('程序', 'Procedure'), render: (_, p) => (p.level === 'city' ? tr('市（州）', 'City') : tr('省级', 'Province')) },
    {
      key: 'step',
      title: tr('当前环节', 'Step'),
      render: (_, p) => (p.closedOn ? tr(`已结案（${formatDate(p.closedOn)}）`, `closed ${p.closedOn}`) : p.stepLabel),
    },
    {
      key: 'awaiting',
      title: tr('待办事项', 'Awaiting'),
      render: (_, p) => (
        <Space orientation="vertical" size={0}>
          {p.awaiting.map((a) => (
            <span key={a.action} data-testid="awaiting">
              {a.label}
              <Typography.Text type="secondary">（{actorText(a.actor)}）</Typography.Text>
            </span>
          ))}
        </Space>
      ),
    },
    {
      key: 'next',
      title: tr('最近期限', 'Next deadline'),
      render: (_, p) =>
        p.next ? (
          <Space orientation="vertical" size={0}>
            <span>
              {p.next.label} {formatDate(p.next.dueOn)}
            </span>
            <DeadlineTag deadline={p.next} />
          </Space>
        ) : (
          ''
        ),
    },
    {
      key: 'limit',
      title: tr('办案期限', 'Time limit'),
      render: (_, p) => (
        <Space size={4}>
          {formatDate(p.timeLimitOn)}
          {p.overdue && <Tag color="red">{tr('已超期', 'overdue')}</Tag>}
        </Space>
      ),
    },
  ];
  if (props.ministry) {
    columns.push({
      key: 'ministry',
      title: tr('报部处理结果', "Ministry's answer"),
      render: (_, p) =>
        !p.ministry
          ? ''
          : p.ministry.answeredOn
            ? `${p.ministry.revoked ? tr('撤销注册', 'revoked') : tr('不予撤销', 'not revoked')}（${p.ministry.ministryDocumentNumber ?? ''}）`
            : tr('已报部，待答复', 'awaiting the answer'),
    });
  }
  return (
    <Table<ProcedureDueItem>
      rowKey="procedureId"
      data-testid="procedure-list"
      columns={columns}
      dataSource={props.data.items}
      scroll={{ x: 'max-content' }}
      expandable={props.expandedRow ? { expandedRowRender: props.expandedRow, rowExpandable: () => true } : undefined}
      pagination={{
        current: props.data.page,
        pageSize: props.data.pageSize,
        total: props.data.total,
        showSizeChanger: true,
        showTotal: (total) => tr(`共 ${total} 件`, `${total} in all`),
        onChange: props.onPage,
      }}
    />
  );
}
