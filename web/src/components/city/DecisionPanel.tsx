/**
 * The officer's decision on one case: the outcome's fields only, a live preview of what the
 * decision will impose (POST /cases/{id}/decision/preview), and, when it imposes penalties (确认挂证,
 * or 已整改 after the self-check deadline), a confirmation listing them before anything is recorded.
 * The API's refusals land beside the fields they name.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Spin, Typography } from 'antd';
import { useState } from 'react';
import type { CaseDecision } from '../../../../domain/outcomes';
import { decideCase, previewDecision, type CaseDetail, type DecisionPreview } from '../../api/cases';
import { newIdempotencyKey } from '../../api/http';
import { errorText, showProblemInForm } from '../problems';
import { outcomeLabel } from '../../domainLabels';
import { tr } from '../../labels';
import { DecisionFields, decisionOf, type DecisionValues } from './DecisionFields';
import { PenaltyList, PenaltyPreview, TakesEffectAfterProcedure } from './PenaltyPreview';
import { useDebounced } from './useDebounced';

const previewKey = (caseId: string, decision: string | undefined) => ['decisionPreview', caseId, decision] as const;

export function DecisionPanel({ detail }: { detail: CaseDetail }) {
  const caseId = detail.caseId;
  const [form] = Form.useForm<DecisionValues>();
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const [problems, setProblems] = useState<string[]>([]);
  const [sending, setSending] = useState(false);

  // The preview follows the form once typing settles; it is asked only for a complete decision.
  const values = Form.useWatch([], form) as DecisionValues | undefined;
  const current = decisionOf(values);
  const settled = useDebounced(current ? JSON.stringify(current) : undefined, 400);
  const preview = useQuery({
    queryKey: previewKey(caseId, settled),
    queryFn: () => previewDecision(caseId, JSON.parse(settled!) as CaseDecision),
    enabled: settled !== undefined,
    staleTime: 30_000,
  });

  const send = async (decision: CaseDecision) => {
    setSending(true);
    setProblems([]);
    try {
      await decideCase(caseId, decision, newIdempotencyKey());
      void message.success(tr('核查结论已记录', 'The decision is recorded'));
      form.resetFields();
      queryClient.removeQueries({ queryKey: ['worklist'] });
      await queryClient.invalidateQueries({ queryKey: ['case', caseId] });
    } catch (err) {
      setProblems(showProblemInForm(form, err));
    } finally {
      setSending(false);
    }
  };

  const submit = async (v: DecisionValues) => {
    setProblems([]);
    const decision = decisionOf(v);
    if (!decision) {
      setProblems([tr('请更正标出的错误', 'Correct the marked fields')]);
      return;
    }
    let plan: DecisionPreview;
    try {
      const json = JSON.stringify(decision);
      plan = await queryClient.fetchQuery({ queryKey: previewKey(caseId, json), queryFn: () => previewDecision(caseId, decision), staleTime: 30_000 });
    } catch (err) {
      setProblems(showProblemInForm(form, err));
      return;
    }
    if (plan.liability !== 'liable') {
      await send(decision);
      return;
    }
    modal.confirm({
      title: tr(`确认作出“${outcomeLabel(decision.outcome)}”的核查结论？`, `Record the decision "${decision.outcome}"?`),
      width: 560,
      content: (
        <div data-testid="confirm-penalties">
          <Typography.Paragraph>{plan.summary}</Typography.Paragraph>
          <PenaltyList preview={plan} />
          <TakesEffectAfterProcedure />
        </div>
      ),
      okText: tr('确认提交', 'Record it'),
      cancelText: tr('返回修改', 'Go back'),
      okButtonProps: { danger: true },
      onOk: () => send(decision),
    });
  };

  return (
    <Form<DecisionValues> form={form} name="decision" layout="vertical" onFinish={(v) => void submit(v)} disabled={sending}>
      <DecisionFields ownCity={detail.cityCode} />
      {current && (preview.isFetching && !preview.data ? <Spin size="small" /> : null)}
      {current && preview.isError && (
        <Alert
          className="section"
          type="warning"
          showIcon
          title={tr('该结论暂不能提交', 'This decision cannot be recorded')}
          description={errorText(preview.error)}
        />
      )}
      {current && preview.data && settled === JSON.stringify(current) && <PenaltyPreview preview={preview.data} />}
      {problems.length > 0 && (
        <Alert className="section" type="warning" showIcon role="alert" title={tr('未能提交', 'Not recorded')} description={problems.join('；')} />
      )}
      <Button type="primary" htmlType="submit" loading={sending}>
        {tr('提交核查结论', 'Record the decision')}
      </Button>
    </Form>
  );
}
