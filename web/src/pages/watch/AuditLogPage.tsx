/**
 * 审计日志 (auditors): every write through the API (and every read of personal data), newest
 * first, paged; filtered by user, action, result, city and time; the filtered entries (every page)
 * exported as CSV for the auditor's own records.
 */
import { DownloadOutlined, SearchOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { App, AutoComplete, Button, DatePicker, Form, Input, Select, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { JILIN_CITIES } from '../../../../domain/cities';
import { auditFacets, exportAuditLog, listAuditLog, type AuditEntry, type AuditFilter } from '../../api/audit';
import { pageOf } from '../../app/pageAccess';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageContainer } from '../../components/PageContainer';
import { StatusTag } from '../../components/watch/StatusTag';
import { errorText } from '../../components/problems';
import { AUDIT_ACTIONS, auditActionLabel, auditResultLabel } from '../../components/watch/auditLabels';
import { cityLabel } from '../../domainLabels';
import { formatInstant } from '../../format';
import { currentLang, tr, tv } from '../../labels';

const PAGE_SIZES = [20, 50, 100];

interface FilterForm {
  userId?: string;
  assignee?: string;
  action?: string;
  result?: string;
  cityCode?: string;
  time?: [Dayjs | null, Dayjs | null] | null;
}

function filterOf(v: FilterForm): AuditFilter {
  const text = (s: string | undefined) => (s && s.trim() !== '' ? s.trim() : undefined);
  return {
    userId: text(v.userId),
    assignee: text(v.assignee),
    action: v.action,
    result: v.result,
    cityCode: v.cityCode,
    from: v.time?.[0]?.toISOString(),
    to: v.time?.[1]?.toISOString(),
  };
}

export default function AuditLogPage() {
  const title = pageOf('auditLog').title;
  const { message } = App.useApp();
  const [form] = Form.useForm<FilterForm>();
  const [filter, setFilter] = useState<AuditFilter>({});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(PAGE_SIZES[0]);

  const log = useQuery({
    queryKey: ['auditLog', filter, page, pageSize],
    queryFn: () => listAuditLog(filter, page, pageSize),
    placeholderData: keepPreviousData,
  });

  // The pickers offer what occurs in the log; an action the log has not seen yet is still offered by name.
  const facets = useQuery({ queryKey: ['auditLog', 'facets'], queryFn: auditFacets, staleTime: 60_000 });
  const actions = [...new Set([...(facets.data?.actions ?? []), ...AUDIT_ACTIONS])];
  const results = facets.data?.results ?? ['ok', 'replayed'];

  const exporting = useMutation({
    mutationFn: () => exportAuditLog(filter),
    onSuccess: (fileName) => void message.success(tr(`已导出：${fileName}`, `Exported: ${fileName}`)),
    onError: (err) => void message.error(errorText(err)),
  });

  const columns: ColumnsType<AuditEntry> = [
    { key: 'at', title: tr('时间', 'Time'), width: 160, render: (_, e) => formatInstant(e.at) },
    { key: 'user', title: tr('用户', 'User'), width: 130, render: (_, e) => e.userId ?? tr('（未登录）', '(anonymous)') },
    { key: 'role', title: tr('角色', 'Role'), width: 130, render: (_, e) => (e.role ? tv('role', e.role) : '') },
    { key: 'city', title: tr('市（州）', 'City'), width: 100, render: (_, e) => (e.cityCode ? cityLabel(e.cityCode) : '') },
    {
      key: 'action',
      title: tr('操作', 'Action'),
      width: 170,
      render: (_, e) => (
        <Tooltip title={e.action}>
          <span data-testid="audit-action" data-action={e.action}>
            {auditActionLabel(e.action)}
          </span>
        </Tooltip>
      ),
    },
    {
      key: 'target',
      title: tr('对象', 'Target'),
      width: 220,
      render: (_, e) => (e.target ? <Typography.Text code>{e.target}</Typography.Text> : ''),
    },
    // Who acted under whose assignment: the case's 承办人 when the action was taken.
    { key: 'assignee', title: tr('承办人', 'Assigned officer'), width: 120, render: (_, e) => <span data-testid="audit-assignee">{e.assignee ?? ''}</span> },
    {
      key: 'result',
      title: tr('结果', 'Result'),
      width: 150,
      render: (_, e) => (
        <Tooltip title={`${e.result} · HTTP ${e.status}`}>
          <StatusTag tone={e.result === 'ok' ? 'ok' : e.result === 'replayed' ? 'info' : 'critical'}>{auditResultLabel(e.result)}</StatusTag>
        </Tooltip>
      ),
    },
  ];

  const search = (v: FilterForm) => {
    setFilter(filterOf(v));
    setPage(1);
  };

  return (
    <PageContainer
      title={currentLang() === 'zh' ? title.zh : title.en}
      extra={
        <Button icon={<DownloadOutlined />} loading={exporting.isPending} onClick={() => exporting.mutate()} data-testid="audit-export">
          {tr('导出筛选结果（CSV）', 'Export the filtered entries (CSV)')}
        </Button>
      }
    >
      <Form<FilterForm>
        form={form}
        layout="inline"
        name="auditFilters"
        className="section"
        role="search"
        aria-label={tr('筛选审计日志', 'Filter the audit log')}
        onFinish={search}
      >
        <Form.Item name="userId" label={tr('用户', 'User')}>
          <AutoComplete
            allowClear
            placeholder={tr('用户名', 'User name')}
            style={{ width: 150 }}
            maxLength={100}
            options={(facets.data?.users ?? []).map((u) => ({ value: u }))}
            showSearch={{ filterOption: (input, option) => String(option?.value ?? '').includes(input) }}
          />
        </Form.Item>
        <Form.Item name="assignee" label={tr('承办人', 'Assigned officer')}>
          <Input allowClear placeholder={tr('用户名', 'User name')} style={{ width: 130 }} maxLength={100} />
        </Form.Item>
        <Form.Item name="action" label={tr('操作', 'Action')}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={tr('全部', 'All')}
            style={{ width: 190 }}
            options={actions.map((a) => ({ value: a, label: auditActionLabel(a) }))}
          />
        </Form.Item>
        <Form.Item name="result" label={tr('结果', 'Result')}>
          <Select
            allowClear
            placeholder={tr('全部', 'All')}
            style={{ width: 150 }}
            showSearch={{ optionFilterProp: 'label' }}
            popupMatchSelectWidth={false}
            options={results.map((r) => ({ value: r, label: r === 'ok' || r === 'replayed' ? auditResultLabel(r) : `${auditResultLabel(r)}（${r}）` }))}
          />
        </Form.Item>
        <Form.Item name="cityCode" label={tr('市（州）', 'City')}>
          <Select
            allowClear
            aria-label={tr('市（州）', 'City')}
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={tr('全部', 'All')}
            style={{ width: 170 }}
            options={JILIN_CITIES.map((c) => ({ value: c.code, label: cityLabel(c.code) }))}
          />
        </Form.Item>
        <Form.Item name="time" label={tr('时间', 'Time')}>
          <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" placeholder={[tr('开始时间', 'From'), tr('结束时间', 'To')]} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
            {tr('查询', 'Search')}
          </Button>
        </Form.Item>
        <Form.Item>
          <Button
            onClick={() => {
              form.resetFields();
              search({});
            }}
          >
            {tr('重置', 'Reset')}
          </Button>
        </Form.Item>
      </Form>

      {log.isError ? (
        <ErrorAlert error={log.error} onRetry={() => void log.refetch()} />
      ) : (
        <Table<AuditEntry>
          rowKey="id"
          className="audit-table"
          size="middle"
          loading={log.isPending || (log.isFetching && log.isPlaceholderData)}
          columns={columns}
          dataSource={log.data?.items ?? []}
          // No animated scroll to the first row on a page change: the body does not scroll vertically, and each
          // of its frames forces a layout while the next page renders (bench:console's profile).
          scroll={{ x: 'max-content', scrollToFirstRowOnChange: false }}
          expandable={{
            rowExpandable: (e) => Object.keys(e.detail).length > 0,
            expandedRowRender: (e) => (
              <Typography.Paragraph className="audit-detail" copyable>
                <Typography.Text type="secondary">{tr('请求编号', 'Request')}：</Typography.Text>
                <Typography.Text code>{e.requestId}</Typography.Text> <Typography.Text type="secondary">{tr('详情', 'Detail')}：</Typography.Text>
                <Typography.Text code>{JSON.stringify(e.detail)}</Typography.Text>
              </Typography.Paragraph>
            ),
          }}
          pagination={{
            placement: ['topEnd', 'bottomEnd'],
            current: page,
            pageSize,
            total: log.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: PAGE_SIZES,
            showTotal: (n) => tr(`共 ${n} 条`, `${n} entries`),
            onChange: (p, size) => {
              setPage(size !== pageSize ? 1 : p);
              setPageSize(size);
            },
          }}
        />
      )}
    </PageContainer>
  );
}
