/**
 * A campaign at a glance, for the coordinator and the supervisors: its phase and today on its own
 * clock, the calendar as steps and dates, each city's progress as a chart and as the figures of
 * the 汇总表 (the API's, counted once for the console and the reports), and every deadline.
 */
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Empty, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useNavigate } from 'react-router';
import { SUMMARY_FIELDS, type SummaryKey } from '../../../../domain/summaryFigures';
import { getCampaign, getLateCities, type CampaignDetail, type CityProgress, type Deadline } from '../../api/campaigns';
import { useCampaign } from '../../app/campaign';
import { pageOf } from '../../app/pageAccess';
import { useSession } from '../../app/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loaded } from '../../components/Loaded';
import { PageContainer } from '../../components/PageContainer';
import { num } from '../../components/province/batches';
import { CityProgressChart } from '../../components/province/CityProgressChart';
import { PhaseTimeline } from '../../components/province/PhaseTimeline';
import { cityLabel } from '../../domainLabels';
import { formatDate, formatInstant } from '../../format';
import { currentLang, tr, tv } from '../../labels';
import { type Tone, ToneTag } from '../../components/ToneTag';
import '../../components/province/province.css';

/** The summary's column names in English (the Chinese are the reports' own, from domain/summaryFigures.ts). */
const FIGURE_EN: Record<SummaryKey, string> = {
  screened: 'Screened',
  flagged: 'Flagged',
  verified: 'Verified',
  confirmedHanging: 'Confirmed hanging',
  selfCorrected: 'Corrected in self-check',
  deregistered: 'Deregistered',
  revoked: 'Revoked',
  badConduct: 'Bad-conduct records',
  otherPenalties: 'Other penalties',
  stillOpen: 'Still open',
};

const STATUS_TONE: Record<CampaignDetail['status'], Tone> = { running: 'busy', completed: 'good', failed: 'bad', cancelled: 'plain' };

function FiguresTable({ c }: { c: CampaignDetail }) {
  const columns: ColumnsType<CityProgress> = [
    { title: tr('市（州）', 'City'), key: 'city', width: 110, render: (_, p) => cityLabel(p.cityCode) },
    ...SUMMARY_FIELDS.map(([key, zh]): ColumnsType<CityProgress>[number] => ({
      title: tr(zh, FIGURE_EN[key]),
      key,
      width: 96,
      align: 'right',
      render: (_, p) => <span data-figure={key}>{num(p.figures[key])}</span>,
    })),
  ];
  return (
    <Table<CityProgress>
      rowKey="cityCode"
      size="small"
      columns={columns}
      dataSource={c.cityProgress}
      pagination={false}
      scroll={{ x: 'max-content' }}
      data-testid="city-figures"
      summary={() => (
        <Table.Summary.Row data-testid="figures-total">
          <Table.Summary.Cell index={0}>
            <strong>{tr('合计', 'Total')}</strong>
          </Table.Summary.Cell>
          {SUMMARY_FIELDS.map(([key], i) => (
            <Table.Summary.Cell key={key} index={i + 1} align="right">
              <strong data-figure={key}>{num(c.totals[key])}</strong>
            </Table.Summary.Cell>
          ))}
        </Table.Summary.Row>
      )}
    />
  );
}

function DeadlineTable({ deadlines, today }: { deadlines: Deadline[]; today: string }) {
  const columns: ColumnsType<Deadline> = [
    { title: tr('阶段', 'Phase'), key: 'phase', width: 120, render: (_, d) => tv('phase', d.phase) },
    { title: tr('市（州）', 'City'), key: 'city', width: 150, render: (_, d) => (d.cityCode ? cityLabel(d.cityCode) : tr('全省', 'Province')) },
    {
      title: tr('截止日期', 'Due'),
      key: 'due',
      width: 200,
      render: (_, d) => (
        <>
          {formatDate(d.dueDate)}
          {d.extendedFrom && (
            <Typography.Text className="hint"> {tr(`（原 ${formatDate(d.extendedFrom)}，已延期）`, `(was ${formatDate(d.extendedFrom)})`)}</Typography.Text>
          )}
        </>
      ),
    },
    {
      title: tr('完成情况', 'State'),
      key: 'state',
      width: 220,
      render: (_, d) =>
        d.metAt ? (
          <ToneTag tone="good">{tr(`已完成 ${formatInstant(d.metAt)}`, `Met ${formatInstant(d.metAt)}`)}</ToneTag>
        ) : d.dueDate < today ? (
          <ToneTag tone="bad">{tr('已逾期', 'Overdue')}</ToneTag>
        ) : (
          <ToneTag tone="plain">{tr('未到期', 'Not yet due')}</ToneTag>
        ),
    },
  ];
  return (
    <Table<Deadline>
      rowKey="key"
      size="small"
      columns={columns}
      dataSource={deadlines}
      scroll={{ x: 'max-content' }}
      pagination={{ placement: ['topEnd', 'bottomEnd'], pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
      data-testid="deadlines"
    />
  );
}

function Overview({ c, today, late }: { c: CampaignDetail; today: string; late: number }) {
  return (
    <>
      <Card className="form-card" title={tr('行动概况', 'The campaign')}>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 3 }}
          items={[
            { key: 'name', label: tr('行动名称', 'Name'), children: c.name },
            { key: 'phase', label: tr('当前阶段', 'Phase'), children: <span data-testid="campaign-phase">{tv('phase', c.phase)}</span> },
            { key: 'status', label: tr('状态', 'Status'), children: <ToneTag tone={STATUS_TONE[c.status]}>{tv('status', c.status)}</ToneTag> },
            { key: 'today', label: tr('行动日历今天', "The campaign's today"), children: <strong data-testid="campaign-today">{formatDate(today)}</strong> },
            { key: 'launched', label: tr('发起时间', 'Launched'), children: formatInstant(c.launchedAt) },
            { key: 'cities', label: tr('参与市（州）', 'Cities'), children: c.cities.length },
            ...(c.snapshotId !== null
              ? [{ key: 'snapshot', label: tr('数据快照', 'Snapshot'), children: tr(`快照 ${c.snapshotId}`, `Snapshot ${c.snapshotId}`) }]
              : []),
            {
              key: 'late',
              label: tr('逾期未报送', 'Late reports'),
              children: late > 0 ? <ToneTag tone="bad">{tr(`${late} 项`, `${late}`)}</ToneTag> : tr('无', 'None'),
            },
          ]}
        />
      </Card>
      <Card className="form-card" title={tr('阶段时间轴', 'Phases')}>
        <PhaseTimeline calendar={c.calendar} phase={c.phase} today={today} />
      </Card>
      <Card className="form-card" title={tr('各市（州）进展', 'Progress by city')}>
        {c.cityProgress.length === 0 ? (
          <Empty description={tr('各市（州）尚未开始筛查，稍后再看', 'No city has been screened yet; look again shortly')} />
        ) : (
          <>
            <CityProgressChart cities={c.cityProgress} />
            <Typography.Title level={2} className="section-title">
              {tr('各市（州）汇总数据', 'Figures by city')}
            </Typography.Title>
            <Typography.Paragraph className="hint figure-note">
              {tr('口径与各市（州）排查汇总表一致。', 'Counted as the investigation summary tables count them.')}
            </Typography.Paragraph>
            <FiguresTable c={c} />
          </>
        )}
      </Card>
      <Card className="form-card" title={tr('截止时间', 'Deadlines')}>
        <DeadlineTable deadlines={c.deadlines} today={today} />
      </Card>
    </>
  );
}

function OverviewPage() {
  const title = pageOf('overview').title;
  const { campaignId } = useCampaign();
  const { role } = useSession().user;
  const navigate = useNavigate();
  const campaign = useQuery({
    queryKey: ['campaign', campaignId],
    enabled: campaignId !== undefined,
    queryFn: () => getCampaign(campaignId!),
    refetchInterval: 15_000,
  });
  // The campaign's today on its own clock: the API counts late days to it.
  const late = useQuery({
    queryKey: ['lateCities', campaignId],
    enabled: campaignId !== undefined,
    queryFn: () => getLateCities(campaignId!),
    refetchInterval: 15_000,
  });

  return (
    <PageContainer title={currentLang() === 'zh' ? title.zh : title.en}>
      {!campaignId ? (
        <Empty description={tr('暂无专项行动', 'No campaign yet')}>
          {role === 'province_coordinator' && (
            <Button type="primary" onClick={() => void navigate('/campaigns/new')}>
              {tr('发起行动', 'Launch a campaign')}
            </Button>
          )}
        </Empty>
      ) : late.isError ? (
        <ErrorAlert error={late.error} onRetry={() => void late.refetch()} />
      ) : (
        <Loaded query={campaign}>{(c) => (late.data ? <Overview c={c} today={late.data.asOfDate} late={late.data.items.length} /> : null)}</Loaded>
      )}
    </PageContainer>
  );
}

export default OverviewPage;
