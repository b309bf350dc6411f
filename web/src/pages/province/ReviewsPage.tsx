/**
 * The province reviews each city's submitted 汇总表: every version waiting for review with the
 * figures frozen when it was submitted, the city's own words and the files rendered from it,
 * beside 通过 and 退回 (a return needs its reason). Below, the versions already reviewed.
 */
import { CheckOutlined, RollbackOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Empty, Flex, Form, Input, Modal, Popconfirm, Select, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { getCampaign } from '../../api/campaigns';
import { newIdempotencyKey } from '../../api/http';
import { downloadReport } from '../../api/imports';
import { listSubmissions, reviewSubmission, type CitySubmission } from '../../api/submissions';
import { useCampaign } from '../../app/campaign';
import { pageOf } from '../../app/pageAccess';
import { Loaded } from '../../components/Loaded';
import { PageContainer } from '../../components/PageContainer';
import { errorText, showProblemInForm } from '../../components/problems';
import { num } from '../../components/province/batches';
import { DownloadButton } from '../../components/province/DownloadButton';
import { cityLabel, penaltyLabel } from '../../domainLabels';
import { formatInstant } from '../../format';
import { currentLang, tr, tv } from '../../labels';
import { type Tone, ToneTag } from '../../components/ToneTag';
import '../../components/province/province.css';
import { useSession } from '../../app/session';
import { ReviewPartTags, SignoffTags } from '../../components/submissions/Signoffs';

type Row = CitySubmission & { cityCode: string };

const STATUS_TONE: Record<CitySubmission['status'], Tone> = { signing: 'busy', submitted: 'busy', approved: 'good', returned: 'warn' };

function kindLabel(kind: CitySubmission['kind']): string {
  return tv('kind', kind);
}

function versionName(s: Row): string {
  return tr(`${cityLabel(s.cityCode)} · ${kindLabel(s.kind)} 第 ${s.version} 版`, `${cityLabel(s.cityCode)} · ${kindLabel(s.kind)} v${s.version}`);
}

/** The figures the city's version froze, in the words of the summary table. */
function figureItems(f: CitySubmission['figures']): { key: string; label: string; children: string }[] {
  const items: { key: string; label: string; children: string }[] = [];
  for (const [k, n] of Object.entries(f.declarations ?? {})) {
    items.push({ key: `decl-${k}`, label: `${tr('自查自纠申报', 'Declarations')}：${tv('correction', k)}`, children: num(n) });
  }
  if (f.deregistrations) {
    items.push(
      { key: 'dereg-requests', label: tr('注销申请', 'Deregistration requests'), children: num(f.deregistrations.requests) },
      { key: 'dereg-processed', label: tr('注销已办理', 'Deregistrations processed'), children: num(f.deregistrations.processed) },
      { key: 'dereg-late', label: tr('注销超时限', 'Past the time limit'), children: num(f.deregistrations.over_limit) },
    );
  }
  if (f.cases) {
    items.push(
      { key: 'cases-total', label: tr('核查案件', 'Cases'), children: num(f.cases.total) },
      { key: 'cases-violations', label: tr('确认挂证', 'Confirmed hanging'), children: num(f.cases.violations) },
      { key: 'cases-exempt', label: tr('自查自纠期间整改（不予追究）', 'Corrected during self-check (exempt)'), children: num(f.cases.exempt) },
      { key: 'cases-open', label: tr('尚未办结', 'Still open'), children: num(f.cases.open) },
      { key: 'cases-carried', label: tr('结转', 'Carried over'), children: num(f.cases.carried_over) },
    );
  }
  for (const [k, n] of Object.entries(f.penalties ?? {})) {
    items.push({ key: `pen-${k}`, label: `${tr('处理措施', 'Penalty')}：${penaltyLabel(k)}`, children: num(n) });
  }
  return items;
}

function Files({ s }: { s: Row }) {
  if (s.files.length === 0)
    return <Typography.Text className="hint">{tr('文件正在生成，稍后刷新', 'The files are being rendered; refresh shortly')}</Typography.Text>;
  return (
    <Flex gap={8} wrap>
      {s.files.map((f) => (
        <DownloadButton
          key={f.reportId}
          size="small"
          download={() => downloadReport(f.reportId, f.fileName)}
          label={tr(`下载 ${f.fileName}`, `Download ${f.fileName}`)}
        >
          {f.fileName}
        </DownloadButton>
      ))}
    </Flex>
  );
}

interface ReturnValues {
  comments: string;
}

function ReviewActions({ s, campaignId, onReviewed }: { s: Row; campaignId: string; onReviewed: () => Promise<void> }) {
  const { message } = App.useApp();
  const { role } = useSession().user;
  // Issue 21: 省住建厅 reviews 住建's part, 省人社厅 人社's; a version from before the co-signature is 住建's alone.
  const part = role === 'province_hr_coordinator' ? 'hr' : 'housing';
  const partName = part === 'hr' ? tr('人社部分', 'HR part') : tr('住建部分', 'housing part');
  const mine = s.reviewParts.find((p) => p.department === part);
  const cosigned = s.signoffs.length > 0;
  const [form] = Form.useForm<ReturnValues>();
  const [returning, setReturning] = useState(false);
  const [busy, setBusy] = useState<'approve' | 'return'>();
  const [failure, setFailure] = useState<string[]>([]);

  async function review(decision: 'approve' | 'return', comments?: string): Promise<boolean> {
    setBusy(decision);
    setFailure([]);
    try {
      await reviewSubmission(campaignId, s.cityCode, s.kind, s.version, comments ? { decision, comments } : { decision }, newIdempotencyKey());
      void message.success(
        decision === 'approve'
          ? tr(`已通过：${versionName(s)}`, `Approved: ${versionName(s)}`)
          : tr(`已退回：${versionName(s)}`, `Returned: ${versionName(s)}`),
      );
      await onReviewed();
      return true;
    } catch (err) {
      setFailure(decision === 'return' ? showProblemInForm(form, err) : [errorText(err)]);
      return false;
    } finally {
      setBusy(undefined);
    }
  }

  if (mine?.decision === 'approve') {
    return (
      <Alert
        type="success"
        showIcon
        data-testid="part-approved"
        title={tr(
          `本部门已审核通过（${partName}），待另一部门审核`,
          `Your department approved its part (${partName}); the other department's review is awaited`,
        )}
      />
    );
  }
  if (!cosigned && part === 'hr') {
    return (
      <Alert
        type="info"
        showIcon
        title={tr('此版报送未经两部门会签，由省住建厅审核', 'This version predates the co-signature: the housing department reviews it')}
      />
    );
  }
  return (
    <>
      {failure.length > 0 && !returning && (
        <Alert type="error" showIcon role="alert" className="form-alert" title={tr('审核未完成', 'Not reviewed')} description={failure.join('；')} />
      )}
      <Flex gap={8}>
        <Popconfirm
          title={tr('确认通过该汇总表？', 'Approve this submission?')}
          okText={tr('通过', 'Approve')}
          cancelText={tr('取消', 'Cancel')}
          onConfirm={() => void review('approve')}
        >
          <Button type="primary" icon={<CheckOutlined aria-hidden />} loading={busy === 'approve'} disabled={busy === 'return'}>
            {cosigned ? tr(`通过（${partName}）`, `Approve (${partName})`) : tr('通过', 'Approve')}
          </Button>
        </Popconfirm>
        <Button icon={<RollbackOutlined aria-hidden />} onClick={() => setReturning(true)} disabled={busy !== undefined}>
          {tr('退回', 'Return')}
        </Button>
      </Flex>
      <Modal
        open={returning}
        title={tr(`退回：${versionName(s)}`, `Return: ${versionName(s)}`)}
        okText={tr('确认退回', 'Return it')}
        cancelText={tr('取消', 'Cancel')}
        confirmLoading={busy === 'return'}
        onOk={() => form.submit()}
        onCancel={() => {
          setReturning(false);
          setFailure([]);
        }}
        destroyOnHidden
      >
        <Form<ReturnValues>
          form={form}
          name={`return-${s.cityCode}-${s.kind}-${s.version}`}
          layout="vertical"
          onFinish={(v) => {
            void review('return', v.comments.trim()).then((done) => done && setReturning(false));
          }}
        >
          <Form.Item
            label={tr('退回理由', 'Reason')}
            name="comments"
            extra={<span className="hint">{tr('市（州）将看到此意见，并据此修改后重新报送', 'The city sees it and resubmits accordingly')}</span>}
            rules={[
              { required: true, whitespace: true, message: tr('退回须填写理由', 'A return needs its reason') },
              { max: 5000, message: tr('理由最多 5000 个字', 'At most 5000 characters') },
            ]}
          >
            <Input.TextArea rows={4} />
          </Form.Item>
          {failure.length > 0 && <Alert type="error" showIcon role="alert" title={tr('未能退回', 'Not returned')} description={failure.join('；')} />}
        </Form>
      </Modal>
    </>
  );
}

function Pending({ s, campaignId, onReviewed }: { s: Row; campaignId: string; onReviewed: () => Promise<void> }) {
  const figures = figureItems(s.figures);
  return (
    <Card
      className="form-card"
      title={versionName(s)}
      extra={s.late ? <ToneTag tone="warn">{tr('逾期报送', 'Late')}</ToneTag> : <ToneTag tone="good">{tr('按时报送', 'On time')}</ToneTag>}
      data-testid="pending-submission"
      data-submission={`${s.cityCode}/${s.kind}/${s.version}`}
    >
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'at', label: tr('报送时间', 'Submitted'), children: formatInstant(s.submittedAt) },
          { key: 'by', label: tr('报送人', 'By'), children: s.submittedBy },
          { key: 'signoffs', label: tr('两部门会签', 'Sign-offs'), children: <SignoffTags s={s} />, span: 2 },
          { key: 'parts', label: tr('分部门审核', 'Reviews by department'), children: <ReviewPartTags s={s} />, span: 2 },
          ...(s.summary ? [{ key: 'summary', label: tr('工作说明', 'Summary'), children: s.summary, span: 2 }] : []),
          ...(s.carriedOver.length > 0 ? [{ key: 'carried', label: tr('结转案件', 'Carried over'), children: num(s.carriedOver.length) }] : []),
        ]}
      />
      <Typography.Title level={3} className="card-subtitle">
        {tr('报送数据', 'Figures')}
      </Typography.Title>
      {figures.length > 0 ? (
        <Descriptions bordered size="small" column={{ xs: 1, md: 3 }} items={figures} data-testid="submission-figures" />
      ) : (
        <Typography.Text className="hint">{tr('该版本未附数据', 'No figures in this version')}</Typography.Text>
      )}
      <Typography.Title level={3} className="card-subtitle">
        {tr('报送文件', 'Files')}
      </Typography.Title>
      <Files s={s} />
      <div className="review-actions">
        <ReviewActions s={s} campaignId={campaignId} onReviewed={onReviewed} />
      </div>
    </Card>
  );
}

function History({ rows }: { rows: Row[] }) {
  const columns: ColumnsType<Row> = [
    { title: tr('市（州）', 'City'), key: 'city', width: 140, render: (_, s) => cityLabel(s.cityCode) },
    { title: tr('报送材料', 'Report'), key: 'kind', width: 180, render: (_, s) => kindLabel(s.kind) },
    { title: tr('版本', 'Version'), key: 'version', width: 70, render: (_, s) => tr(`第 ${s.version} 版`, `v${s.version}`) },
    {
      title: tr('审核结果', 'Result'),
      key: 'status',
      width: 100,
      render: (_, s) => (
        <ToneTag tone={STATUS_TONE[s.status]} testId="review-status">
          {tv('subStatus', s.status)}
        </ToneTag>
      ),
    },
    { title: tr('审核意见', 'Comments'), key: 'comments', width: 240, render: (_, s) => s.comments ?? '' },
    { title: tr('审核时间', 'Reviewed'), key: 'reviewedAt', width: 150, render: (_, s) => formatInstant(s.reviewedAt) },
    { title: tr('报送时间', 'Submitted'), key: 'submittedAt', width: 150, render: (_, s) => formatInstant(s.submittedAt) },
    { title: tr('文件', 'Files'), key: 'files', width: 260, render: (_, s) => <Files s={s} /> },
  ];
  return (
    <Table<Row>
      rowKey={(s) => `${s.cityCode}/${s.kind}/${s.version}`}
      size="small"
      columns={columns}
      dataSource={rows}
      scroll={{ x: 'max-content' }}
      pagination={{ placement: ['topEnd', 'bottomEnd'], pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
      locale={{ emptyText: <span className="hint">{tr('尚无审核记录', 'Nothing reviewed yet')}</span> }}
      data-testid="review-history"
    />
  );
}

function ReviewsPage() {
  const title = pageOf('reviews').title;
  const { campaign } = useCampaign();
  const queryClient = useQueryClient();
  const [city, setCity] = useState<string>('all');
  const campaignId = campaign?.id;
  const queryKey = ['submissions', campaignId] as const;
  const submissions = useQuery({
    queryKey,
    enabled: campaignId !== undefined,
    queryFn: async (): Promise<{ cities: string[]; rows: Row[] }> => {
      const c = await getCampaign(campaignId!);
      const perCity = await Promise.all(c.cities.map(async (code) => (await listSubmissions(c.id, code)).map((s) => ({ ...s, cityCode: code }))));
      return { cities: c.cities, rows: perCity.flat() };
    },
  });
  const onReviewed = () => queryClient.invalidateQueries({ queryKey });

  return (
    <PageContainer title={currentLang() === 'zh' ? title.zh : title.en}>
      {!campaignId ? (
        <Empty
          description={tr(
            '暂无专项行动：发起行动后，各市（州）报送的汇总表在此审核',
            'No campaign yet: the cities’ submissions are reviewed here once one runs',
          )}
        />
      ) : (
        <Loaded query={submissions}>
          {({ cities, rows }) => {
            const shown = rows.filter((s) => city === 'all' || s.cityCode === city);
            const pending = shown.filter((s) => s.status === 'submitted').sort((a, b) => a.submittedAt.localeCompare(b.submittedAt));
            // A version waiting for 人社's signature has not reached the province yet.
            const reviewed = shown
              .filter((s) => s.status !== 'submitted' && s.status !== 'signing')
              .sort((a, b) => (b.reviewedAt ?? '').localeCompare(a.reviewedAt ?? ''));
            return (
              <>
                <Flex gap={8} align="center" className="form-card" wrap>
                  <label htmlFor="review-city">{tr('市（州）', 'City')}</label>
                  <Select
                    id="review-city"
                    value={city}
                    onChange={setCity}
                    popupMatchSelectWidth={false}
                    options={[{ value: 'all', label: tr('全部市（州）', 'Every city') }, ...cities.map((c) => ({ value: c, label: cityLabel(c) }))]}
                  />
                  <Typography.Text className="hint">{tr(`待审核 ${pending.length} 份`, `${pending.length} waiting`)}</Typography.Text>
                </Flex>
                <Typography.Title level={2} className="section-title">
                  {tr('待审核', 'Waiting for review')}
                </Typography.Title>
                {pending.length === 0 ? (
                  <Empty className="form-card" description={tr('没有待审核的汇总表', 'Nothing waits for review')} />
                ) : (
                  pending.map((s) => <Pending key={`${s.cityCode}/${s.kind}/${s.version}`} s={s} campaignId={campaignId} onReviewed={onReviewed} />)
                )}
                <Typography.Title level={2} className="section-title">
                  {tr('审核记录', 'Reviewed')}
                </Typography.Title>
                <History rows={reviewed} />
              </>
            );
          }}
        </Loaded>
      )}
    </PageContainer>
  );
}

export default ReviewsPage;
