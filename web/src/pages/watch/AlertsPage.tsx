/**
 * 预警看板 (supervisors and the coordinator): the campaign's alerts, newest first, paged; their
 * counts by city × kind (a count filters the board); filters by city, kind, level, acknowledgement
 * and time (kept in the address, so a filtered board can be linked to); acknowledging many at once
 * (rows selected, confirmed in a dialog); and live: alerts raised while the board is open appear
 * without a reload (GET /alerts/stream), each announced to screen readers.
 */
import { CheckOutlined, ReloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Empty, Flex, Form, Select, Space, Switch, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useMemo, useRef, useState, type HTMLAttributes } from 'react';
import { Link, useSearchParams } from 'react-router';
import { JILIN_CITIES } from '../../../../domain/cities';
import {
  acknowledgeAlerts,
  acknowledgeMatching,
  alertSummary,
  isAcknowledged,
  listAlertPage,
  type AckOutcome,
  type Alert,
  type AlertFilter,
} from '../../api/alerts';
import { campaignsQueryKey, useCampaign } from '../../app/campaign';
import { pageOf } from '../../app/pageAccess';
import { useSession } from '../../app/session';
import type { CameFrom } from '../../components/city/caseBack';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageContainer } from '../../components/PageContainer';
import { errorText } from '../../components/problems';
import { ALERT_KINDS, alertKindLabel } from '../../components/watch/alertKinds';
import { AlertSummaryMatrix } from '../../components/watch/AlertSummaryMatrix';
import { InertInMeasureRow } from '../../components/watch/InertInMeasureRow';
import { LiveAnnouncement, StreamStateBadge, useAlertStream } from '../../components/watch/LiveAlerts';
import { StatusTag, type StatusTone } from '../../components/watch/StatusTag';
import { cityLabel } from '../../domainLabels';
import { formatInstant } from '../../format';
import { currentLang, tr, tv } from '../../labels';

const LEVEL_TONE: Record<Alert['level'], StatusTone> = { critical: 'critical', warning: 'warning', info: 'info' };
const PAGE_SIZES = [20, 50, 100];

/** The board's state as the address keeps it: ?city=2201&kind=case_overdue&ack=no&from=…&to=…&page=2 */
function filterOf(params: URLSearchParams, campaignId: string | undefined): AlertFilter {
  const level = params.get('level');
  const ack = params.get('ack');
  return {
    campaignId,
    cityCode: params.get('city') ?? undefined,
    kind: params.get('kind') ?? undefined,
    level: level === 'critical' || level === 'warning' || level === 'info' ? level : undefined,
    acknowledged: ack === 'yes' ? true : ack === 'no' ? false : undefined,
    includeResolved: params.get('resolved') === '1',
    from: params.get('from') ?? undefined,
    to: params.get('to') ?? undefined,
  };
}

export default function AlertsPage() {
  const title = pageOf('alerts').title;
  const { campaignId, campaigns } = useCampaign();
  const { role } = useSession().user;
  const canAck = role === 'supervisor' || role === 'province_coordinator';
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const filter = useMemo(() => filterOf(params, campaignId), [params, campaignId]);
  const page = Math.max(1, Number(params.get('page')) || 1);
  const pageSize = PAGE_SIZES.includes(Number(params.get('size'))) ? Number(params.get('size')) : PAGE_SIZES[0];
  const [selected, setSelected] = useState<string[]>([]);
  const [arrived, setArrived] = useState<ReadonlySet<string>>(new Set());

  /** Changes some of the address's filters; any change of filter goes back to page 1. */
  const update = useCallback(
    (changes: Record<string, string | undefined>, keepPage = false) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(changes)) {
            if (v === undefined || v === '') next.delete(k);
            else next.set(k, v);
          }
          if (!keepPage) next.delete('page');
          return next;
        },
        { replace: true },
      );
      if (!keepPage) setSelected([]);
    },
    [setParams],
  );

  const list = useQuery({
    queryKey: ['alerts', 'page', filter, page, pageSize],
    queryFn: () => listAlertPage(filter, page, pageSize),
    placeholderData: keepPreviousData,
  });
  const summaryFilter = { ...filter, cityCode: undefined, kind: undefined };
  const summary = useQuery({ queryKey: ['alerts', 'summary', summaryFilter], queryFn: () => alertSummary(summaryFilter), placeholderData: keepPreviousData });

  // New alerts refetch the board, at most once a second however many arrive together.
  const refetchTimer = useRef<number | undefined>(undefined);
  const onLiveAlert = useCallback(
    (a: Alert) => {
      setArrived((prev) => new Set(prev).add(a.alertKey));
      // An alert of a campaign launched since the console loaded: the campaign picker learns of it.
      if (!campaigns.some((c) => c.id === a.campaignId)) void queryClient.invalidateQueries({ queryKey: campaignsQueryKey });
      if (refetchTimer.current === undefined) {
        refetchTimer.current = window.setTimeout(() => {
          refetchTimer.current = undefined;
          void queryClient.invalidateQueries({ queryKey: ['alerts'] });
        }, 300);
      }
    },
    [queryClient, campaigns],
  );
  const live = useAlertStream(campaignId, onLiveAlert);

  const acknowledged = (res: AckOutcome) => {
    setSelected([]);
    void message.success(tr(`已确认 ${res.acknowledged} 条预警`, `${res.acknowledged} alerts acknowledged`));
    if (res.already > 0) void message.info(tr(`${res.already} 条此前已由他人确认`, `${res.already} had been acknowledged already`));
    if (res.unknown > 0) void message.warning(tr(`${res.unknown} 条预警已不存在`, `${res.unknown} alerts no longer exist`));
  };
  const acknowledge = useMutation({
    mutationFn: (keys: string[]) => acknowledgeAlerts(keys),
    onSuccess: acknowledged,
    onError: (err) => void message.error(errorText(err)),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: ['alerts'] }),
  });
  const acknowledgeAll = useMutation({
    mutationFn: (f: AlertFilter) => acknowledgeMatching(f),
    onSuccess: acknowledged,
    onError: (err) => void message.error(errorText(err)),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: ['alerts'] }),
  });

  /** The unacknowledged alerts the filters select, from the summary's cells. */
  const unacknowledgedMatching = (summary.data?.groups ?? [])
    .filter((g) => (!filter.cityCode || g.cityCode === filter.cityCode) && (!filter.kind || g.kind === filter.kind))
    .reduce((n, g) => n + g.unacknowledged, 0);

  const ackNote = tr(
    '确认后这些预警标记为“已确认”，并记录确认人和时间；同一预警再次发生时需重新确认。',
    'They are marked acknowledged, with your name and the time; an alert raised again needs a new acknowledgement.',
  );
  const confirmBulk = () => {
    const keys = [...selected];
    modal.confirm({
      title: tr(`确认知悉所选 ${keys.length} 条预警？`, `Acknowledge the ${keys.length} selected alerts?`),
      content: ackNote,
      okText: tr('确认知悉', 'Acknowledge'),
      cancelText: tr('取消', 'Cancel'),
      onOk: () => acknowledge.mutateAsync(keys).catch(() => undefined),
    });
  };
  const confirmAll = () => {
    const f = { ...filter };
    modal.confirm({
      title: tr(
        `确认知悉当前筛选条件下全部 ${unacknowledgedMatching} 条未确认预警？`,
        `Acknowledge all ${unacknowledgedMatching} unacknowledged alerts these filters select?`,
      ),
      content: ackNote,
      okText: tr('全部确认', 'Acknowledge all'),
      cancelText: tr('取消', 'Cancel'),
      onOk: () => acknowledgeAll.mutateAsync(f).catch(() => undefined),
    });
  };

  const columns: ColumnsType<Alert> = [
    {
      key: 'level',
      title: tr('级别', 'Level'),
      width: 80,
      render: (_, a) => <StatusTag tone={LEVEL_TONE[a.level]}>{tv('level', a.level)}</StatusTag>,
    },
    {
      key: 'kind',
      title: tr('类型', 'Kind'),
      width: 130,
      render: (_, a) => (
        <Space size={4}>
          {alertKindLabel(a.kind)}
          {arrived.has(a.alertKey) && <StatusTag tone="fresh">{tr('新', 'New')}</StatusTag>}
        </Space>
      ),
    },
    { key: 'city', title: tr('市（州）', 'City'), width: 110, render: (_, a) => (a.cityCode ? cityLabel(a.cityCode) : tr('全省', 'Province')) },
    { key: 'phase', title: tr('阶段', 'Phase'), width: 110, render: (_, a) => tv('phase', a.phase) },
    {
      key: 'message',
      title: tr('内容', 'Message'),
      width: 360,
      render: (_, a) => (
        <Space orientation="vertical" size={0}>
          <span>{a.message}</span>
          {a.caseId && (
            <Link
              to={`/cases/${encodeURIComponent(a.caseId)}`}
              state={{ from: { path: params.toString() ? `/alerts?${params.toString()}` : '/alerts' } } satisfies CameFrom}
              data-testid="alert-case-link"
            >
              {tr('查看案件', 'Open the case')}
            </Link>
          )}
        </Space>
      ),
    },
    { key: 'raised', title: tr('最近发生', 'Last raised'), width: 150, render: (_, a) => formatInstant(a.lastRaisedAt) },
    { key: 'repeats', title: tr('次数', 'Times'), width: 60, align: 'right', render: (_, a) => a.repeatCount },
    {
      key: 'state',
      title: tr('状态', 'State'),
      width: 170,
      render: (_, a) =>
        isAcknowledged(a) ? (
          <Tooltip
            title={tr(
              `${a.acknowledgedBy ?? ''} 于 ${formatInstant(a.acknowledgedAt)} 确认`,
              `by ${a.acknowledgedBy ?? ''} at ${formatInstant(a.acknowledgedAt)}`,
            )}
          >
            <StatusTag tone="ok" data-testid="acknowledged">
              {tr('已确认', 'Acknowledged')}
            </StatusTag>
          </Tooltip>
        ) : a.resolvedAt ? (
          <StatusTag tone="neutral">{tr('已解除', 'Resolved')}</StatusTag>
        ) : (
          <StatusTag tone="pending">{tr('未确认', 'Not acknowledged')}</StatusTag>
        ),
    },
  ];

  const zh = currentLang() === 'zh';
  const range: [Dayjs, Dayjs] | null = filter.from && filter.to ? [dayjs(filter.from), dayjs(filter.to)] : null;

  return (
    <PageContainer
      title={zh ? title.zh : title.en}
      extra={
        <>
          <StreamStateBadge state={live.state} />
          <Button icon={<ReloadOutlined />} onClick={() => void queryClient.invalidateQueries({ queryKey: ['alerts'] })}>
            {tr('刷新', 'Refresh')}
          </Button>
        </>
      }
    >
      <LiveAnnouncement text={live.announcement} />
      <Card size="small" className="section" title={tr('按市（州）和类型汇总', 'By city and kind')}>
        {summary.isError ? (
          <ErrorAlert error={summary.error} onRetry={() => void summary.refetch()} />
        ) : summary.data && summary.data.total === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={tr('当前筛选条件下没有预警', 'No alert matches these filters')} />
        ) : (
          <AlertSummaryMatrix
            summary={summary.data ?? { groups: [], total: 0, unacknowledged: 0 }}
            selected={{ cityCode: filter.cityCode, kind: filter.kind }}
            onPick={(pick) => update({ city: pick.cityCode ?? undefined, kind: pick.kind })}
          />
        )}
      </Card>

      <Form layout="inline" className="section filters" name="alertFilters" role="search" aria-label={tr('筛选预警', 'Filter alerts')}>
        <Form.Item label={tr('市（州）', 'City')} htmlFor="alert-city">
          <Select
            id="alert-city"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={tr('全部', 'All')}
            style={{ width: 170 }}
            value={filter.cityCode}
            onChange={(v?: string) => update({ city: v })}
            options={JILIN_CITIES.map((c) => ({ value: c.code, label: cityLabel(c.code) }))}
          />
        </Form.Item>
        <Form.Item label={tr('类型', 'Kind')} htmlFor="alert-kind">
          <Select
            id="alert-kind"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={tr('全部', 'All')}
            style={{ width: 170 }}
            value={filter.kind}
            onChange={(v?: string) => update({ kind: v })}
            options={ALERT_KINDS.map((k) => ({ value: k, label: alertKindLabel(k) }))}
          />
        </Form.Item>
        <Form.Item label={tr('级别', 'Level')} htmlFor="alert-level">
          <Select
            id="alert-level"
            allowClear
            placeholder={tr('全部', 'All')}
            style={{ width: 110 }}
            value={filter.level}
            onChange={(v?: string) => update({ level: v })}
            options={(['critical', 'warning', 'info'] as const).map((l) => ({ value: l, label: tv('level', l) }))}
          />
        </Form.Item>
        <Form.Item label={tr('确认情况', 'Acknowledged')} htmlFor="alert-ack">
          <Select
            id="alert-ack"
            allowClear
            placeholder={tr('全部', 'All')}
            style={{ width: 120 }}
            value={params.get('ack') ?? undefined}
            onChange={(v?: string) => update({ ack: v })}
            options={[
              { value: 'no', label: tr('未确认', 'Not yet') },
              { value: 'yes', label: tr('已确认', 'Acknowledged') },
            ]}
          />
        </Form.Item>
        <Form.Item label={tr('发生时间', 'Raised')} htmlFor="alert-time">
          <DatePicker.RangePicker
            id={{ start: 'alert-time', end: 'alert-time-end' }}
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            value={range}
            placeholder={[tr('开始时间', 'From'), tr('结束时间', 'To')]}
            onChange={(v) => update({ from: v?.[0]?.toISOString(), to: v?.[1]?.toISOString() })}
          />
        </Form.Item>
        <Form.Item label={tr('含已解除', 'Include resolved')} htmlFor="alert-resolved">
          <Switch id="alert-resolved" checked={filter.includeResolved} onChange={(on) => update({ resolved: on ? '1' : undefined })} />
        </Form.Item>
        <Form.Item>
          <Button
            onClick={() => update({ city: undefined, kind: undefined, level: undefined, ack: undefined, from: undefined, to: undefined, resolved: undefined })}
          >
            {tr('清除筛选', 'Clear filters')}
          </Button>
        </Form.Item>
      </Form>

      {canAck && (
        <Flex gap={12} align="center" className="section">
          <Button type="primary" icon={<CheckOutlined />} disabled={selected.length === 0} loading={acknowledge.isPending} onClick={confirmBulk}>
            {tr(`确认知悉所选（${selected.length}）`, `Acknowledge selected (${selected.length})`)}
          </Button>
          <Button
            icon={<CheckOutlined />}
            disabled={unacknowledgedMatching === 0 || filter.acknowledged === true}
            loading={acknowledgeAll.isPending}
            onClick={confirmAll}
            data-testid="ack-all-matching"
          >
            {tr(`全部确认（当前筛选 ${unacknowledgedMatching} 条未确认）`, `Acknowledge all (${unacknowledgedMatching} unacknowledged)`)}
          </Button>
          <Typography.Text type="secondary">
            {tr(
              '勾选未确认的预警后可批量确认，或一次确认当前筛选的全部。',
              'Select unacknowledged alerts to acknowledge them together, or acknowledge all the filters select.',
            )}
          </Typography.Text>
        </Flex>
      )}

      {list.isError ? (
        <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<Alert>
          rowKey="alertKey"
          className="alerts-table"
          size="middle"
          loading={list.isPending || (list.isFetching && list.isPlaceholderData)}
          columns={columns}
          dataSource={list.data?.items ?? []}
          // No animated scroll to the first row on a page change: the body does not scroll vertically, and each
          // of its frames forces a layout while the next page renders (bench:console's profile).
          scroll={{ x: 'max-content', scrollToFirstRowOnChange: false }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={tr('暂无预警', 'No alerts')} /> }}
          onRow={(a) => ({ 'data-alert-kind': a.kind, 'data-alert-key': a.alertKey }) as HTMLAttributes<HTMLElement>}
          rowSelection={
            canAck
              ? {
                  selectedRowKeys: selected,
                  preserveSelectedRowKeys: true,
                  onChange: (keys) => setSelected(keys.map(String)),
                  columnTitle: (checkbox) => <InertInMeasureRow>{checkbox}</InertInMeasureRow>,
                  getCheckboxProps: (a) => ({ disabled: isAcknowledged(a), 'aria-label': tr('选择此预警', 'Select this alert') }),
                }
              : undefined
          }
          pagination={{
            placement: ['topEnd', 'bottomEnd'],
            current: page,
            pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: PAGE_SIZES,
            showTotal: (n) => tr(`共 ${n} 条`, `${n} alerts`),
            onChange: (p, size) => update({ page: p > 1 ? String(p) : undefined, size: size !== PAGE_SIZES[0] ? String(size) : undefined }, true),
          }}
        />
      )}
    </PageContainer>
  );
}
