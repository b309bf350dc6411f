/**
 * 自查自纠名单 (issue 21 items 3–4): a city's flagged persons and their registration units from its
 * current screening, the 自查自纠告知书 of each unit (.docx), and the re-screenings on fresh data with
 * what each changed per person. A city officer sees their city; the province coordinator chooses one.
 * Persons are shown as the API answers them (masked for the roles it masks for).
 */
import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, Empty, Flex, Select, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { cityName, JILIN_CITIES } from '../../../../domain/cities';
import { downloadUnitNotice, getSelfCheckList, listRescreens, rescreenChanges, type Rescreen, type RescreenChange } from '../../api/selfCheck';
import { useCampaign } from '../../app/campaign';
import { useSession } from '../../app/session';
import { cityTitle, emptyTable, pageTitle } from '../../components/city/CityScope';
import '../../components/city/city.css';
import { Loaded } from '../../components/Loaded';
import { PageContainer } from '../../components/PageContainer';
import { errorText } from '../../components/problems';
import { flagLabel } from '../../domainLabels';
import { formatInstant } from '../../format';
import { tr, tv } from '../../labels';

const CHANGE_LABELS: Record<RescreenChange['change'], string> = {
  newly_flagged: '新增疑似',
  no_longer_flagged: '不再疑似',
  reasons_changed: '疑似原因变化',
};
const TRIGGER_LABELS: Record<Rescreen['trigger'], string> = { new_snapshot: '新数据快照', investigation_start: '核查开始', monthly: '按月复筛' };
const MODE_LABELS: Record<Rescreen['mode'], string> = { diff: '仅比对变化人员', full: '全量比对', unchanged: '数据无变化' };

const reasonTags = (codes: readonly string[]) => (
  <Flex gap={4} wrap>
    {codes.map((c) => (
      <Tag key={c}>{flagLabel(c)}</Tag>
    ))}
  </Flex>
);

function FlaggedList({ campaignId, cityCode }: { campaignId: string; cityCode: string }) {
  const { message } = App.useApp();
  const [downloading, setDownloading] = useState<string>();
  const list = useQuery({ queryKey: ['self-check-list', campaignId, cityCode], queryFn: () => getSelfCheckList(campaignId, cityCode) });

  async function download(unitKey: string): Promise<void> {
    setDownloading(unitKey);
    try {
      await downloadUnitNotice(campaignId, cityCode, unitKey);
    } catch (err) {
      void message.error(errorText(err));
    } finally {
      setDownloading(undefined);
    }
  }

  return (
    <Loaded query={list}>
      {(l) =>
        l.runId === null ? (
          <Empty description={tr('本市（州）尚未完成筛查', 'The city has not been screened yet')} />
        ) : (
          <>
            <Typography.Paragraph className="hint">
              {tr(
                `筛查时间 ${formatInstant(l.screenedAt)}：疑似人员 ${l.personsFlagged} 人，涉及注册单位 ${l.unitsFlagged} 家。`,
                `Screened ${formatInstant(l.screenedAt)}: ${l.personsFlagged} persons, ${l.unitsFlagged} units.`,
              )}
            </Typography.Paragraph>
            <Card size="small" className="section" title={tr('涉及单位', 'Units')}>
              <Table
                rowKey="unitKey"
                size="small"
                dataSource={l.units}
                pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
                locale={{ emptyText: emptyTable(tr('没有涉及的单位', 'No unit')) }}
                data-testid="self-check-units"
                columns={[
                  { key: 'name', title: tr('单位名称', 'Unit'), dataIndex: 'unitName' },
                  { key: 'code', title: tr('统一社会信用代码', 'Credit code'), render: (_v, u) => <span className="mono">{u.unitCode ?? ''}</span> },
                  { key: 'staff', title: tr('疑似人员数', 'Flagged staff'), dataIndex: 'staff', align: 'right' },
                  {
                    key: 'notice',
                    title: tr('告知书', 'Notice'),
                    render: (_v, u) => (
                      <Button
                        size="small"
                        icon={<DownloadOutlined aria-hidden />}
                        loading={downloading === u.unitKey}
                        aria-label={tr(`下载告知书：${u.unitName}`, `Download the notice: ${u.unitName}`)}
                        onClick={() => void download(u.unitKey)}
                      >
                        {tr('下载告知书', 'Download notice')}
                      </Button>
                    ),
                  },
                ]}
              />
            </Card>
            <Card size="small" className="section" title={tr('疑似人员', 'Flagged persons')}>
              <Table
                rowKey="idNumber"
                size="small"
                dataSource={l.persons}
                scroll={{ x: 'max-content' }}
                pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
                locale={{ emptyText: emptyTable(tr('没有疑似人员', 'Nobody flagged')) }}
                data-testid="self-check-persons"
                columns={[
                  { key: 'id', title: tr('身份证号', 'ID number'), render: (_v, p) => <span className="mono">{p.idNumber}</span> },
                  { key: 'name', title: tr('姓名', 'Name'), dataIndex: 'name' },
                  { key: 'reasons', title: tr('疑似原因', 'Reasons'), render: (_v, p) => reasonTags(p.reasons) },
                  { key: 'risk', title: tr('风险分', 'Risk'), dataIndex: 'riskScore', align: 'right' },
                  { key: 'units', title: tr('注册单位', 'Registration units'), render: (_v, p) => p.units.map((u) => u.unitName).join('、') },
                  { key: 'declared', title: tr('自查申报', 'Declared'), render: (_v, p) => (p.declared ? tr('已申报', 'Yes') : tr('未申报', 'No')) },
                ]}
              />
            </Card>
          </>
        )
      }
    </Loaded>
  );
}

function RescreenChanges({ campaignId, cityCode, rescreen }: { campaignId: string; cityCode: string; rescreen: Rescreen }) {
  const changes = useQuery({
    queryKey: ['rescreen-changes', campaignId, cityCode, rescreen.id],
    queryFn: () => rescreenChanges(campaignId, cityCode, rescreen.id),
  });
  return (
    <Card size="small" className="section" title={tr(`第 ${rescreen.id} 次复筛的变化`, `Changes of re-screening ${rescreen.id}`)}>
      <Loaded query={changes}>
        {(items) => (
          <Table<RescreenChange>
            rowKey={(c) => `${c.change}-${c.idNumber}`}
            size="small"
            dataSource={items}
            scroll={{ x: 'max-content' }}
            pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
            locale={{ emptyText: emptyTable(tr('这次复筛没有人员变化', 'Nobody changed')) }}
            data-testid="rescreen-changes"
            columns={[
              { key: 'change', title: tr('变化', 'Change'), render: (_v, c) => tr(CHANGE_LABELS[c.change], c.change) },
              { key: 'id', title: tr('身份证号', 'ID number'), render: (_v, c) => <span className="mono">{c.idNumber}</span> },
              { key: 'name', title: tr('姓名', 'Name'), render: (_v, c) => c.name ?? '' },
              { key: 'before', title: tr('原疑似原因', 'Reasons before'), render: (_v, c) => reasonTags(c.reasonsBefore) },
              { key: 'after', title: tr('现疑似原因', 'Reasons after'), render: (_v, c) => reasonTags(c.reasonsAfter) },
              {
                key: 'case',
                title: tr('案件（复筛不关闭案件）', 'Case (never closed by it)'),
                render: (_v, c) =>
                  c.caseId ? (
                    <Link to={`/cases/${encodeURIComponent(c.caseId)}`}>
                      {c.caseId}
                      {c.caseStatus ? `（${tv('caseStatus', c.caseStatus)}）` : ''}
                    </Link>
                  ) : (
                    ''
                  ),
              },
            ]}
          />
        )}
      </Loaded>
    </Card>
  );
}

function Rescreens({ campaignId, cityCode }: { campaignId: string; cityCode: string }) {
  const [chosen, setChosen] = useState<Rescreen>();
  const rescreens = useQuery({ queryKey: ['rescreens', campaignId, cityCode], queryFn: () => listRescreens(campaignId, cityCode) });
  return (
    <Card
      size="small"
      className="section"
      title={
        <Typography.Title level={2} className="card-title">
          {tr('重新比对', 'Re-screenings')}
        </Typography.Title>
      }
    >
      <Loaded query={rescreens}>
        {(items) => (
          <Table<Rescreen>
            rowKey="id"
            size="small"
            dataSource={items}
            scroll={{ x: 'max-content' }}
            pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
            locale={{ emptyText: emptyTable(tr('尚无重新比对：省级加入新数据快照后，各市（州）自动复筛', 'No re-screening yet')) }}
            data-testid="rescreens"
            columns={[
              { key: 'at', title: tr('时间', 'When'), render: (_v, r) => formatInstant(r.at) },
              { key: 'trigger', title: tr('原因', 'Trigger'), render: (_v, r) => tr(TRIGGER_LABELS[r.trigger], r.trigger) },
              { key: 'snapshot', title: tr('数据快照', 'Snapshot'), render: (_v, r) => `${r.fromSnapshotId} → ${r.toSnapshotId}` },
              { key: 'mode', title: tr('方式', 'Mode'), render: (_v, r) => tr(MODE_LABELS[r.mode], r.mode) },
              { key: 'new', title: tr('新增疑似', 'Newly flagged'), dataIndex: 'newlyFlagged', align: 'right' },
              { key: 'gone', title: tr('不再疑似', 'No longer flagged'), dataIndex: 'noLongerFlagged', align: 'right' },
              { key: 'changed', title: tr('原因变化', 'Reasons changed'), dataIndex: 'reasonsChanged', align: 'right' },
              { key: 'cases', title: tr('新开案件', 'Cases opened'), dataIndex: 'casesOpened', align: 'right' },
              {
                key: 'show',
                title: tr('操作', 'Actions'),
                render: (_v, r) => (
                  <Button size="small" onClick={() => setChosen(r)} aria-label={tr(`查看变化（第 ${r.id} 次复筛）`, `Changes (re-screening ${r.id})`)}>
                    {tr('查看变化', 'Changes')}
                  </Button>
                ),
              },
            ]}
          />
        )}
      </Loaded>
      {chosen && <RescreenChanges campaignId={campaignId} cityCode={cityCode} rescreen={chosen} />}
    </Card>
  );
}

export default function SelfCheckListPage() {
  const { campaignId } = useCampaign();
  const own = useSession().user.cityCode ?? undefined;
  const [picked, setPicked] = useState<string>(JILIN_CITIES[0].code);
  const cityCode = own ?? picked;
  return (
    <PageContainer title={cityTitle(pageTitle('selfCheckList'), cityName(cityCode))}>
      {!own && (
        <Flex gap={8} align="center" className="section">
          <Typography.Text id="self-check-city">{tr('市（州）', 'City')}</Typography.Text>
          <Select
            aria-labelledby="self-check-city"
            value={picked}
            onChange={setPicked}
            style={{ minWidth: 200 }}
            options={JILIN_CITIES.map((c) => ({ value: c.code, label: c.name }))}
          />
        </Flex>
      )}
      {campaignId ? (
        <>
          <FlaggedList key={`list-${cityCode}`} campaignId={campaignId} cityCode={cityCode} />
          <Rescreens key={`rescreens-${cityCode}`} campaignId={campaignId} cityCode={cityCode} />
        </>
      ) : (
        <Empty description={tr('暂无专项行动', 'No campaign yet')} />
      )}
    </PageContainer>
  );
}
