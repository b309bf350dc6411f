/**
 * Deregistration requests (申请注销): the officer records a person's request (ID number, and the
 * certificate when known); its fast-track time limit is watched, and the list shows each request's
 * limit and whether the issuing authority has processed it.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Tag, Typography } from 'antd';
import { useState } from 'react';
import { newIdempotencyKey } from '../../api/http';
import { listDeregistrations, requestDeregistration, type DeregistrationRequest } from '../../api/intake';
import { IntakeList } from '../../components/city/IntakeList';
import { PageContainer } from '../../components/PageContainer';
import { showProblemInForm } from '../../components/problems';
import { CityScope, cityTitle, pageTitle, useCityScope } from '../../components/city/CityScope';
import { idNumberRule, lineRule, required, trimmed, TAG_COLOR } from '../../components/city/cityText';
import '../../components/city/city.css';
import { formatDate, formatInstant } from '../../format';
import { tr } from '../../labels';

interface Values {
  idNumber?: string;
  certNumber?: string;
}

function RequestState({ r }: { r: DeregistrationRequest }) {
  if (r.outcome === 'cancelled') return <Tag color={TAG_COLOR.green}>{tr('已注销', 'Cancelled')}</Tag>;
  if (r.outcome === 'refused') return <Tag>{tr('不予注销', 'Refused')}</Tag>;
  if (Date.parse(r.slaDueAt) < Date.now()) return <Tag color={TAG_COLOR.red}>{tr('已超时限', 'Past the time limit')}</Tag>;
  return <Tag color={TAG_COLOR.blue}>{tr('办理中', 'In progress')}</Tag>;
}

function RequestForm({ campaignId, cityCode }: { campaignId: string; cityCode: string }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [problems, setProblems] = useState<string[]>([]);
  const save = useMutation({
    mutationFn: (v: Values) =>
      requestDeregistration(campaignId, cityCode, { idNumber: trimmed(v.idNumber)!, certNumber: trimmed(v.certNumber) }, newIdempotencyKey()),
    onSuccess: (r) => {
      void message.success(tr(`注销申请已登记，办理时限至${formatDate(r.slaDue)}`, `Recorded; due by ${r.slaDue}`));
      form.resetFields();
      setProblems([]);
      void queryClient.invalidateQueries({ queryKey: ['deregistrations', campaignId, cityCode] });
    },
    onError: (err) => setProblems(showProblemInForm(form, err)),
  });
  return (
    <Card
      size="small"
      className="section"
      title={
        <Typography.Title level={2} className="card-title">
          {tr('登记注销申请', 'Record a request')}
        </Typography.Title>
      }
    >
      <Form<Values> form={form} name="deregistration" layout="vertical" onFinish={(v) => save.mutate(v)} disabled={save.isPending} className="intake-form">
        <Form.Item
          name="idNumber"
          label={tr('身份证号', 'ID number')}
          rules={[required(tr('身份证号', 'ID number')), idNumberRule(tr('身份证号', 'The ID number'))]}
        >
          <Input autoComplete="off" maxLength={18} spellCheck={false} />
        </Form.Item>
        <Form.Item name="certNumber" label={tr('证书编号（可空）', 'Certificate number (optional)')} rules={lineRule(tr('证书编号', 'Certificate number'), 60)}>
          <Input maxLength={60} spellCheck={false} />
        </Form.Item>
        {problems.length > 0 && <Alert type="warning" showIcon role="alert" title={tr('未能登记', 'Not recorded')} description={problems.join('；')} />}
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {tr('登记申请', 'Record')}
        </Button>
      </Form>
    </Card>
  );
}

function Deregistrations({ campaignId, cityCode }: { campaignId: string; cityCode: string }) {
  const query = useQuery({ queryKey: ['deregistrations', campaignId, cityCode], queryFn: () => listDeregistrations(campaignId, cityCode) });
  return (
    <>
      <RequestForm campaignId={campaignId} cityCode={cityCode} />
      <IntakeList<DeregistrationRequest>
        title={tr('本市（州）注销申请', "The city's requests")}
        empty={tr('尚无注销申请', 'No request yet')}
        query={query}
        rowKey="id"
        columns={[
          { key: 'id', title: tr('身份证号', 'ID number'), render: (_v, r) => <span className="mono">{r.idNumber}</span> },
          { key: 'cert', title: tr('证书编号', 'Certificate'), render: (_v, r) => r.certNumber ?? '' },
          { key: 'at', title: tr('登记时间', 'Received'), render: (_v, r) => formatInstant(r.receivedAt) },
          { key: 'due', title: tr('办理时限', 'Due by'), render: (_v, r) => formatDate(r.slaDue) },
          { key: 'state', title: tr('状态', 'State'), render: (_v, r) => <RequestState r={r} /> },
          { key: 'done', title: tr('办结时间', 'Processed'), render: (_v, r) => formatInstant(r.processedAt) },
          { key: 'by', title: tr('登记人', 'Recorded by'), dataIndex: 'requestedBy' },
        ]}
      />
    </>
  );
}

export default function DeregistrationsPage() {
  const { cityLabel } = useCityScope();
  return (
    <>
      <PageContainer title={cityTitle(pageTitle('deregistrations'), cityLabel)}>
        <CityScope>{(scope) => <Deregistrations {...scope} />}</CityScope>
      </PageContainer>
    </>
  );
}
