/**
 * A case's transfer on its page (issue 20 item 6), both ways: the case it opened at a receiving city
 * (its number, linked for those who may open it, and its progress there), the case that transferred
 * it here (with the sender's note), or its referral to an outside authority: the 移送函 (generate,
 * download), its service and the authority's answer, each recorded once by the city's officer.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Descriptions, Form, Input, Select, Space, Spin, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import {
  downloadReferralLetter,
  generateReferralLetter,
  getCaseTransfers,
  recordReferralAnswer,
  recordReferralService,
  type CaseTransferLink,
  type ReferralServiceMethod,
} from '../../api/transfers';
import { useSession } from '../../app/session';
import { outcomeLabel } from '../../domainLabels';
import { formatDate, formatInstant, isoDate } from '../../format';
import { tr, tv } from '../../labels';
import { ErrorAlert } from '../ErrorAlert';
import { showProblemInForm } from '../problems';
import { freeRule, notAfterToday, required } from './cityText';

const METHODS: Record<ReferralServiceMethod, string> = {
  in_person: tr('直接送达', 'In person'),
  post: tr('邮寄送达', 'By post'),
  electronic: tr('电子送达', 'Electronically'),
  exchange: tr('政务协同平台推送', 'Through the government exchange'),
};

type Other = NonNullable<CaseTransferLink['to']>;

function OtherCase({ c }: { c: Other }) {
  const { role, cityCode } = useSession().user;
  const mayOpen = role !== 'city_officer' || cityCode === c.cityCode;
  const progress = c.outcome ? `${outcomeLabel(c.outcome)}${c.decidedOn ? `（${formatDate(c.decidedOn)}）` : ''}` : tv('caseStatus', c.status);
  return (
    <Space wrap>
      <span>{c.cityName}</span>
      {mayOpen ? <Link to={`/cases/${encodeURIComponent(c.caseId)}`}>{c.caseNo}</Link> : <span>{c.caseNo}</span>}
      <span data-testid="transfer-progress">{progress}</span>
    </Space>
  );
}

function LetterActions({ caseId, t }: { caseId: string; t: CaseTransferLink }) {
  const { role } = useSession().user;
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const letter = t.referral?.letter;
  const make = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const r = await generateReferralLetter(caseId);
      void message.success(tr(`已生成移送函 ${r.number}`, `Letter ${r.number} generated`));
      await queryClient.invalidateQueries({ queryKey: ['case-transfer', caseId] });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space direction="vertical">
      {letter ? (
        <Space>
          <span data-testid="referral-letter-number">{letter.number}</span>
          <Button size="small" onClick={() => void downloadReferralLetter(caseId, `${letter.number ?? 'referral'}.docx`)}>
            {tr('下载移送函', 'Download the letter')}
          </Button>
        </Space>
      ) : role === 'city_officer' ? (
        <Button type="primary" loading={busy} onClick={() => void make()}>
          {tr('生成移送函', 'Generate the referral letter')}
        </Button>
      ) : (
        <span>{tr('尚未生成', 'Not yet generated')}</span>
      )}
      {error !== undefined && <ErrorAlert error={error} />}
    </Space>
  );
}

function ServiceForm({ caseId }: { caseId: string }) {
  const [form] = Form.useForm<{ servedOn: Dayjs; method: ReferralServiceMethod }>();
  const [problems, setProblems] = useState<string[]>([]);
  const queryClient = useQueryClient();
  const submit = async (v: { servedOn: Dayjs; method: ReferralServiceMethod }) => {
    setProblems([]);
    try {
      await recordReferralService(caseId, isoDate(v.servedOn)!, v.method);
      await queryClient.invalidateQueries({ queryKey: ['case-transfer', caseId] });
    } catch (err) {
      setProblems(showProblemInForm(form, err));
    }
  };
  return (
    <Form form={form} name="referralService" layout="inline" onFinish={(v) => void submit(v)}>
      <Form.Item
        name="servedOn"
        label={tr('送达日期', 'Served on')}
        rules={[{ required: true, message: tr('请选择送达日期', 'Choose the date') }, notAfterToday(tr('送达日期', 'date'))]}
      >
        <DatePicker format="YYYY-MM-DD" />
      </Form.Item>
      <Form.Item name="method" label={tr('送达方式', 'Method')} rules={[required(tr('送达方式', 'method'), 'choose')]}>
        <Select style={{ minWidth: 160 }} options={Object.entries(METHODS).map(([value, label]) => ({ value, label }))} />
      </Form.Item>
      <Form.Item>
        <Button htmlType="submit">{tr('登记送达', 'Record the service')}</Button>
      </Form.Item>
      {problems.length > 0 && <Alert type="warning" showIcon role="alert" title={tr('未能登记', 'Not recorded')} description={problems.join('；')} />}
    </Form>
  );
}

function AnswerForm({ caseId }: { caseId: string }) {
  const [form] = Form.useForm<{ answeredOn: Dayjs; answer: string }>();
  const [problems, setProblems] = useState<string[]>([]);
  const queryClient = useQueryClient();
  const submit = async (v: { answeredOn: Dayjs; answer: string }) => {
    setProblems([]);
    try {
      await recordReferralAnswer(caseId, isoDate(v.answeredOn)!, v.answer.trim());
      await queryClient.invalidateQueries({ queryKey: ['case-transfer', caseId] });
    } catch (err) {
      setProblems(showProblemInForm(form, err));
    }
  };
  return (
    <Form form={form} name="referralAnswer" layout="vertical" onFinish={(v) => void submit(v)}>
      <Form.Item
        name="answeredOn"
        label={tr('回复日期', 'Answered on')}
        rules={[{ required: true, message: tr('请选择回复日期', 'Choose the date') }, notAfterToday(tr('回复日期', 'date'))]}
      >
        <DatePicker format="YYYY-MM-DD" />
      </Form.Item>
      <Form.Item name="answer" label={tr('回复内容', 'Answer')} rules={[required(tr('回复内容', 'answer')), ...freeRule(tr('回复内容', 'Answer'), 4000)]}>
        <Input.TextArea rows={3} maxLength={4000} showCount />
      </Form.Item>
      <Button htmlType="submit">{tr('登记回复', 'Record the answer')}</Button>
      {problems.length > 0 && <Alert type="warning" showIcon role="alert" title={tr('未能登记', 'Not recorded')} description={problems.join('；')} />}
    </Form>
  );
}

function Outgoing({ caseId, t }: { caseId: string; t: CaseTransferLink }) {
  const { role } = useSession().user;
  const officer = role === 'city_officer';
  const r = t.referral;
  const items = [
    { key: 'to', label: tr('移交去向', 'Transferred to'), children: t.receivingName ?? t.authority?.name ?? '—' },
    ...(t.to ? [{ key: 'case', label: tr('接收地案件及进度', 'Case there and its progress'), children: <OtherCase c={t.to} /> }] : []),
    ...(t.note ? [{ key: 'note', label: tr('移交说明', 'Note'), children: t.note }] : []),
    { key: 'by', label: tr('移交人及时间', 'By, at'), children: `${t.transferredBy} ${formatInstant(t.transferredAt)}` },
    ...(r
      ? [
          { key: 'letter', label: tr('移送函', 'Referral letter'), children: <LetterActions caseId={caseId} t={t} /> },
          {
            key: 'service',
            label: tr('送达', 'Service'),
            children: r.service ? (
              <span data-testid="referral-service">{`${formatDate(r.service.servedOn)} ${METHODS[r.service.method]}（${r.service.servedBy}）`}</span>
            ) : r.letter && officer ? (
              <ServiceForm caseId={caseId} />
            ) : (
              tr('未送达', 'Not served')
            ),
          },
          {
            key: 'answer',
            label: tr('接收部门回复', 'Answer'),
            children: r.answer ? (
              <span data-testid="referral-answer">{`${formatDate(r.answer.answeredOn)} ${r.answer.answer ?? ''}（${r.answer.answeredBy}）`}</span>
            ) : r.service && officer ? (
              <AnswerForm caseId={caseId} />
            ) : (
              tr('尚未回复', 'No answer yet')
            ),
          },
        ]
      : []),
  ];
  return <Descriptions size="small" column={1} items={items} />;
}

function Incoming({ t }: { t: CaseTransferLink }) {
  const items = [
    { key: 'from', label: tr('移交来源', 'Transferred from'), children: <OtherCase c={t.from} /> },
    ...(t.note ? [{ key: 'note', label: tr('移交说明', 'Note'), children: t.note }] : []),
    { key: 'by', label: tr('移交人及时间', 'By, at'), children: `${t.transferredBy} ${formatInstant(t.transferredAt)}` },
  ];
  return <Descriptions size="small" column={1} items={items} />;
}

export function CaseTransferPanel({ caseId }: { caseId: string }) {
  const q = useQuery({ queryKey: ['case-transfer', caseId], queryFn: () => getCaseTransfers(caseId) });
  if (q.isPending) return <Spin size="small" />;
  if (q.isError) return <ErrorAlert error={q.error} />;
  const { outgoing, incoming } = q.data;
  if (!outgoing && !incoming)
    return (
      <Typography.Paragraph>
        {tr(
          '本案移交时未登记接收市（州）或部门（此前的记录），移交情况见核查结论。',
          'This transfer named no receiving city or authority (an earlier record): see the decision.',
        )}
      </Typography.Paragraph>
    );
  return (
    <>
      {incoming && <Incoming t={incoming} />}
      {outgoing && <Outgoing caseId={caseId} t={outgoing} />}
    </>
  );
}
