/**
 * The city's reports to the province: for the self-check summary (自查自纠汇总表) and the
 * investigation report (排查工作报告及汇总表), the deadline and how far it is, every version
 * submitted (on time or late, its review status and comments, the files rendered from it to
 * download) and, while nothing awaits review, the form to submit (again). An investigation report
 * refused because cases are still open says so, with a link to those cases in the worklist.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Empty, Flex, Form, Input, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { getCity } from '../../api/campaigns';
import { countCases } from '../../api/cases';
import { ApiError, newIdempotencyKey } from '../../api/http';
import { downloadReport, listSubmissions, submitReport, type Submission } from '../../api/intake';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageContainer } from '../../components/PageContainer';
import { errorText } from '../../components/problems';
import { CityScope, cityTitle, pageTitle, useCityScope } from '../../components/city/CityScope';
import { freeRule, trimmed, TAG_COLOR } from '../../components/city/cityText';
import '../../components/city/city.css';
import { worklistPath, worklistSearch } from '../../components/city/worklistState';
import { penaltyLabel } from '../../domainLabels';
import { useSession } from '../../app/session';
import { ReviewPartTags, SignButton, SignoffTags } from '../../components/submissions/Signoffs';
import { formatDate, formatInstant } from '../../format';
import { tr, tv } from '../../labels';

type Kind = Submission['kind'];
type Deadline = Awaited<ReturnType<typeof getCity>>['deadlines'][number];

const KINDS: { kind: Kind; phase: string; title: () => string }[] = [
  { kind: 'self_check', phase: 'selfCheck', title: () => tr('自查自纠汇总表', 'Self-check summary') },
  { kind: 'investigation', phase: 'investigation', title: () => tr('排查工作报告及汇总表', 'Investigation report and summary table') },
];

const OPEN_CASES = worklistPath(worklistSearch({ status: 'open', sort: 'risk', page: 1, pageSize: 20 }));

/** Whether the API refused the report because cases are still open (the city workflow's OpenCases). */
const refusedForOpenCases = (err: unknown) => err instanceof ApiError && err.problem.code === 'rejected' && /未办结/.test(err.problem.detail ?? '');

function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

function span(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  return days > 0 ? tr(`${days}天${hours}小时`, `${days} d ${hours} h`) : tr(`${hours}小时${minutes % 60}分`, `${hours} h ${minutes % 60} min`);
}

function DeadlineLine({ deadline }: { deadline: Deadline | undefined }) {
  const now = useNow(60_000);
  if (!deadline) return null;
  const due = Date.parse(deadline.dueAt);
  return (
    <Flex gap={8} align="center" wrap className="section" data-testid="deadline">
      <Typography.Text>{tr(`截止日期：${formatDate(deadline.dueDate)}`, `Due: ${deadline.dueDate}`)}</Typography.Text>
      {deadline.metAt ? (
        <Tag color={TAG_COLOR.green}>{tr('已报送', 'Submitted')}</Tag>
      ) : due > now ? (
        <Tag color={TAG_COLOR.blue} data-testid="countdown">
          {tr(`距截止 ${span(due - now)}`, `${span(due - now)} left`)}
        </Tag>
      ) : (
        <Tag color={TAG_COLOR.red} data-testid="countdown">
          {tr(`已逾期 ${span(now - due)}`, `${span(now - due)} overdue`)}
        </Tag>
      )}
    </Flex>
  );
}

function Figures({ s }: { s: Submission }) {
  const f = s.figures;
  const items = [
    ...(f.cases
      ? [
          { key: 'total', label: tr('案件总数', 'Cases'), children: f.cases.total },
          { key: 'open', label: tr('未办结', 'Open'), children: f.cases.open },
          { key: 'carried', label: tr('结转办理', 'Carried over'), children: f.cases.carried_over },
          { key: 'violations', label: tr('确认挂证', 'Violations'), children: f.cases.violations },
          { key: 'exempt', label: tr('自查整改免责', 'Exempt'), children: f.cases.exempt },
        ]
      : []),
    ...Object.entries(f.declarations ?? {}).map(([k, n]) => ({ key: `d-${k}`, label: tr(`申报：${tv('correction', k)}`, `Declared: ${k}`), children: n })),
    ...(f.deregistrations
      ? [
          { key: 'dr', label: tr('注销申请', 'Deregistration requests'), children: f.deregistrations.requests },
          { key: 'dp', label: tr('已办结注销', 'Processed'), children: f.deregistrations.processed },
          { key: 'do', label: tr('超时限', 'Over the limit'), children: f.deregistrations.over_limit },
        ]
      : []),
    ...Object.entries(f.penalties ?? {}).map(([k, n]) => ({ key: `p-${k}`, label: penaltyLabel(k), children: n })),
  ];
  return (
    <>
      {s.summary && (
        <Typography.Paragraph className="prewrap">
          <Typography.Text type="secondary">{tr('工作说明：', 'Summary: ')}</Typography.Text>
          {s.summary}
        </Typography.Paragraph>
      )}
      {items.length > 0 ? (
        <Descriptions size="small" bordered column={{ xs: 1, sm: 2, md: 3, lg: 4, xl: 4, xxl: 4 }} items={items} />
      ) : (
        <Typography.Text type="secondary">{tr('该版本没有统计数据', 'No figures in this version')}</Typography.Text>
      )}
    </>
  );
}

function Versions({ items }: { items: Submission[] }) {
  const { message } = App.useApp();
  if (items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={tr('尚未报送', 'Not submitted yet')} />;
  const download = (file: Submission['files'][number]) =>
    void downloadReport(file).catch((err: unknown) => void message.error(tr(`下载失败：${errorText(err)}`, `Download failed: ${errorText(err)}`)));
  return (
    <Table<Submission>
      rowKey="version"
      size="small"
      pagination={false}
      scroll={{ x: 'max-content' }}
      dataSource={[...items].reverse()}
      expandable={{ expandedRowRender: (s) => <Figures s={s} />, expandRowByClick: false }}
      columns={[
        { key: 'v', title: tr('版本', 'Version'), render: (_v, s) => `v${s.version}` },
        { key: 'at', title: tr('报送时间', 'Submitted'), render: (_v, s) => formatInstant(s.submittedAt) },
        { key: 'by', title: tr('报送人', 'By'), dataIndex: 'submittedBy' },
        {
          key: 'late',
          title: tr('是否按时', 'On time'),
          render: (_v, s) => (s.late ? <Tag color={TAG_COLOR.red}>{tr('逾期', 'Late')}</Tag> : <Tag>{tr('按时', 'On time')}</Tag>),
        },
        {
          key: 'status',
          title: tr('审核状态', 'Review'),
          render: (_v, s) => (
            <Tag
              color={
                s.status === 'approved' ? TAG_COLOR.green : s.status === 'returned' ? TAG_COLOR.red : s.status === 'signing' ? TAG_COLOR.orange : TAG_COLOR.blue
              }
              data-testid="submission-status"
            >
              {tv('subStatus', s.status)}
            </Tag>
          ),
        },
        { key: 'signoffs', title: tr('两部门会签', 'Sign-offs'), render: (_v, s) => <SignoffTags s={s} /> },
        { key: 'parts', title: tr('省级分部门审核', 'Provincial reviews'), render: (_v, s) => <ReviewPartTags s={s} /> },
        { key: 'comments', title: tr('审核意见', 'Comments'), render: (_v, s) => <span className="prewrap">{s.comments ?? ''}</span> },
        {
          key: 'files',
          title: tr('文件', 'Files'),
          render: (_v, s) =>
            s.files.length === 0 ? (
              <Typography.Text type="secondary">{tr('正在生成', 'Being rendered')}</Typography.Text>
            ) : (
              <Flex vertical gap={4} align="start">
                {s.files.map((f) => (
                  <Button key={f.reportId} size="small" type="link" onClick={() => download(f)}>
                    {tr(`下载 ${f.fileName}`, `Download ${f.fileName}`)}
                  </Button>
                ))}
              </Flex>
            ),
        },
      ]}
    />
  );
}

function SubmitForm({ campaignId, cityCode, kind }: { campaignId: string; cityCode: string; kind: Kind }) {
  const [form] = Form.useForm<{ summary?: string }>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const submit = useMutation({
    mutationFn: (v: { summary?: string }) => submitReport(campaignId, cityCode, kind, trimmed(v.summary), newIdempotencyKey()),
    onSuccess: (r) => {
      void message.success(r.late ? tr('已报送（逾期）', 'Submitted (late)') : tr('已报送', 'Submitted'));
      form.resetFields();
      void queryClient.invalidateQueries({ queryKey: ['submissions', campaignId, cityCode] });
      void queryClient.invalidateQueries({ queryKey: ['city', campaignId, cityCode] });
    },
  });
  // Why it was refused: the open cases, counted now, with the way to them.
  const open = useQuery({
    queryKey: ['worklist', campaignId, cityCode, 'openCount'],
    queryFn: () => countCases(campaignId, cityCode, { status: 'open' }),
    enabled: refusedForOpenCases(submit.error),
  });
  return (
    <Form form={form} name={`submit-${kind}`} layout="vertical" onFinish={(v) => submit.mutate(v)} disabled={submit.isPending}>
      <Form.Item name="summary" label={tr('工作说明（可空）', 'Summary (optional)')} rules={freeRule(tr('工作说明', 'Summary'), 5000)}>
        <Input.TextArea rows={3} maxLength={5000} showCount />
      </Form.Item>
      {submit.isError &&
        (refusedForOpenCases(submit.error) ? (
          <Alert
            className="section"
            type="warning"
            showIcon
            role="alert"
            data-testid="open-cases-refusal"
            title={
              open.data !== undefined
                ? tr(`尚有 ${open.data} 件案件未办结，暂不能报送`, `${open.data} cases are still open: the report cannot be submitted yet`)
                : tr('尚有案件未办结，暂不能报送', 'Cases are still open: the report cannot be submitted yet')
            }
            description={
              <>
                {tr('须逐件作出核查结论，或注明理由结转办理后再报送。', 'Decide each case, or carry it over with a reason, then submit.')}{' '}
                <Link to={OPEN_CASES} className="inline-link">
                  {tr('查看未办结案件', 'See the open cases')}
                </Link>
              </>
            }
          />
        ) : (
          <Alert className="section" type="warning" showIcon role="alert" title={tr('未能报送', 'Not submitted')} description={errorText(submit.error)} />
        ))}
      <Button type="primary" htmlType="submit" loading={submit.isPending}>
        {tr('报送', 'Submit')}
      </Button>
    </Form>
  );
}

function Submissions({ campaignId, cityCode }: { campaignId: string; cityCode: string }) {
  const { role } = useSession().user;
  const queryClient = useQueryClient();
  const city = useQuery({ queryKey: ['city', campaignId, cityCode], queryFn: () => getCity(campaignId, cityCode) });
  const subs = useQuery({ queryKey: ['submissions', campaignId, cityCode], queryFn: () => listSubmissions(campaignId, cityCode) });
  // Files are rendered just after a submission: look again for a while until they are there.
  const rendering = subs.data?.some((s) => s.files.length === 0 && Date.now() - Date.parse(s.submittedAt) < 120_000) ?? false;
  const refetch = subs.refetch;
  useEffect(() => {
    if (!rendering) return;
    const timer = setInterval(() => void refetch(), 3000);
    return () => clearInterval(timer);
  }, [rendering, refetch]);
  if (subs.isError) return <ErrorAlert error={subs.error} onRetry={() => void subs.refetch()} />;
  return (
    <>
      {KINDS.map(({ kind, phase, title }) => {
        const items = (subs.data ?? []).filter((s) => s.kind === kind);
        const last = items.at(-1);
        // 住建 (city_officer) submits; the city's 人社局 (city_hr_officer) co-signs the version (issue 21).
        const canSubmit = role === 'city_officer' && subs.data !== undefined && (!last || last.status === 'returned');
        const signing = last?.status === 'signing' ? last : undefined;
        return (
          <section key={kind} aria-labelledby={`sub-${kind}`} className="section" data-kind={kind}>
            <Card
              size="small"
              loading={subs.isPending}
              title={
                <Typography.Title level={2} id={`sub-${kind}`} className="card-title">
                  {title()}
                </Typography.Title>
              }
            >
              <DeadlineLine deadline={city.data?.deadlines.find((d) => d.phase === phase)} />
              <Versions items={items} />
              {last?.status === 'returned' && (
                <Alert
                  className="section"
                  type="info"
                  showIcon
                  title={tr('省级已退回，请按审核意见修改后重新报送', 'Returned by the province: correct it as commented and submit again')}
                />
              )}
              {signing && (
                <Flex className="section" gap={12} align="center" wrap data-testid="awaiting-signature">
                  <Alert
                    type="info"
                    showIcon
                    title={tr(
                      `第 ${signing.version} 版已由住建局报送，待市（州）人社局会签后报送省住建厅、省人社厅`,
                      `v${signing.version} submitted by the housing bureau: it goes to the province once the HR bureau signs`,
                    )}
                  />
                  {role === 'city_hr_officer' && (
                    <SignButton
                      campaignId={campaignId}
                      cityCode={cityCode}
                      s={signing}
                      onSigned={() => {
                        void queryClient.invalidateQueries({ queryKey: ['submissions', campaignId, cityCode] });
                        void queryClient.invalidateQueries({ queryKey: ['city', campaignId, cityCode] });
                      }}
                    />
                  )}
                </Flex>
              )}
              {canSubmit && (
                <div className="section">
                  <SubmitForm campaignId={campaignId} cityCode={cityCode} kind={kind} />
                </div>
              )}
            </Card>
          </section>
        );
      })}
    </>
  );
}

export default function SubmissionsPage() {
  const { cityLabel } = useCityScope();
  return (
    <>
      <PageContainer title={cityTitle(pageTitle('submissions'), cityLabel)}>
        <CityScope>{(scope) => <Submissions {...scope} />}</CityScope>
      </PageContainer>
    </>
  );
}
