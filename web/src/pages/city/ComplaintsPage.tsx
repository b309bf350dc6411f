/**
 * Complaints and tips (投诉举报): the officer registers one (when it arrived, how, whom it names,
 * what it says); naming a person joins that person's case or opens one, and the answer says which.
 * The list shows the city's complaints with a link to their case.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Form, Input, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { newIdempotencyKey } from '../../api/http';
import { listComplaints, registerComplaint, type Complaint } from '../../api/intake';
import { IntakeList } from '../../components/city/IntakeList';
import { PageContainer } from '../../components/PageContainer';
import { showProblemInForm } from '../../components/problems';
import { CityScope, cityTitle, pageTitle, useCityScope } from '../../components/city/CityScope';
import { CHANNELS, channelLabel, freeRule, idNumberRule, lineRule, notAfterToday, required, trimmed } from '../../components/city/cityText';
import '../../components/city/city.css';
import { formatInstant } from '../../format';
import { tr } from '../../labels';

interface Values {
  receivedAt?: Dayjs | null;
  channel?: string;
  subjectIdNumber?: string;
  subjectUnit?: string;
  content?: string;
}

const FROM = { from: { path: '/complaints' } };

function ComplaintForm({ campaignId, cityCode }: { campaignId: string; cityCode: string }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [problems, setProblems] = useState<string[]>([]);
  const [registered, setRegistered] = useState<{ caseId: string | null; newCase: boolean }>();
  const save = useMutation({
    mutationFn: (v: Values) =>
      registerComplaint(
        campaignId,
        cityCode,
        {
          receivedAt: v.receivedAt!.toISOString(),
          channel: v.channel as (typeof CHANNELS)[number],
          subjectIdNumber: trimmed(v.subjectIdNumber),
          subjectUnit: trimmed(v.subjectUnit),
          content: trimmed(v.content)!,
        },
        newIdempotencyKey(),
      ),
    onSuccess: (r) => {
      void message.success(tr('投诉举报已登记', 'The complaint is registered'));
      setRegistered({ caseId: r.caseId, newCase: r.newCase });
      form.resetFields();
      setProblems([]);
      void queryClient.invalidateQueries({ queryKey: ['complaints', campaignId, cityCode] });
      queryClient.removeQueries({ queryKey: ['worklist'] });
    },
    onError: (err) => setProblems(showProblemInForm(form, err)),
  });

  const personOrUnit = {
    validator: async () => {
      const v = form.getFieldsValue(['subjectIdNumber', 'subjectUnit']);
      if (!trimmed(v.subjectIdNumber) && !trimmed(v.subjectUnit)) throw new Error(tr('请填写被举报人身份证号或被举报单位', 'Name the person or the unit'));
    },
  };

  return (
    <Card
      size="small"
      className="section"
      title={
        <Typography.Title level={2} className="card-title">
          {tr('登记投诉举报', 'Register a complaint')}
        </Typography.Title>
      }
    >
      {registered && (
        <Alert
          className="section"
          type="success"
          showIcon
          closable={{ onClose: () => setRegistered(undefined) }}
          data-testid="complaint-registered"
          title={
            registered.caseId
              ? registered.newCase
                ? tr('已登记，并据此立案', 'Registered; a case was opened')
                : tr('已登记，并入该人员的案件', "Registered; it joined the person's case")
              : tr('已登记（仅涉及单位，未关联案件）', 'Registered (a unit only: no case)')
          }
          description={
            registered.caseId ? (
              <Link to={`/cases/${encodeURIComponent(registered.caseId)}`} state={FROM}>
                {tr('查看案件', 'Open the case')}
              </Link>
            ) : undefined
          }
        />
      )}
      <Form<Values> form={form} name="complaint" layout="vertical" onFinish={(v) => save.mutate(v)} disabled={save.isPending} className="intake-form">
        <Form.Item
          name="receivedAt"
          label={tr('收到时间', 'Received at')}
          rules={[{ required: true, message: tr('请选择收到时间', 'Choose when it arrived') }, notAfterToday(tr('收到时间', 'time'))]}
        >
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
        </Form.Item>
        <Form.Item name="channel" label={tr('渠道', 'Channel')} rules={[required(tr('渠道', 'channel'), 'choose')]}>
          <Select options={CHANNELS.map((c) => ({ value: c, label: channelLabel(c) }))} />
        </Form.Item>
        <Form.Item
          name="subjectIdNumber"
          label={tr('被举报人身份证号', "The person's ID number")}
          dependencies={['subjectUnit']}
          rules={[personOrUnit, idNumberRule(tr('被举报人身份证号', 'The ID number'))]}
        >
          <Input autoComplete="off" maxLength={18} spellCheck={false} />
        </Form.Item>
        <Form.Item name="subjectUnit" label={tr('被举报单位', 'The unit')} rules={lineRule(tr('被举报单位', 'The unit'), 200)}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item
          name="content"
          className="wide"
          label={tr('举报内容', 'What it says')}
          rules={[required(tr('举报内容', 'content')), ...freeRule(tr('举报内容', 'Content'), 10000)]}
        >
          <Input.TextArea rows={4} maxLength={10000} showCount />
        </Form.Item>
        {problems.length > 0 && <Alert type="warning" showIcon role="alert" title={tr('未能登记', 'Not registered')} description={problems.join('；')} />}
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {tr('登记', 'Register')}
        </Button>
      </Form>
    </Card>
  );
}

function Complaints({ campaignId, cityCode }: { campaignId: string; cityCode: string }) {
  const query = useQuery({ queryKey: ['complaints', campaignId, cityCode], queryFn: () => listComplaints(campaignId, cityCode) });
  return (
    <>
      <ComplaintForm campaignId={campaignId} cityCode={cityCode} />
      <IntakeList<Complaint>
        title={tr('本市（州）投诉举报', "The city's complaints")}
        empty={tr('尚无投诉举报', 'No complaint yet')}
        query={query}
        rowKey="complaintId"
        columns={[
          { key: 'at', title: tr('收到时间', 'Received'), render: (_v, c) => formatInstant(c.receivedAt) },
          { key: 'channel', title: tr('渠道', 'Channel'), render: (_v, c) => channelLabel(c.channel) },
          { key: 'id', title: tr('被举报人身份证号', 'ID number'), render: (_v, c) => <span className="mono">{c.subjectIdNumber ?? ''}</span> },
          { key: 'unit', title: tr('被举报单位', 'Unit'), render: (_v, c) => c.subjectUnit ?? '' },
          {
            key: 'content',
            title: tr('举报内容', 'Content'),
            width: 320,
            render: (_v, c) => (
              <Typography.Paragraph ellipsis={{ rows: 2, expandable: true, symbol: tr('展开', 'more') }} className="complaint-content">
                {c.content ?? ''}
              </Typography.Paragraph>
            ),
          },
          {
            key: 'case',
            title: tr('案件', 'Case'),
            render: (_v, c) =>
              c.caseId ? (
                <Link to={`/cases/${encodeURIComponent(c.caseId)}`} state={FROM}>
                  {tr('查看案件', 'Open the case')}
                </Link>
              ) : (
                tr('未关联', 'None')
              ),
          },
          { key: 'reg', title: tr('登记时间', 'Registered'), render: (_v, c) => formatInstant(c.registeredAt) },
        ]}
      />
    </>
  );
}

export default function ComplaintsPage() {
  const { cityLabel } = useCityScope();
  return (
    <>
      <PageContainer title={cityTitle(pageTitle('complaints'), cityLabel)}>
        <CityScope>{(scope) => <Complaints {...scope} />}</CityScope>
      </PageContainer>
    </>
  );
}
