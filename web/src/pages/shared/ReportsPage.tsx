/**
 * 报表下载 (every role): the reports of the campaign the reader may download — summary tables,
 * work reports, the progress notice — with their kind, city, version, the date the figures stand
 * for, when produced and the file name the reader gets. A reader not entitled to every row's
 * personal data gets the masked copy (ID numbers and names masked, the name ends -脱敏): the list
 * says so before the download.
 */
import { DownloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { App, Button, Empty, Form, Select, Space, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { copyFor, downloadReport, listReports, type Report } from '../../api/reports';
import { useCampaign } from '../../app/campaign';
import { pageOf } from '../../app/pageAccess';
import { useSession } from '../../app/session';
import { Loaded } from '../../components/Loaded';
import { PageContainer } from '../../components/PageContainer';
import { StatusTag } from '../../components/watch/StatusTag';
import { errorText } from '../../components/problems';
import { cityLabel } from '../../domainLabels';
import { formatDate, formatInstant } from '../../format';
import { currentLang, tr } from '../../labels';

const KIND_LABELS: Record<Report['kind'], () => string> = {
  self_check_table: () => tr('自查自纠汇总表', 'Self-check summary table'),
  investigation_table: () => tr('排查汇总表', 'Investigation summary table'),
  province_table: () => tr('全省汇总表', 'Province summary table'),
  city_work_report: () => tr('排查工作报告', 'City work report'),
  province_work_report: () => tr('专项治理工作报告', 'Province work report'),
  progress_notice: () => tr('自查自纠进展情况通报', 'Progress notice'),
};

function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export default function ReportsPage() {
  const title = pageOf('reports').title;
  const { campaignId } = useCampaign();
  const { user } = useSession();
  const { message } = App.useApp();
  const [kind, setKind] = useState<Report['kind']>();
  const [city, setCity] = useState<string>();
  const reports = useQuery({ queryKey: ['reports', campaignId], queryFn: () => listReports(campaignId), enabled: campaignId !== undefined });

  const download = useMutation({
    mutationFn: downloadReport,
    onSuccess: (name) => void message.success(tr(`已下载：${name}`, `Downloaded: ${name}`)),
    onError: (err) => void message.error(errorText(err)),
  });

  const columns: ColumnsType<Report> = [
    {
      key: 'kind',
      title: tr('报表', 'Report'),
      width: 200,
      render: (_, r) => (
        <Space size={4} wrap>
          {KIND_LABELS[r.kind]()}
          {copyFor(user, r).masked && (
            <Tooltip title={tr('您获得的是脱敏副本：身份证号和姓名已部分隐藏。', 'You get the masked copy: ID numbers and names partly hidden.')}>
              <StatusTag tone="info">{tr('脱敏副本', 'Masked copy')}</StatusTag>
            </Tooltip>
          )}
        </Space>
      ),
    },
    { key: 'city', title: tr('市（州）', 'City'), width: 130, render: (_, r) => (r.cityCode ? cityLabel(r.cityCode) : tr('全省', 'Province')) },
    { key: 'version', title: tr('版本', 'Version'), width: 70, render: (_, r) => `v${r.version}` },
    { key: 'asOf', title: tr('数据截至', 'Figures as of'), width: 140, render: (_, r) => formatDate(r.asOfDate) },
    { key: 'created', title: tr('生成时间', 'Produced'), width: 160, render: (_, r) => <span data-testid="produced-at">{formatInstant(r.createdAt)}</span> },
    {
      key: 'file',
      title: tr('文件名', 'File name'),
      width: 300,
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <span data-testid="file-name">{copyFor(user, r).fileName}</span>
          <Typography.Text type="secondary">
            {r.format.toUpperCase()} · {sizeText(r.byteSize)}
          </Typography.Text>
        </Space>
      ),
    },
    {
      key: 'download',
      title: tr('操作', 'Action'),
      width: 100,
      fixed: 'right',
      render: (_, r) => (
        <Button
          icon={<DownloadOutlined />}
          loading={download.isPending && download.variables?.reportId === r.reportId}
          onClick={() => download.mutate(r)}
          aria-label={tr(`下载 ${copyFor(user, r).fileName}`, `Download ${copyFor(user, r).fileName}`)}
        >
          {tr('下载', 'Download')}
        </Button>
      ),
    },
  ];

  return (
    <PageContainer title={currentLang() === 'zh' ? title.zh : title.en}>
      {!campaignId ? (
        <Empty description={tr('暂无专项行动。', 'No campaign yet.')} />
      ) : (
        <Loaded query={reports}>
          {(items) => {
            const cities = [...new Set(items.map((r) => r.cityCode).filter((c): c is string => c !== null))].sort();
            const shown = items.filter((r) => (!kind || r.kind === kind) && (!city || (city === 'province' ? r.cityCode === null : r.cityCode === city)));
            return (
              <>
                <Form layout="inline" className="section" name="reportFilters" role="search" aria-label={tr('筛选报表', 'Filter reports')}>
                  <Form.Item label={tr('报表类型', 'Kind')} htmlFor="report-kind">
                    <Select
                      id="report-kind"
                      allowClear
                      placeholder={tr('全部', 'All')}
                      style={{ width: 200 }}
                      value={kind}
                      onChange={(v?: Report['kind']) => setKind(v)}
                      options={(Object.keys(KIND_LABELS) as Report['kind'][]).map((k) => ({ value: k, label: KIND_LABELS[k]() }))}
                    />
                  </Form.Item>
                  {cities.length > 0 && (
                    <Form.Item label={tr('市（州）', 'City')} htmlFor="report-city">
                      <Select
                        id="report-city"
                        allowClear
                        placeholder={tr('全部', 'All')}
                        style={{ width: 170 }}
                        value={city}
                        onChange={(v?: string) => setCity(v)}
                        options={[{ value: 'province', label: tr('全省', 'Province') }, ...cities.map((c) => ({ value: c, label: cityLabel(c) }))]}
                      />
                    </Form.Item>
                  )}
                </Form>
                <Table<Report>
                  rowKey="reportId"
                  className="reports-table"
                  columns={columns}
                  dataSource={shown}
                  scroll={{ x: 'max-content' }}
                  locale={{
                    emptyText: (
                      <Empty
                        image={Empty.PRESENTED_IMAGE_SIMPLE}
                        description={
                          items.length === 0
                            ? tr('暂无报表：报表在各阶段截止或报送后自动生成。', 'No report yet: reports are produced at each phase’s deadline or submission.')
                            : tr('没有符合筛选条件的报表', 'No report matches these filters')
                        }
                      />
                    ),
                  }}
                  pagination={{ pageSize: 20, placement: ['topEnd', 'bottomEnd'], hideOnSinglePage: true, showTotal: (n) => tr(`共 ${n} 份`, `${n} reports`) }}
                />
              </>
            );
          }}
        </Loaded>
      )}
    </PageContainer>
  );
}
