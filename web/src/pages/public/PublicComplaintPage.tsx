/**
 * The public complaint page (no log-in, issue 20 item 2): each city's published hotline and mailbox,
 * the online complaint form (a proof-of-work challenge solved by the ALTCHA widget, up to 3 files of
 * 5 MB typed by their content on the server), answering the complaint's number and a secret query
 * code once; and the status asked with both (the status and the reply only).
 */
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Descriptions, Form, Input, Radio, Row, Select, Space, Table, Typography, Upload, type UploadFile } from 'antd';
// The widget with its translations (zh-cn among them).
import 'altcha/i18n';
import type {} from 'altcha/types/react';
import { useEffect, useRef, useState } from 'react';
import { COMPLAINT_STATUS_LABELS } from '../../../../domain/complaintCase';
import { CHALLENGE_URL, publicChannels, publicComplaintStatus, submitPublicComplaint, type PublicComplaintInput } from '../../api/complaints';
import { PUBLIC_PAGES } from '../../app/pageAccess';
import { errorText } from '../../components/problems';
import { formatDate } from '../../format';
import { tr } from '../../labels';
import '../../components/public/public.css';

interface FormValues {
  cityCode: string;
  subjectKind: 'person' | 'unit';
  subjectIdNumber?: string;
  subjectUscc?: string;
  subjectUnitName?: string;
  content: string;
  name?: string;
  phone?: string;
  email?: string;
  address?: string;
}

const blank = (s: string | undefined) => (s?.trim() ? s.trim() : undefined);

async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function Channels() {
  const channels = useQuery({ queryKey: ['public', 'complaint-channels'], queryFn: publicChannels });
  if (channels.error) return <Alert type="error" showIcon message={errorText(channels.error)} />;
  return (
    <Table
      size="small"
      rowKey="cityCode"
      loading={channels.isLoading}
      pagination={false}
      dataSource={channels.data ?? []}
      columns={[
        { title: tr('市（州）', 'City'), dataIndex: 'cityName' },
        { title: tr('投诉举报电话', 'Hotline'), dataIndex: 'hotline', render: (v: string | null) => v ?? tr('暂未公布', 'not published') },
        { title: tr('投诉举报信箱', 'Mailbox'), dataIndex: 'mailbox', render: (v: string | null) => v ?? tr('暂未公布', 'not published') },
      ]}
    />
  );
}

function ComplaintForm() {
  const [form] = Form.useForm<FormValues>();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [payload, setPayload] = useState<string>();
  const widget = useRef<HTMLElement>(null);
  const cities = useQuery({ queryKey: ['public', 'complaint-channels'], queryFn: publicChannels });
  const subjectKind = Form.useWatch('subjectKind', form);
  useEffect(() => {
    const el = widget.current;
    if (!el) return;
    const onState = (e: Event) => {
      const detail = (e as CustomEvent<{ state: string; payload?: string }>).detail;
      setPayload(detail.state === 'verified' ? detail.payload : undefined);
    };
    el.addEventListener('statechange', onState);
    return () => el.removeEventListener('statechange', onState);
  }, []);
  const submit = useMutation({
    mutationFn: async (v: FormValues) => {
      const attachments = await Promise.all(files.map(async (f) => ({ fileName: f.name, contentBase64: await base64Of(f.originFileObj as File) })));
      const contact = { name: blank(v.name), phone: blank(v.phone), email: blank(v.email), address: blank(v.address) };
      const body: PublicComplaintInput = {
        altcha: payload ?? '',
        cityCode: v.cityCode,
        subjectKind: v.subjectKind,
        content: v.content,
        ...(v.subjectKind === 'person'
          ? { subjectIdNumber: v.subjectIdNumber }
          : { subjectUscc: blank(v.subjectUscc), subjectUnitName: blank(v.subjectUnitName) }),
        ...(Object.values(contact).some(Boolean) ? { contact } : {}),
        ...(attachments.length ? { attachments } : {}),
      };
      return submitPublicComplaint(body);
    },
  });
  if (submit.data) {
    return (
      <Alert
        type="success"
        showIcon
        data-testid="complaint-registered"
        message={tr('投诉举报已登记', 'Your complaint is registered')}
        description={
          <Descriptions
            size="small"
            column={1}
            items={[
              {
                key: 'no',
                label: tr('投诉举报编号', 'Number'),
                children: (
                  <Typography.Text copyable strong data-testid="complaint-no">
                    {submit.data.complaintNo}
                  </Typography.Text>
                ),
              },
              {
                key: 'code',
                label: tr('查询码', 'Query code'),
                children: (
                  <Typography.Text copyable strong data-testid="query-code">
                    {submit.data.queryCode}
                  </Typography.Text>
                ),
              },
              { key: 'due', label: tr('受理期限', 'Acceptance due'), children: formatDate(submit.data.acceptDueAt.slice(0, 10)) },
              {
                key: 'note',
                label: tr('请注意', 'Note'),
                children: tr('查询码只显示这一次，请妥善保存，凭编号和查询码在本页查询办理情况。', 'The query code is shown only once: keep it.'),
              },
            ]}
          />
        }
      />
    );
  }
  return (
    <Form form={form} layout="vertical" initialValues={{ subjectKind: 'person' }} onFinish={(v) => submit.mutate(v)}>
      <Form.Item name="cityCode" label={tr('受理市（州）', 'City')} rules={[{ required: true, message: tr('请选择受理市（州）', 'Choose a city') }]}>
        <Select options={(cities.data ?? []).map((c) => ({ value: c.cityCode, label: c.cityName }))} placeholder={tr('请选择', 'Choose')} />
      </Form.Item>
      <Form.Item name="subjectKind" label={tr('被投诉举报对象', 'About')}>
        <Radio.Group
          options={[
            { value: 'person', label: tr('个人（注册人员）', 'A person') },
            { value: 'unit', label: tr('单位', 'A unit') },
          ]}
        />
      </Form.Item>
      {subjectKind === 'unit' ? (
        <>
          <Form.Item name="subjectUnitName" label={tr('被举报单位名称', 'Unit name')}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="subjectUscc" label={tr('被举报单位统一社会信用代码', 'USCC')}>
            <Input maxLength={18} />
          </Form.Item>
        </>
      ) : (
        <Form.Item
          name="subjectIdNumber"
          label={tr('被举报人身份证号', 'ID number')}
          rules={[{ required: true, message: tr('请填写被举报人身份证号', 'Required') }]}
        >
          <Input maxLength={18} />
        </Form.Item>
      )}
      <Form.Item
        name="content"
        label={tr('投诉举报内容', 'What happened')}
        rules={[{ required: true, min: 10, message: tr('请至少写10个字，说明事实和线索', 'At least 10 characters') }]}
      >
        <Input.TextArea rows={5} maxLength={10_000} showCount />
      </Form.Item>
      <Form.Item label={tr('附件（可选，最多3个，每个不超过5 MB；PDF、图片、Word、Excel）', 'Files (optional)')}>
        <Upload
          multiple
          maxCount={3}
          fileList={files}
          beforeUpload={() => false}
          onChange={({ fileList }) => setFiles(fileList.slice(0, 3))}
          accept=".pdf,.png,.jpg,.jpeg,.docx,.xlsx"
        >
          <Button>{tr('选择文件', 'Choose files')}</Button>
        </Upload>
      </Form.Item>
      <Typography.Paragraph type="secondary">
        {tr('联系方式（可选）：只有受理地市的办案人员可以看到，用于核实情况和答复。', 'Contact (optional): seen only by the handling city’s officers.')}
      </Typography.Paragraph>
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <Form.Item name="name" label={tr('姓名', 'Name')}>
            <Input maxLength={60} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="phone" label={tr('联系电话', 'Phone')}>
            <Input maxLength={30} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="email" label={tr('电子邮箱', 'Email')}>
            <Input maxLength={120} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="address" label={tr('通讯地址', 'Address')}>
            <Input maxLength={300} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label={tr('人机验证', 'Verification')}>
        <altcha-widget ref={widget} challenge={CHALLENGE_URL} language="zh-cn" data-testid="altcha" />
      </Form.Item>
      {submit.error && <Alert type="error" showIcon message={errorText(submit.error)} style={{ marginBottom: 12 }} />}
      <Button type="primary" htmlType="submit" loading={submit.isPending} disabled={!payload}>
        {tr('提交投诉举报', 'Submit')}
      </Button>
    </Form>
  );
}

function StatusLookup() {
  const lookup = useMutation({ mutationFn: publicComplaintStatus });
  const s = lookup.data;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Form
        layout="inline"
        onFinish={(v: { complaintNo: string; queryCode: string }) => lookup.mutate({ complaintNo: v.complaintNo.trim(), queryCode: v.queryCode.trim() })}
      >
        <Form.Item name="complaintNo" label={tr('投诉举报编号', 'Number')} rules={[{ required: true, message: tr('请填写编号', 'Required') }]}>
          <Input placeholder="2201-2026-000001" />
        </Form.Item>
        <Form.Item name="queryCode" label={tr('查询码', 'Query code')} rules={[{ required: true, message: tr('请填写查询码', 'Required') }]}>
          <Input />
        </Form.Item>
        <Button htmlType="submit" loading={lookup.isPending}>
          {tr('查询', 'Look up')}
        </Button>
      </Form>
      {lookup.error && <Alert type="warning" showIcon message={errorText(lookup.error)} />}
      {s && (
        <Descriptions
          bordered
          size="small"
          column={1}
          data-testid="complaint-status"
          items={[
            { key: 'no', label: tr('编号', 'Number'), children: s.complaintNo },
            { key: 'status', label: tr('办理状态', 'Status'), children: COMPLAINT_STATUS_LABELS[s.status] },
            { key: 'received', label: tr('收到日期', 'Received'), children: formatDate(s.receivedAt.slice(0, 10)) },
            ...(s.notAcceptedReason ? [{ key: 'why', label: tr('不予受理理由', 'Not accepted because'), children: s.notAcceptedReason }] : []),
            ...(s.reply
              ? [
                  {
                    key: 'reply',
                    label: tr('答复', 'Reply'),
                    children: <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{s.reply}</Typography.Paragraph>,
                  },
                ]
              : []),
          ]}
        />
      )}
    </Space>
  );
}

export default function PublicComplaintPage() {
  useEffect(() => {
    document.title = tr(PUBLIC_PAGES.complaints.title.zh, PUBLIC_PAGES.complaints.title.en);
  }, []);
  return (
    <main id="main" className="public-page">
      <Typography.Title level={1} className="page-title">
        {tr(PUBLIC_PAGES.complaints.title.zh, PUBLIC_PAGES.complaints.title.en)}
      </Typography.Title>
      <Typography.Paragraph>
        {tr(
          '对注册建造师等注册人员“挂证”（注册单位与实际工作单位不一致）的问题，可拨打各市（州）公布的电话、寄往信箱，或在本页在线投诉举报。各地逐一登记、认真查处，并在办结后答复。',
          'Report registered professionals whose certificate hangs at a company they do not work for.',
        )}
      </Typography.Paragraph>
      <Card title={tr('各市（州）投诉举报电话和信箱', 'Hotlines and mailboxes')} size="small" style={{ marginBottom: 16 }}>
        <Channels />
      </Card>
      <Card title={tr('在线投诉举报', 'Complain online')} size="small" style={{ marginBottom: 16 }}>
        <ComplaintForm />
      </Card>
      <Card title={tr('查询办理情况', 'Status')} size="small">
        <StatusLookup />
      </Card>
    </main>
  );
}
