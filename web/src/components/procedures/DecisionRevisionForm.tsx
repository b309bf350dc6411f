/**
 * 修改处理决定: the responsible person sent the decision back; the officer keeps, lowers or drops the
 * measures (never heavier than the notice told of: 行政处罚法 art. 45), or decides no penalty (art. 57,
 * a 不予行政处罚决定书 follows), gives the reasons, and the decision returns for approval.
 */
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, InputNumber, Switch, Typography } from 'antd';
import { useState } from 'react';
import { newIdempotencyKey } from '../../api/http';
import { procedureTarget, type ProcedureBodies, type ProcedureDetail } from '../../api/procedures';
import { tr } from '../../labels';
import { freeRule, required } from '../city/cityText';
import { ChoiceGroup } from './ChoiceGroup';
import { showProblemInForm } from '../problems';

type Kind = ProcedureDetail['measures'][number]['kind'];

interface Values {
  noPenalty: boolean;
  kinds: Kind[];
  amountYuan?: number;
  reasons?: string;
}

export function DecisionRevisionForm({ procedure }: { procedure: ProcedureDetail }) {
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const [problems, setProblems] = useState<string[]>([]);
  const [sending, setSending] = useState(false);
  const [key, setKey] = useState(newIdempotencyKey);
  const noPenalty: boolean = Form.useWatch('noPenalty', form) ?? false;
  const kinds: Kind[] = Form.useWatch('kinds', form) ?? [];
  // The kinds the procedure has carried (a measure the review dropped may come back, up to what was notified).
  const known = procedure.measures.filter((m) => m.status !== 'withdrawn');
  const fine = known.find((m) => m.kind === 'FINE');

  const submit = async (v: Values) => {
    setProblems([]);
    setSending(true);
    try {
      const measures = v.kinds.map((kind) =>
        kind === 'FINE' ? { kind, amountYuan: v.amountYuan ?? 0, illegalGainsYuan: fine?.illegalGainsYuan ?? 0 } : { kind },
      );
      const body = (
        v.noPenalty ? { noPenalty: true, reasons: v.reasons?.trim() } : { measures, reasons: v.reasons?.trim() }
      ) as ProcedureBodies['decision/revision'];
      const target = procedureTarget(procedure);
      await target.send('decision/revision', body, key);
      setKey(newIdempotencyKey());
      for (const queryKey of [...target.queryKeys, ['proceduresDue']]) await queryClient.invalidateQueries({ queryKey });
    } catch (err) {
      setProblems(showProblemInForm(form, err));
    } finally {
      setSending(false);
    }
  };

  return (
    <Form<Values>
      form={form}
      name="procedure-decision-revision"
      layout="vertical"
      disabled={sending}
      initialValues={{
        noPenalty: false,
        kinds: known.filter((m) => m.status !== 'dropped').map((m) => m.kind),
        amountYuan: fine?.amountYuan ?? undefined,
      }}
      onFinish={(v) => void submit(v)}
    >
      <Typography.Paragraph type="secondary">
        {tr(
          '负责人已退回处理决定。修改后的处理不得重于告知书告知的处理（《行政处罚法》第四十五条）；决定不予行政处罚的，将制作不予行政处罚决定书（第五十七条）。',
          'The responsible person sent the decision back. The revision may not be heavier than the notice (art. 45); no penalty leads to a 不予行政处罚决定书 (art. 57).',
        )}
      </Typography.Paragraph>
      <Form.Item name="noPenalty" label={tr('不予行政处罚', 'No penalty')} valuePropName="checked">
        <Switch />
      </Form.Item>
      {!noPenalty && (
        <>
          <Form.Item
            name="kinds"
            label={tr('处理措施', 'Measures')}
            rules={[{ required: true, type: 'array', min: 1, message: tr('请选择处理措施', 'Choose the measures') }]}
          >
            <ChoiceGroup options={known.map((m) => ({ value: m.kind, label: m.label }))} />
          </Form.Item>
          {fine && kinds.includes('FINE') && (
            <Form.Item
              name="amountYuan"
              label={tr('罚款金额（元）', 'Fine (yuan)')}
              rules={[{ required: true, type: 'number', min: 1, message: tr('请填写罚款金额', 'Give the fine') }]}
            >
              <InputNumber min={1} precision={0} style={{ width: 200 }} />
            </Form.Item>
          )}
        </>
      )}
      <Form.Item name="reasons" label={tr('修改理由', 'Reasons')} rules={[required(tr('修改理由', 'reasons')), ...freeRule(tr('修改理由', 'Reasons'), 5000)]}>
        <Input.TextArea rows={3} maxLength={5000} showCount />
      </Form.Item>
      {problems.length > 0 && (
        <Alert className="section" type="warning" showIcon role="alert" title={tr('未能提交', 'Not recorded')} description={problems.join('；')} />
      )}
      <Button type="primary" htmlType="submit" loading={sending}>
        {tr('提交修改后的处理决定', 'Resubmit the decision')}
      </Button>
    </Form>
  );
}
