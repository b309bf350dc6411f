/**
 * 拟处理意见: the measures this level may impose under the legal basis in force (the case's
 * certificate category and the violation), each ticked by default; a fine's amount within its cap
 * (and above its minimum, where the basis has one); the facts and the evidence. An intermediary
 * order's procedure takes its measures from the basis chosen at the escalation (no violation to
 * choose). The responsible person approves it next.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, InputNumber, Select, Spin, Typography } from 'antd';
import { useState } from 'react';
import { describeMeasure, MEASURE_LABELS, VIOLATION_LABELS, type Measure } from '../../../../domain/legalBasis';
import { fineCap, levelOfAuthority } from '../../../../domain/penaltyProcedure';
import { newIdempotencyKey } from '../../api/http';
import { getLegalBasesInForce, procedureTarget, type LegalBasis, type ProcedureBodies, type ProcedureDetail } from '../../api/procedures';
import { currentLang, tr } from '../../labels';
import { freeRule, required } from '../city/cityText';
import { ChoiceGroup } from './ChoiceGroup';
import { errorText, showProblemInForm } from '../problems';
import { mustGive, refusedOutright } from './procedureWords';

interface Values {
  kinds: Measure['kind'][];
  amountYuan?: number;
  illegalGainsYuan?: number;
  facts?: string;
  evidence?: string;
}

const ofLevel = (m: Measure, level: ProcedureDetail['level']) => levelOfAuthority(m.authority) === level;

/** What the form reads of a basis: its citations, version and measures (a case's legal basis, or an intermediary's). */
interface ProposalBasis {
  version: number;
  citations: readonly { instrument: string; article: string }[];
  measures: readonly Measure[];
}

/** The fine's cap for the gains found: the domain's own rule, on the basis as the API answers it. */
const capOf = fineCap;

export function ProposalForm({ procedure }: { procedure: ProcedureDetail }) {
  if (!procedure.intermediary) return <CaseProposalForm procedure={procedure} />;
  const basis = procedure.intermediary.basis;
  if (!basis) return <Alert type="warning" showIcon title={tr('未能读取移送时选定的处罚依据', 'The basis chosen at the escalation could not be read')} />;
  return <ProposalMeasures procedure={procedure} basis={basis} />;
}

/** The violation first (it decides the legal basis), then the form of that basis's measures. */
function CaseProposalForm({ procedure }: { procedure: ProcedureDetail }) {
  // A case's violation is one of 住建's (an intermediary's procedure has its own form above).
  const [violation, setViolation] = useState<LegalBasis['violation']>(procedure.violation as LegalBasis['violation']);
  const certCategory = procedure.certCategory as LegalBasis['certCategory'] | null;
  const bases = useQuery({
    queryKey: ['legalBases', certCategory, violation],
    queryFn: () => getLegalBasesInForce(certCategory!, violation),
    enabled: certCategory !== null,
  });
  if (certCategory === null) return <Alert type="warning" showIcon title={tr('案件没有注册类别，无法确定处罚依据', 'The case has no certificate category')} />;
  return (
    <>
      <Form layout="vertical" component="div">
        <Form.Item label={tr('违法行为', 'Violation')} htmlFor="proposal-violation">
          <Select
            id="proposal-violation"
            value={violation}
            onChange={setViolation}
            options={Object.entries(VIOLATION_LABELS).map(([value, label]) => ({
              value: value as LegalBasis['violation'],
              label: currentLang() === 'zh' ? label : value,
            }))}
          />
        </Form.Item>
      </Form>
      {bases.isPending ? (
        <Spin size="small" />
      ) : bases.isError ? (
        <Alert type="error" showIcon title={errorText(bases.error)} />
      ) : (
        <ProposalMeasures key={violation} procedure={procedure} violation={violation} basis={bases.data[0]} />
      )}
    </>
  );
}

function ProposalMeasures({
  procedure,
  violation,
  basis,
}: {
  procedure: ProcedureDetail;
  violation?: LegalBasis['violation'];
  basis: ProposalBasis | undefined;
}) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [problems, setProblems] = useState<string[]>([]);
  const [sending, setSending] = useState(false);
  const [key, setKey] = useState(newIdempotencyKey);
  const kinds: Measure['kind'][] = Form.useWatch('kinds', form) ?? [];
  const gains: number = Form.useWatch('illegalGainsYuan', form) ?? 0;
  const allowed = basis ? basis.measures.filter((m) => ofLevel(m, procedure.level)) : [];
  const fine = allowed.find((m): m is Extract<Measure, { kind: 'FINE' }> => m.kind === 'FINE');

  const submit = async (v: Values) => {
    setProblems([]);
    setSending(true);
    try {
      const measures = v.kinds.map((kind) => (kind === 'FINE' ? { kind, amountYuan: v.amountYuan ?? 0, illegalGainsYuan: v.illegalGainsYuan ?? 0 } : { kind }));
      const body = { violation, measures, facts: v.facts?.trim(), evidence: v.evidence?.trim() } as ProcedureBodies['proposal'];
      const target = procedureTarget(procedure);
      await target.send('proposal', body, key);
      void message.success(tr('拟处理意见已提交，等待负责人审批', 'The proposal is submitted for approval'));
      setKey(newIdempotencyKey());
      for (const queryKey of [...target.queryKeys, ['proceduresDue']]) await queryClient.invalidateQueries({ queryKey });
    } catch (err) {
      if (refusedOutright(err)) setKey(newIdempotencyKey());
      setProblems(showProblemInForm(form, err));
    } finally {
      setSending(false);
    }
  };

  return (
    <Form<Values>
      form={form}
      name="procedure-proposal"
      layout="vertical"
      disabled={sending}
      initialValues={{ kinds: allowed.map((m) => m.kind), illegalGainsYuan: 0 }}
      onFinish={(v) => void submit(v)}
    >
      {!basis ? (
        <Alert
          className="section"
          type="warning"
          showIcon
          title={tr('尚未发布适用的处罚依据：待省住房和城乡建设厅发布后再拟定处理意见', 'No legal basis is published for this case yet')}
        />
      ) : (
        <>
          <Typography.Paragraph type="secondary">
            {tr(
              `处罚依据：${basis.citations.map((c) => `${c.instrument}${c.article}`).join('、')}（第 ${basis.version} 版）`,
              `Legal basis version ${basis.version}`,
            )}
          </Typography.Paragraph>
          <Form.Item name="kinds" label={tr('处理措施', 'Measures')} rules={[mustGive(tr('处理措施', 'measures'), 'choose', 'array')]}>
            <ChoiceGroup options={allowed.map((m) => ({ value: m.kind, label: currentLang() === 'zh' ? describeMeasure(m) : MEASURE_LABELS[m.kind] }))} />
          </Form.Item>
          {fine && kinds.includes('FINE') && (
            <>
              <Form.Item name="illegalGainsYuan" label={tr('违法所得（元）', 'Illegal gains (yuan)')}>
                <InputNumber min={0} precision={0} style={{ width: 200 }} />
              </Form.Item>
              <Form.Item
                name="amountYuan"
                label={tr('罚款金额（元）', 'Fine (yuan)')}
                extra={
                  fine.minYuan === undefined
                    ? tr(`上限 ${capOf(fine, gains)} 元`, `Up to ${capOf(fine, gains)} yuan`)
                    : tr(`${fine.minYuan} 元以上 ${capOf(fine, gains)} 元以下`, `${fine.minYuan} to ${capOf(fine, gains)} yuan`)
                }
                rules={[
                  mustGive(tr('罚款金额', 'the fine'), 'fill', 'number'),
                  {
                    type: 'number',
                    min: fine.minYuan ?? 1,
                    max: capOf(fine, gains),
                    message: tr(`罚款金额应在 ${fine.minYuan ?? 1} 至 ${capOf(fine, gains)} 元之间`, `${fine.minYuan ?? 1} to ${capOf(fine, gains)} yuan`),
                  },
                ]}
              >
                <InputNumber min={fine.minYuan ?? 1} precision={0} style={{ width: 200 }} />
              </Form.Item>
            </>
          )}
          <Form.Item name="facts" label={tr('违法事实', 'Facts')} rules={[required(tr('违法事实', 'facts')), ...freeRule(tr('违法事实', 'Facts'), 5000)]}>
            <Input.TextArea rows={3} maxLength={5000} showCount />
          </Form.Item>
          <Form.Item name="evidence" label={tr('证据', 'Evidence')} rules={[required(tr('证据', 'evidence')), ...freeRule(tr('证据', 'Evidence'), 5000)]}>
            <Input.TextArea rows={3} maxLength={5000} showCount />
          </Form.Item>
        </>
      )}
      {problems.length > 0 && (
        <Alert className="section" type="warning" showIcon role="alert" title={tr('未能提交', 'Not recorded')} description={problems.join('；')} />
      )}
      <Button type="primary" htmlType="submit" loading={sending} disabled={!basis}>
        {tr('提交拟处理意见', 'Submit the proposal')}
      </Button>
    </Form>
  );
}
