/**
 * One decision for many cases: the cases selected in the worklist, one outcome with its fields, a
 * preview of what it imposes on each case (POST …/decisions/preview), a confirmation listing the
 * penalties, then each case's result in Chinese, and back to the worklist as it was.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, Flex, Form, Result, Steps, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import type { CaseDecision } from '../../../../domain/outcomes';
import { decideMany, previewMany, type BulkPreview, type BulkResult } from '../../api/cases';
import { newIdempotencyKey } from '../../api/http';
import { PageContainer } from '../../components/PageContainer';
import { errorText, showProblemInForm } from '../../components/problems';
import { bulkSelectionOf, forgetBulkSelection, type BulkSelection } from '../../components/city/bulkSelection';
import { pageTitle } from '../../components/city/CityScope';
import { DecisionFields, decisionOf, type DecisionValues } from '../../components/city/DecisionFields';
import { ReservedToProvince, TakesEffectAfterProcedure } from '../../components/city/PenaltyPreview';
import '../../components/city/city.css';
import { worklistPath } from '../../components/city/worklistState';
import { outcomeLabel } from '../../domainLabels';
import { TAG_COLOR } from '../../components/city/cityText';
import { tr } from '../../labels';

type Problem = { title_zh?: string; title: string; detail?: string };
type Row = BulkSelection['cases'][number];

/** A refusal in Chinese: its Chinese title, and the detail when it is Chinese (case ids shown as case numbers). */
function problemText(p: Problem, caseNoOf: (text: string) => string): string {
  const detail = p.detail && /[\u4e00-\u9fff]/.test(p.detail) ? caseNoOf(p.detail.replace(/\s*\([^()]*[A-Za-z][^()]*\)\s*$/, '')) : '';
  return detail ? `${p.title_zh ?? p.title}：${detail}` : (p.title_zh ?? p.title);
}

function SelectedCases({ cases }: { cases: Row[] }) {
  return (
    <Table<Row>
      rowKey="caseId"
      size="small"
      dataSource={cases}
      scroll={{ x: 'max-content' }}
      pagination={cases.length > 10 ? { placement: ['topEnd', 'bottomEnd'], defaultPageSize: 10, showTotal: (n) => tr(`共 ${n} 件`, `${n} cases`) } : false}
      columns={[
        {
          key: 'caseNo',
          title: tr('案件编号', 'Case number'),
          render: (_v, c) => (
            <Link to={`/cases/${encodeURIComponent(c.caseId)}`} state={{ from: { path: '/decisions/bulk' } }}>
              {c.caseNo}
            </Link>
          ),
        },
        { key: 'name', title: tr('姓名', 'Name'), render: (_v, c) => c.name ?? '' },
      ]}
    />
  );
}

function PreviewTable({ preview, caseNoOf, rowOf }: { preview: BulkPreview; caseNoOf: (t: string) => string; rowOf: (id: string) => Row | undefined }) {
  return (
    <Table
      rowKey="caseId"
      size="small"
      data-testid="bulk-preview"
      dataSource={preview.results}
      scroll={{ x: 'max-content' }}
      pagination={preview.results.length > 10 ? { placement: ['topEnd', 'bottomEnd'], defaultPageSize: 10 } : false}
      columns={[
        { key: 'caseNo', title: tr('案件编号', 'Case number'), render: (_v, r) => rowOf(r.caseId)?.caseNo ?? '' },
        { key: 'name', title: tr('姓名', 'Name'), render: (_v, r) => rowOf(r.caseId)?.name ?? '' },
        {
          key: 'liability',
          title: tr('责任认定', 'Liability'),
          render: (_v, r) =>
            'preview' in r ? (
              <Tag color={r.preview.liability === 'liable' ? TAG_COLOR.red : r.preview.liability === 'exempt' ? TAG_COLOR.green : 'default'}>
                {r.preview.liabilityLabel}
              </Tag>
            ) : (
              <Tag color={TAG_COLOR.orange}>{tr('不能提交', 'Would be refused')}</Tag>
            ),
        },
        {
          key: 'penalties',
          title: tr('拟给予的处理措施', 'Measures proposed'),
          width: 420,
          render: (_v, r) =>
            'preview' in r ? (
              r.preview.penalties.length + r.preview.reservedToProvince.length > 0 ? (
                <ul className="penalty-list">
                  {r.preview.penalties.map((p) => (
                    <li key={p.penaltyId}>{p.text}</li>
                  ))}
                  <ReservedToProvince preview={r.preview} />
                </ul>
              ) : (
                tr('无', 'None')
              )
            ) : (
              problemText(r.problem, caseNoOf)
            ),
        },
      ]}
    />
  );
}

function ResultTable({ result, caseNoOf, rowOf }: { result: BulkResult; caseNoOf: (t: string) => string; rowOf: (id: string) => Row | undefined }) {
  return (
    <Table
      rowKey="caseId"
      size="small"
      data-testid="bulk-results"
      dataSource={result.results}
      scroll={{ x: 'max-content' }}
      pagination={result.results.length > 10 ? { placement: ['topEnd', 'bottomEnd'], defaultPageSize: 10 } : false}
      columns={[
        { key: 'caseNo', title: tr('案件编号', 'Case number'), render: (_v, r) => rowOf(r.caseId)?.caseNo ?? '' },
        { key: 'name', title: tr('姓名', 'Name'), render: (_v, r) => rowOf(r.caseId)?.name ?? '' },
        {
          key: 'ok',
          title: tr('结果', 'Result'),
          render: (_v, r) =>
            'result' in r ? <Tag color={TAG_COLOR.green}>{tr('已记录', 'Recorded')}</Tag> : <Tag color={TAG_COLOR.red}>{tr('未成功', 'Failed')}</Tag>,
        },
        {
          key: 'what',
          title: tr('说明', 'Detail'),
          render: (_v, r) =>
            'result' in r
              ? r.result.exempt
                ? tr(`${outcomeLabel(r.result.outcome)}，自查自纠期间已整改，不予追究`, `${r.result.outcome}, exempt`)
                : r.result.penaltyIds.length > 0
                  ? tr(
                      `${outcomeLabel(r.result.outcome)}，实施处理措施 ${r.result.penaltyIds.length} 项`,
                      `${r.result.outcome}, ${r.result.penaltyIds.length} penalties`,
                    )
                  : outcomeLabel(r.result.outcome)
              : problemText(r.problem, caseNoOf),
        },
      ]}
    />
  );
}

function BulkFlow({ selection }: { selection: BulkSelection }) {
  const { campaignId, cityCode, cases } = selection;
  const [form] = Form.useForm<DecisionValues>();
  const { modal } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [step, setStep] = useState(0);
  const [decision, setDecision] = useState<CaseDecision>();
  const [preview, setPreview] = useState<BulkPreview>();
  const [result, setResult] = useState<BulkResult>();
  const [problems, setProblems] = useState<string[]>([]);
  const byId = useMemo(() => new Map(cases.map((c) => [c.caseId, c])), [cases]);
  const rowOf = (id: string) => byId.get(id);
  const caseNoOf = (text: string) => cases.reduce((t, c) => t.split(c.caseId).join(c.caseNo), text);
  const caseIds = cases.map((c) => c.caseId);
  const backToWorklist = worklistPath(selection.back);

  const previewing = useMutation({
    mutationFn: (d: CaseDecision) => previewMany(campaignId, cityCode, caseIds, d),
    onSuccess: (p, d) => {
      setDecision(d);
      setPreview(p);
      setStep(1);
    },
    onError: (err) => setProblems(showProblemInForm(form, err)),
  });
  const deciding = useMutation({
    mutationFn: (d: CaseDecision) => decideMany(campaignId, cityCode, caseIds, d, newIdempotencyKey()),
    onSuccess: (r) => {
      setResult(r);
      setStep(2);
      forgetBulkSelection();
      // Removed, not only marked stale: the worklist returned to shows the cases as they are now,
      // not its cached page first.
      queryClient.removeQueries({ queryKey: ['worklist'] });
      for (const id of caseIds) void queryClient.invalidateQueries({ queryKey: ['case', id] });
    },
  });

  const toPreview = (v: DecisionValues) => {
    setProblems([]);
    const d = decisionOf(v);
    if (!d) setProblems([tr('请更正标出的错误', 'Correct the marked fields')]);
    else previewing.mutate(d);
  };

  const confirm = () => {
    if (!decision || !preview) return;
    const t = preview.totals;
    modal.confirm({
      title: tr(`对 ${caseIds.length} 件案件作出“${outcomeLabel(decision.outcome)}”的核查结论？`, `Record "${decision.outcome}" on ${caseIds.length} cases?`),
      width: 600,
      content: (
        <div data-testid="confirm-penalties">
          <Typography.Paragraph>
            {tr(
              `可提交 ${t.cases} 件（追究责任 ${t.liable} 件，免予追究 ${t.exempt} 件，不涉及处理 ${t.none} 件）${t.refused > 0 ? `；${t.refused} 件将被拒绝` : ''}。`,
              `${t.cases} can be recorded (${t.liable} liable, ${t.exempt} exempt, ${t.none} without penalty)${t.refused > 0 ? `; ${t.refused} would be refused` : ''}.`,
            )}
          </Typography.Paragraph>
          {t.byKind.length > 0 ? (
            <>
              <Typography.Paragraph>{tr('拟给予以下处理措施：', 'The measures proposed:')}</Typography.Paragraph>
              <ul className="penalty-list">
                {t.byKind.map((k) => (
                  <li key={k.kind}>{tr(`${k.kindLabel} ${k.count} 项`, `${k.kind}: ${k.count}`)}</li>
                ))}
              </ul>
              <TakesEffectAfterProcedure />
            </>
          ) : (
            <Typography.Paragraph>{tr('该结论不产生处理措施。', 'No penalty is imposed.')}</Typography.Paragraph>
          )}
          <Typography.Paragraph type="secondary">{tr('核查结论提交后不能撤回。', 'Once recorded, a decision cannot be withdrawn.')}</Typography.Paragraph>
        </div>
      ),
      okText: tr('确认提交', 'Record them'),
      cancelText: tr('返回', 'Go back'),
      okButtonProps: { danger: t.liable > 0 },
      onOk: () =>
        deciding.mutateAsync(decision).then(
          () => undefined,
          () => undefined,
        ),
    });
  };

  return (
    <>
      <Steps
        className="section"
        current={step}
        items={[
          { title: tr('选择核查结论', 'Choose the outcome') },
          { title: tr('预览处理措施', 'Preview the penalties') },
          { title: tr('查看结果', 'Results') },
        ]}
      />
      {step === 0 && (
        <>
          <Card
            size="small"
            className="section"
            title={
              <Typography.Title level={2} className="card-title">
                {tr(`所选案件（${cases.length} 件）`, `Selected cases (${cases.length})`)}
              </Typography.Title>
            }
          >
            <SelectedCases cases={cases} />
          </Card>
          <Card
            size="small"
            className="section"
            title={
              <Typography.Title level={2} className="card-title">
                {tr('统一核查结论', 'One outcome for all')}
              </Typography.Title>
            }
          >
            <Form<DecisionValues> form={form} name="bulk" layout="vertical" onFinish={toPreview} disabled={previewing.isPending} preserve>
              <DecisionFields ownCity={cityCode} />
              {problems.length > 0 && (
                <Alert className="section" type="warning" showIcon role="alert" title={tr('未能预览', 'No preview')} description={problems.join('；')} />
              )}
              <Button type="primary" htmlType="submit" loading={previewing.isPending}>
                {tr('预览处理措施', 'Preview the penalties')}
              </Button>
            </Form>
          </Card>
        </>
      )}
      {step === 1 && preview && decision && (
        <Card
          size="small"
          className="section"
          title={
            <Typography.Title level={2} className="card-title">
              {tr(`预览：${outcomeLabel(decision.outcome)}`, `Preview: ${decision.outcome}`)}
            </Typography.Title>
          }
        >
          <Alert
            className="section"
            type={preview.totals.liable > 0 ? 'warning' : 'info'}
            showIcon
            title={tr(
              `可提交 ${preview.totals.cases} 件，其中追究责任 ${preview.totals.liable} 件${preview.totals.refused > 0 ? `；${preview.totals.refused} 件将被拒绝（见下表）` : ''}`,
              `${preview.totals.cases} can be recorded, ${preview.totals.liable} liable${preview.totals.refused > 0 ? `; ${preview.totals.refused} would be refused` : ''}`,
            )}
          />
          <PreviewTable preview={preview} caseNoOf={caseNoOf} rowOf={rowOf} />
          {deciding.isError && (
            <Alert className="section" type="warning" showIcon role="alert" title={tr('未能提交', 'Not recorded')} description={errorText(deciding.error)} />
          )}
          <Flex gap={8} className="section">
            <Button onClick={() => setStep(0)} disabled={deciding.isPending}>
              {tr('返回修改', 'Go back')}
            </Button>
            <Button type="primary" onClick={confirm} loading={deciding.isPending} disabled={preview.totals.cases === 0}>
              {tr('确认提交', 'Record them')}
            </Button>
          </Flex>
        </Card>
      )}
      {step === 2 && result && (
        <Card size="small" className="section">
          <Result
            status={result.failed === 0 ? 'success' : 'warning'}
            title={
              result.failed === 0
                ? tr(`已记录 ${result.succeeded} 件案件的核查结论`, `Recorded on ${result.succeeded} cases`)
                : tr(`已记录 ${result.succeeded} 件，${result.failed} 件未成功`, `${result.succeeded} recorded, ${result.failed} failed`)
            }
            extra={
              <Button type="primary" onClick={() => void navigate(backToWorklist)}>
                {tr('返回核查清单', 'Back to the worklist')}
              </Button>
            }
          />
          <ResultTable result={result} caseNoOf={caseNoOf} rowOf={rowOf} />
        </Card>
      )}
    </>
  );
}

export default function BulkDecisionsPage() {
  const location = useLocation();
  const navigate = useNavigate();
  const [selection] = useState(() => bulkSelectionOf(location.state));
  const back = worklistPath(selection?.back ?? '');
  return (
    <>
      <PageContainer title={pageTitle('bulkDecisions')} back={{ to: back, label: tr('返回核查清单', 'Back to the worklist') }}>
        {selection && selection.cases.length > 0 ? (
          <BulkFlow selection={selection} />
        ) : (
          <Empty
            description={tr(
              '尚未选择案件：请在核查清单中勾选要统一处理的案件，再点“批量处理所选案件”。',
              'No case selected: select cases in the worklist first.',
            )}
          >
            <Button type="primary" onClick={() => void navigate(back)}>
              {tr('去核查清单', 'Go to the worklist')}
            </Button>
          </Empty>
        )}
      </PageContainer>
    </>
  );
}
