/**
 * 投诉举报办理 (issue 20): a city's complaints as cases of their own, outliving the campaign: the list
 * (status filter, overdue or due within 3 days), registering one received by phone, mailbox, letter,
 * visit or referral, and one complaint in a drawer with its steps (accept, optionally reopening the
 * person's closed case with the new facts; not accept with the reason; investigate; conclude with the
 * result; reply), its unit inquiry, attachments (the handling city's officers upload, list and
 * download them there) and, for the handling city's officers only, the complainant's contact. The province's roles read any city's, chosen above the list.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Drawer, Form, Input, Modal, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { COMPLAINT_STATUS_LABELS, COMPLAINT_STEP_LABELS, STEP_FROM, type ComplaintStatus, type ComplaintStep } from '../../../../domain/complaintCase';
import {
  complaintCase,
  listComplaintCases,
  registerComplaintCase,
  takeComplaintStep,
  workUnitInquiry,
  type ComplaintCaseSummary,
  type ComplaintRegistration,
} from '../../api/complaints';
import { newIdempotencyKey } from '../../api/http';
import { useSession } from '../../app/session';
import { cityTitle, emptyTable, pageTitle, useChosenCity } from '../../components/city/CityScope';
import { ComplaintAttachments } from '../../components/complaints/ComplaintAttachments';
import { PageContainer } from '../../components/PageContainer';
import { errorText } from '../../components/problems';
import { formatDate } from '../../format';
import { tr } from '../../labels';

const CHANNEL_LABELS: Record<string, string> = {
  phone: '电话',
  mail: '信箱',
  letter: '来信',
  web: '网上',
  visit: '来访',
  referral: '转办',
  other: '其他',
};
const day = (iso: string | null | undefined) => (iso ? formatDate(iso.slice(0, 10)) : '—');
/** Which texts a step asks for. */
const STEP_TEXT: Partial<Record<ComplaintStep, { field: 'reason' | 'result' | 'reply' | 'reopenReason'; label: string; required: boolean }>> = {
  accept: { field: 'reopenReason', label: '重新办理理由（仅当被举报人的案件已办结、投诉举报带来新的事实时填写）', required: false },
  not_accept: { field: 'reason', label: '不予受理理由', required: true },
  conclude: { field: 'result', label: '办理结果', required: true },
  reply: { field: 'reply', label: '答复内容', required: true },
};

function StepButtons({ cityCode, complaintNo, status }: { cityCode: string; complaintNo: string; status: ComplaintStatus }) {
  const qc = useQueryClient();
  const [open, setOpen] = useState<ComplaintStep>();
  const [text, setText] = useState('');
  const step = useMutation({
    mutationFn: (s: ComplaintStep) => {
      const t = STEP_TEXT[s];
      return takeComplaintStep(cityCode, complaintNo, { step: s, ...(t && text.trim() ? { [t.field]: text.trim() } : {}) }, newIdempotencyKey());
    },
    onSuccess: () => {
      setOpen(undefined);
      setText('');
      void qc.invalidateQueries({ queryKey: ['complaint-cases'] });
    },
  });
  const steps = (Object.keys(STEP_FROM) as ComplaintStep[]).filter((s) => STEP_FROM[s].includes(status));
  if (steps.length === 0) return null;
  const t = open ? STEP_TEXT[open] : undefined;
  return (
    <>
      <Space wrap>
        {steps.map((s) => (
          <Button key={s} type={s === 'not_accept' ? 'default' : 'primary'} onClick={() => setOpen(s)}>
            {COMPLAINT_STEP_LABELS[s]}
          </Button>
        ))}
      </Space>
      <Modal
        open={open !== undefined}
        title={open ? COMPLAINT_STEP_LABELS[open] : ''}
        okText={tr('确定', 'OK')}
        cancelText={tr('取消', 'Cancel')}
        confirmLoading={step.isPending}
        okButtonProps={{ disabled: Boolean(t?.required && !text.trim()) }}
        onOk={() => open && step.mutate(open)}
        onCancel={() => setOpen(undefined)}
      >
        {t && (
          <Form layout="vertical">
            <Form.Item label={t.label} required={t.required}>
              <Input.TextArea aria-label={t.label} rows={4} value={text} onChange={(e) => setText(e.target.value)} maxLength={10_000} />
            </Form.Item>
          </Form>
        )}
        {step.error && <Alert type="error" showIcon message={errorText(step.error)} />}
      </Modal>
    </>
  );
}

function Inquiry({ cityCode, inquiry }: { cityCode: string; inquiry: NonNullable<Awaited<ReturnType<typeof complaintCase>>['inquiry']> }) {
  const qc = useQueryClient();
  const [form] = Form.useForm<{ owner?: string; findings?: string; result?: string }>();
  const save = useMutation({
    mutationFn: (v: { owner?: string; findings?: string; result?: string }) =>
      workUnitInquiry(cityCode, inquiry.inquiryId, Object.fromEntries(Object.entries(v).filter(([, x]) => typeof x === 'string' && x.trim())) as typeof v),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['complaint-cases'] }),
  });
  return (
    <>
      <Typography.Title level={4}>{tr('单位核查', 'Unit inquiry')}</Typography.Title>
      <Descriptions
        size="small"
        bordered
        column={1}
        items={[
          { key: 'unit', label: tr('单位', 'Unit'), children: [inquiry.unitName, inquiry.unitCode].filter(Boolean).join(' ') },
          { key: 'status', label: tr('状态', 'Status'), children: inquiry.status === 'closed' ? tr('已办结', 'Closed') : tr('核查中', 'Open') },
          { key: 'owner', label: tr('承办人', 'Owner'), children: inquiry.owner ?? '—' },
          { key: 'findings', label: tr('核查发现', 'Findings'), children: inquiry.findings ?? '—' },
          { key: 'result', label: tr('核查结果', 'Result'), children: inquiry.result ?? '—' },
        ]}
      />
      {inquiry.status === 'open' && (
        <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} style={{ marginTop: 12 }}>
          <Form.Item name="owner" label={tr('承办人', 'Owner')}>
            <Input maxLength={63} />
          </Form.Item>
          <Form.Item name="findings" label={tr('核查发现', 'Findings')}>
            <Input.TextArea rows={3} />
          </Form.Item>
          <Form.Item name="result" label={tr('核查结果（填写后办结）', 'Result (closes it)')}>
            <Input.TextArea rows={2} />
          </Form.Item>
          {save.error && <Alert type="error" showIcon message={errorText(save.error)} />}
          <Button htmlType="submit" loading={save.isPending}>
            {tr('保存', 'Save')}
          </Button>
        </Form>
      )}
    </>
  );
}

function ComplaintDrawer({ cityCode, complaintNo, onClose, canWork }: { cityCode: string; complaintNo: string; onClose: () => void; canWork: boolean }) {
  const detail = useQuery({ queryKey: ['complaint-cases', cityCode, complaintNo], queryFn: () => complaintCase(cityCode, complaintNo) });
  const d = detail.data;
  return (
    <Drawer open width={640} title={tr(`投诉举报 ${complaintNo}`, `Complaint ${complaintNo}`)} onClose={onClose}>
      {detail.error && <Alert type="error" showIcon message={errorText(detail.error)} />}
      {d && (
        <Space direction="vertical" style={{ width: '100%' }} size="middle">
          <Descriptions
            size="small"
            bordered
            column={1}
            items={[
              {
                key: 'status',
                label: tr('办理状态', 'Status'),
                children: (
                  <Tag color={d.overdue ? 'red' : undefined}>
                    {COMPLAINT_STATUS_LABELS[d.status]}
                    {d.overdue ? tr('（已超期）', ' (overdue)') : ''}
                  </Tag>
                ),
              },
              { key: 'channel', label: tr('渠道', 'Channel'), children: CHANNEL_LABELS[d.channel] ?? d.channel },
              { key: 'received', label: tr('收到日期', 'Received'), children: day(d.receivedAt) },
              { key: 'acceptDue', label: tr('受理期限', 'Acceptance due'), children: day(d.acceptDueAt) },
              { key: 'handleDue', label: tr('办理期限', 'Handling due'), children: day(d.handleDueAt) },
              {
                key: 'subject',
                label: tr('被投诉举报对象', 'About'),
                children: d.subjectKind === 'person' ? (d.subjectIdNumber ?? '') : [d.subjectUnitName, d.subjectUscc].filter(Boolean).join(' '),
              },
              {
                key: 'content',
                label: tr('内容', 'Content'),
                children: <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{d.content}</Typography.Paragraph>,
              },
              ...(d.caseId ? [{ key: 'case', label: tr('关联案件', 'Case'), children: <a href={`#/cases/${d.caseId}`}>{d.caseId}</a> }] : []),
              ...(d.reopenReason ? [{ key: 'reopen', label: tr('重新办理理由', 'Reopened because'), children: d.reopenReason }] : []),
              ...(d.notAcceptedReason ? [{ key: 'na', label: tr('不予受理理由', 'Not accepted because'), children: d.notAcceptedReason }] : []),
              ...(d.result ? [{ key: 'result', label: tr('办理结果', 'Result'), children: d.result }] : []),
              ...(d.reply ? [{ key: 'reply', label: tr('答复内容', 'Reply'), children: d.reply }] : []),
              ...(d.contact
                ? [
                    {
                      key: 'contact',
                      label: tr('投诉人联系方式', 'Contact'),
                      children: [d.contact.name, d.contact.phone, d.contact.email, d.contact.address].filter(Boolean).join('；') || '—',
                    },
                  ]
                : []),
              ...(d.attachments.length && !canWork
                ? [
                    {
                      key: 'files',
                      label: tr('附件', 'Files'),
                      children: d.attachments.map((a) => a.fileName).join('、'),
                    },
                  ]
                : []),
            ]}
          />
          {canWork && <StepButtons cityCode={cityCode} complaintNo={complaintNo} status={d.status} />}
          {canWork && <ComplaintAttachments cityCode={cityCode} complaintNo={complaintNo} />}
          {d.inquiry &&
            (canWork ? (
              <Inquiry cityCode={cityCode} inquiry={d.inquiry} />
            ) : (
              <Typography.Text>
                {tr('单位核查：', 'Unit inquiry: ')}
                {d.inquiry.status}
              </Typography.Text>
            ))}
          <Table
            size="small"
            rowKey={(s) => `${s.requestedAt}-${s.step}`}
            pagination={false}
            dataSource={d.steps}
            columns={[
              { title: tr('步骤', 'Step'), dataIndex: 'step', render: (s: ComplaintStep) => COMPLAINT_STEP_LABELS[s] ?? s },
              { title: tr('办理人', 'Officer'), dataIndex: 'officerId' },
              { title: tr('时间', 'When'), dataIndex: 'requestedAt', render: day },
            ]}
          />
        </Space>
      )}
    </Drawer>
  );
}

function RegisterButton({ cityCode }: { cityCode: string }) {
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<ComplaintRegistration & { contactPhone?: string; contactName?: string }>();
  const kind = Form.useWatch('subjectKind', form);
  const reg = useMutation({
    mutationFn: ({ contactPhone, contactName, ...v }: ComplaintRegistration & { contactPhone?: string; contactName?: string }) =>
      registerComplaintCase(
        cityCode,
        {
          ...v,
          ...(contactPhone || contactName
            ? { contact: { ...(contactName ? { name: contactName } : {}), ...(contactPhone ? { phone: contactPhone } : {}) } }
            : {}),
        },
        newIdempotencyKey(),
      ),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['complaint-cases'] }),
  });
  return (
    <>
      <Button type="primary" onClick={() => setOpen(true)}>
        {tr('登记投诉举报', 'Register a complaint')}
      </Button>
      <Modal
        open={open}
        title={tr('登记投诉举报', 'Register a complaint')}
        okText={tr('登记', 'Register')}
        cancelText={tr('关闭', 'Close')}
        confirmLoading={reg.isPending}
        onOk={() => form.submit()}
        onCancel={() => {
          setOpen(false);
          reg.reset();
          form.resetFields();
        }}
      >
        {reg.data ? (
          <Alert
            type="success"
            showIcon
            message={tr(`已登记，编号 ${reg.data.complaintNo}`, `Registered as ${reg.data.complaintNo}`)}
            description={tr(`请告知投诉人编号和查询码：${reg.data.queryCode}（只显示这一次）`, `Query code: ${reg.data.queryCode} (shown once)`)}
          />
        ) : (
          <Form form={form} layout="vertical" initialValues={{ channel: 'phone', subjectKind: 'person' }} onFinish={(v) => reg.mutate(v)}>
            <Form.Item name="channel" label={tr('渠道', 'Channel')}>
              <Select options={Object.entries(CHANNEL_LABELS).map(([value, label]) => ({ value, label }))} />
            </Form.Item>
            <Form.Item name="subjectKind" label={tr('被投诉举报对象', 'About')}>
              <Radio.Group
                options={[
                  { value: 'person', label: tr('个人', 'Person') },
                  { value: 'unit', label: tr('单位', 'Unit') },
                ]}
              />
            </Form.Item>
            {kind === 'unit' ? (
              <>
                <Form.Item name="subjectUnitName" label={tr('被举报单位名称', 'Unit name')}>
                  <Input />
                </Form.Item>
                <Form.Item name="subjectUscc" label={tr('统一社会信用代码', 'USCC')}>
                  <Input />
                </Form.Item>
              </>
            ) : (
              <Form.Item name="subjectIdNumber" label={tr('被举报人身份证号', 'ID number')} rules={[{ required: true }]}>
                <Input />
              </Form.Item>
            )}
            <Form.Item name="content" label={tr('投诉举报内容', 'Content')} rules={[{ required: true, min: 10 }]}>
              <Input.TextArea rows={4} />
            </Form.Item>
            <Form.Item name="contactName" label={tr('投诉人姓名（可选）', 'Name (optional)')}>
              <Input />
            </Form.Item>
            <Form.Item name="contactPhone" label={tr('投诉人电话（可选）', 'Phone (optional)')}>
              <Input />
            </Form.Item>
            {reg.error && <Alert type="error" showIcon message={errorText(reg.error)} />}
          </Form>
        )}
      </Modal>
    </>
  );
}

export default function ComplaintCasesPage() {
  const user = useSession().user;
  const { cityCode, picker, ownCityLabel } = useChosenCity();
  const [status, setStatus] = useState<ComplaintStatus>();
  const [due, setDue] = useState<'overdue' | 'due_soon'>();
  const [openNo, setOpenNo] = useState<string>();
  const canWork = user.role === 'city_officer';
  const list = useQuery({
    queryKey: ['complaint-cases', cityCode, status, due],
    queryFn: () => listComplaintCases(cityCode, { ...(status ? { status } : {}), ...(due ? { due } : {}) }),
  });
  return (
    <PageContainer
      title={cityTitle(pageTitle('complaintCases'), ownCityLabel)}
      extra={
        <Space wrap>
          {picker}
          {canWork && <RegisterButton cityCode={cityCode} />}
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          aria-label={tr('办理状态', 'Status')}
          allowClear
          placeholder={tr('全部状态', 'All statuses')}
          value={status}
          onChange={setStatus}
          options={(Object.keys(COMPLAINT_STATUS_LABELS) as ComplaintStatus[]).map((s) => ({ value: s, label: COMPLAINT_STATUS_LABELS[s] }))}
          style={{ minWidth: 140 }}
        />
        <Select
          aria-label={tr('期限', 'Due')}
          allowClear
          placeholder={tr('全部期限', 'Any due date')}
          value={due}
          onChange={setDue}
          options={[
            { value: 'overdue', label: tr('已超期', 'Overdue') },
            { value: 'due_soon', label: tr('3日内到期', 'Due within 3 days') },
          ]}
          style={{ minWidth: 140 }}
        />
      </Space>
      {list.error && <Alert type="error" showIcon message={errorText(list.error)} />}
      <Table<ComplaintCaseSummary>
        size="small"
        rowKey="complaintNo"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: emptyTable(tr('本市（州）暂无符合条件的投诉举报', 'No complaints match')) }}
        columns={[
          {
            title: tr('编号', 'Number'),
            dataIndex: 'complaintNo',
            render: (no: string) => (
              <Button type="link" onClick={() => setOpenNo(no)} style={{ padding: 0 }}>
                {no}
              </Button>
            ),
          },
          { title: tr('渠道', 'Channel'), dataIndex: 'channel', render: (c: string) => CHANNEL_LABELS[c] ?? c },
          { title: tr('对象', 'About'), dataIndex: 'subjectKind', render: (k: string) => (k === 'person' ? tr('个人', 'Person') : tr('单位', 'Unit')) },
          { title: tr('状态', 'Status'), dataIndex: 'status', render: (s: ComplaintStatus) => COMPLAINT_STATUS_LABELS[s] },
          { title: tr('收到日期', 'Received'), dataIndex: 'receivedAt', render: day },
          {
            title: tr('当前期限', 'Due'),
            dataIndex: 'dueAt',
            render: (d: string | null, r) => (
              <span>
                {day(d)} {r.overdue && <Tag color="red">{tr('已超期', 'Overdue')}</Tag>}
              </span>
            ),
          },
        ]}
      />
      {openNo && <ComplaintDrawer cityCode={cityCode} complaintNo={openNo} canWork={canWork} onClose={() => setOpenNo(undefined)} />}
    </PageContainer>
  );
}
