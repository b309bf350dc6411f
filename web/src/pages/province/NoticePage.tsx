/**
 * The progress notice (进展通报) the campaign produced on its date: its metadata, each city's
 * self-check line as the notice states it (the figures are the notice's own, not recomputed here),
 * the lagging cities and why, and the .docx to download. Before its date: when it will come.
 */
import { useQuery } from '@tanstack/react-query';
import { Card, Descriptions, Empty, Result, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo } from 'react';
import { getProgressNotice, type ProgressNotice } from '../../api/campaigns';
import { downloadReport } from '../../api/imports';
import { useCampaign } from '../../app/campaign';
import { pageOf } from '../../app/pageAccess';
import { EChart, type EChartOption } from '../../components/EChart';
import { Loaded } from '../../components/Loaded';
import { PageContainer } from '../../components/PageContainer';
import { num } from '../../components/province/batches';
import { DownloadButton } from '../../components/province/DownloadButton';
import { cityLabel } from '../../domainLabels';
import { formatDate, formatInstant } from '../../format';
import { currentLang, tr } from '../../labels';
import { ToneTag } from '../../components/ToneTag';
import '../../components/province/province.css';

type Notice = NonNullable<ProgressNotice['notice']>;
type NoticeCity = Notice['cities'][number];

const rate = (x: number) => x.toLocaleString(currentLang() === 'zh' ? 'zh-CN' : 'en-GB', { maximumFractionDigits: 1 });

function RateChart({ notice }: { notice: Notice }) {
  const option = useMemo<EChartOption>(
    () => ({
      grid: { left: 8, right: 24, top: 24, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: notice.cities.map((c) => cityLabel(c.cityCode)), axisLabel: { interval: 0, rotate: notice.cities.length > 5 ? 30 : 0 } },
      yAxis: { type: 'value', name: tr('每千人', 'per 1,000') },
      series: [
        {
          type: 'bar',
          name: tr('自查自纠率（每千名注册人员）', 'Self-check rate (per 1,000 registered)'),
          data: notice.cities.map((c) => ({ value: c.ratePerThousand, itemStyle: { color: c.lagging ? '#cf1322' : '#1677ff' } })),
          label: { show: true, position: 'top', formatter: (p) => rate(Number(p.value)) },
          markLine: {
            symbol: 'none',
            label: {
              position: 'insideEndTop',
              formatter: tr(`全省 ${rate(notice.provinceRatePerThousand)}`, `Province ${rate(notice.provinceRatePerThousand)}`),
            },
            data: [{ yAxis: notice.provinceRatePerThousand }],
          },
        },
      ],
    }),
    [notice],
  );
  return (
    <EChart
      option={option}
      height={280}
      testId="notice-chart"
      label={tr(
        `各市（州）自查自纠率（每千名注册人员）：${notice.cities.map((c) => `${cityLabel(c.cityCode)} ${rate(c.ratePerThousand)}`).join('，')}；全省 ${rate(notice.provinceRatePerThousand)}`,
        `Self-check rate per 1,000 registered persons by city; province ${rate(notice.provinceRatePerThousand)}`,
      )}
    />
  );
}

function CityTable({ notice }: { notice: Notice }) {
  const columns: ColumnsType<NoticeCity> = [
    { title: tr('市（州）', 'City'), key: 'city', width: 150, render: (_, c) => cityLabel(c.cityCode) },
    {
      title: tr('自查自纠汇总表', 'Self-check summary'),
      key: 'submitted',
      width: 150,
      render: (_, c) =>
        c.submitted ? (
          <>
            <ToneTag tone={c.late ? 'warn' : 'good'}>{c.late ? tr('逾期报送', 'Late') : tr('按时报送', 'On time')}</ToneTag>
            {formatInstant(c.submittedAt)}
          </>
        ) : (
          <ToneTag tone="bad">{tr('未报送', 'Not submitted')}</ToneTag>
        ),
    },
    { title: tr('自查自纠申报', 'Declarations'), key: 'declarations', width: 110, align: 'right', render: (_, c) => num(c.declarations) },
    { title: tr('注销申请', 'Deregistration requests'), key: 'dereg', width: 100, align: 'right', render: (_, c) => num(c.deregistrationRequests) },
    { title: tr('已办理注销', 'Processed'), key: 'processed', width: 100, align: 'right', render: (_, c) => num(c.deregistrationsProcessed) },
    { title: tr('注册人员', 'Registered'), key: 'registered', width: 100, align: 'right', render: (_, c) => num(c.registeredPersons) },
    { title: tr('每千人自查率', 'Rate per 1,000'), key: 'rate', width: 110, align: 'right', render: (_, c) => rate(c.ratePerThousand) },
    {
      title: tr('进展情况', 'Progress'),
      key: 'lagging',
      width: 260,
      render: (_, c) =>
        c.lagging ? (
          <>
            <ToneTag tone="bad">{tr('进展不力', 'Lagging')}</ToneTag>
            {c.lagReasons.join('；')}
          </>
        ) : (
          <ToneTag tone="good">{tr('正常', 'On track')}</ToneTag>
        ),
    },
  ];
  return (
    <Table<NoticeCity>
      rowKey="cityCode"
      size="small"
      columns={columns}
      dataSource={notice.cities}
      pagination={false}
      scroll={{ x: 'max-content' }}
      data-testid="notice-cities"
    />
  );
}

function Produced({ state }: { state: ProgressNotice }) {
  const { notice, report } = state;
  return (
    <>
      <Card
        className="form-card"
        title={notice?.title ?? tr('进展通报', 'Progress notice')}
        extra={
          report ? (
            <DownloadButton type="primary" download={() => downloadReport(report.reportId, report.fileName)}>
              {tr('下载通报', 'Download the notice')}
            </DownloadButton>
          ) : (
            <Typography.Text className="hint">{tr('通报文件正在生成，稍后刷新', 'The file is being rendered; refresh shortly')}</Typography.Text>
          )
        }
        data-testid="notice-meta"
      >
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'date', label: tr('通报日期', 'Notice date'), children: formatDate(state.noticeDate) },
            ...(notice ? [{ key: 'produced', label: tr('生成时间', 'Produced'), children: formatInstant(notice.producedAt) }] : []),
            ...(report
              ? [
                  { key: 'file', label: tr('文件', 'File'), children: report.fileName },
                  { key: 'version', label: tr('版本', 'Version'), children: tr(`第 ${report.version} 版`, `v${report.version}`) },
                  { key: 'asOf', label: tr('数据截至', 'Figures as of'), children: formatDate(report.asOfDate) },
                ]
              : []),
            ...(notice
              ? [
                  { key: 'rate', label: tr('全省每千人自查率', 'Province rate per 1,000'), children: rate(notice.provinceRatePerThousand) },
                  {
                    key: 'lagging',
                    label: tr('进展不力市（州）', 'Lagging cities'),
                    children: notice.lagging.length ? notice.lagging.map((c) => cityLabel(c)).join('、') : tr('无', 'None'),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      {notice && (
        <>
          <Card className="form-card" title={tr('各市（州）自查自纠率', 'Self-check rate by city')}>
            <RateChart notice={notice} />
          </Card>
          <Card className="form-card" title={tr('各市（州）自查自纠进展', 'Each city’s self-check')}>
            <CityTable notice={notice} />
          </Card>
        </>
      )}
    </>
  );
}

function NoticePage() {
  const title = pageOf('notice').title;
  const { campaign } = useCampaign();
  const campaignId = campaign?.id;
  const notice = useQuery({
    queryKey: ['progressNotice', campaignId],
    enabled: campaignId !== undefined,
    queryFn: () => getProgressNotice(campaignId!),
    // Until the notice and its file exist, look again now and then: on a demo clock it comes within minutes.
    refetchInterval: (q) => (q.state.data?.report ? false : 10_000),
  });

  return (
    <PageContainer title={currentLang() === 'zh' ? title.zh : title.en}>
      {!campaignId ? (
        <Empty description={tr('暂无专项行动：进展通报在行动的通报日期自动生成', 'No campaign yet: the notice is produced on its date')} />
      ) : (
        <Loaded query={notice}>
          {(state) =>
            state.produced ? (
              <Produced state={state} />
            ) : (
              <Result
                status="info"
                title={tr('进展通报尚未生成', 'Not produced yet')}
                subTitle={tr(
                  `将于通报日期 ${formatDate(state.noticeDate)} 上午 9 时（按行动日历）自动生成，届时可在此查看和下载。`,
                  `It is produced at 09:00 on ${formatDate(state.noticeDate)} (campaign calendar); it will be here to read and download.`,
                )}
                data-testid="notice-pending"
              />
            )
          }
        </Loaded>
      )}
    </PageContainer>
  );
}

export default NoticePage;
