/**
 * 逾期市（州） (coordinator and supervisors): each city report deadline that passed unmet, how
 * many days late it is (counted on the campaign's calendar), the state of the city's report and
 * its overdue cases; each city links to its alerts on the board.
 */
import { CheckCircleOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Empty, Result, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router';
import { getLateCities, type LateCity } from '../../api/lateCities';
import { useCampaign } from '../../app/campaign';
import { pageOf } from '../../app/pageAccess';
import { Loaded } from '../../components/Loaded';
import { PageContainer } from '../../components/PageContainer';
import { StatusTag } from '../../components/watch/StatusTag';
import { cityLabel } from '../../domainLabels';
import { formatDate } from '../../format';
import { currentLang, tr, tv } from '../../labels';

const REPORT_OF: Record<string, string> = { selfCheck: '自查自纠汇总表', investigation: '排查工作报告及汇总表' };
const REPORT_OF_EN: Record<string, string> = { selfCheck: 'self-check summary', investigation: 'investigation report' };

export default function LateCitiesPage() {
  const title = pageOf('late').title;
  const { campaignId } = useCampaign();
  const late = useQuery({ queryKey: ['lateCities', campaignId], queryFn: () => getLateCities(campaignId!), enabled: campaignId !== undefined });

  const columns: ColumnsType<LateCity> = [
    {
      key: 'city',
      title: tr('市（州）', 'City'),
      width: 140,
      render: (_, d) => (
        <Typography.Text strong data-testid="late-city">
          {cityLabel(d.cityCode)}
        </Typography.Text>
      ),
    },
    {
      key: 'report',
      title: tr('应报送', 'Report due'),
      width: 200,
      render: (_, d) => (currentLang() === 'zh' ? (REPORT_OF[d.phase] ?? tv('phase', d.phase)) : (REPORT_OF_EN[d.phase] ?? d.phase)),
    },
    {
      key: 'due',
      title: tr('截止日期', 'Deadline'),
      width: 170,
      render: (_, d) => (
        <Space orientation="vertical" size={0}>
          {formatDate(d.dueDate)}
          {d.extendedFrom && (
            <Typography.Text type="secondary">
              {tr(`原定 ${formatDate(d.extendedFrom)}，已延期`, `extended from ${formatDate(d.extendedFrom)}`)}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      key: 'days',
      title: tr('逾期天数', 'Days late'),
      width: 100,
      align: 'right',
      render: (_, d) => (
        <StatusTag tone={d.daysLate >= 7 ? 'critical' : 'warning'} data-testid="days-late">
          {tr(`${d.daysLate} 天`, `${d.daysLate} d`)}
        </StatusTag>
      ),
    },
    {
      key: 'submission',
      title: tr('报送情况', 'Report'),
      width: 150,
      render: (_, d) =>
        d.submission ? (
          <Space size={4}>
            {tv('subStatus', d.submission.status)}
            <Typography.Text type="secondary">{tr(`第 ${d.submission.version} 版`, `v${d.submission.version}`)}</Typography.Text>
          </Space>
        ) : (
          tr('未报送', 'Not submitted')
        ),
    },
    { key: 'cases', title: tr('逾期案件', 'Overdue cases'), width: 100, align: 'right', render: (_, d) => d.casesOverdue },
    {
      key: 'alerts',
      title: tr('预警', 'Alerts'),
      width: 110,
      render: (_, d) => <Link to={`/alerts?city=${d.cityCode}`}>{tr('查看预警', 'Its alerts')}</Link>,
    },
  ];

  return (
    <PageContainer title={currentLang() === 'zh' ? title.zh : title.en}>
      {!campaignId ? (
        <Empty description={tr('暂无专项行动。', 'No campaign yet.')} />
      ) : (
        <Loaded query={late}>
          {(data) =>
            data.items.length === 0 ? (
              <Result
                icon={<CheckCircleOutlined />}
                status="success"
                title={tr('无逾期市（州）', 'No city is late')}
                subTitle={tr(`截至 ${formatDate(data.asOfDate)}，各市（州）均按期报送。`, `As of ${formatDate(data.asOfDate)}, every city reported on time.`)}
                data-testid="no-late-cities"
              />
            ) : (
              <>
                <Typography.Paragraph type="secondary">
                  {tr(
                    `截至 ${formatDate(data.asOfDate)}（按行动日历计算），共 ${data.items.length} 项报送逾期。`,
                    `As of ${formatDate(data.asOfDate)} (the campaign's calendar): ${data.items.length} reports late.`,
                  )}
                </Typography.Paragraph>
                <div data-testid="late-cities">
                  <Table<LateCity>
                    rowKey="deadlineKey"
                    columns={columns}
                    dataSource={data.items}
                    pagination={data.items.length > 20 ? { pageSize: 20, placement: ['bottomEnd'] } : false}
                    scroll={{ x: 'max-content' }}
                  />
                </div>
              </>
            )
          }
        </Loaded>
      )}
    </PageContainer>
  );
}
