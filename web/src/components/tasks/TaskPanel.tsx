/**
 * One supervision task or on-site check: where it stands (owner, due date, findings, result), its
 * attachments, an on-site check's staff to check; and, for whoever works it while it is open, the
 * steps: assign the owner and due date, record the findings, attach files, close with the result.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Descriptions, Flex, Form, Input, Table, Typography, Upload } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { TASK_STATUS_LABELS, type TaskStatus } from '../../../../domain/workedTask';
import { assignOwner, closeTask, downloadAttachment, getTask, recordFindings, uploadAttachment, type TaskScope, type WorkedTaskDetail } from '../../api/tasks';
import { certLabel } from '../../domainLabels';
import { formatDate, formatInstant, isoDate } from '../../format';
import { tr } from '../../labels';
import { Loaded } from '../Loaded';
import { errorText, showProblemInForm } from '../problems';
import { ToneTag, type Tone } from '../ToneTag';
import { freeRule, required, trimmed } from '../city/cityText';

const STATUS_TONE: Record<TaskStatus, Tone> = { registered: 'warn', in_progress: 'busy', closed: 'good' };

export function TaskStatusTag({ status, overdue }: { status: TaskStatus; overdue?: boolean }) {
  return (
    <>
      <ToneTag tone={STATUS_TONE[status]} testId="task-status">
        {tr(TASK_STATUS_LABELS[status], status)}
      </ToneTag>
      {overdue && <ToneTag tone="bad">{tr('已逾期', 'Overdue')}</ToneTag>}
    </>
  );
}

export const taskQueryKey = (scope: TaskScope) => ['tasks', scope.kind, scope.campaignId, scope.kind === 'onsite' ? scope.cityCode : ''] as const;

type Step = 'owner' | 'findings' | 'closing' | 'attachment';

function Steps({ scope, task, me }: { scope: TaskScope; task: WorkedTaskDetail; me: string }) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [ownerForm] = Form.useForm<{ owner?: string; dueDate?: Dayjs | null }>();
  const [findingsForm] = Form.useForm<{ findings?: string }>();
  const [closingForm] = Form.useForm<{ result?: string }>();
  const [problems, setProblems] = useState<Partial<Record<Step, string[]>>>({});
  const refresh = () => queryClient.invalidateQueries({ queryKey: taskQueryKey(scope) });
  const done = (step: Step, text: string) => {
    void message.success(text);
    setProblems((p) => ({ ...p, [step]: [] }));
    void refresh();
  };

  const owner = useMutation({
    mutationFn: (v: { owner?: string; dueDate?: Dayjs | null }) => assignOwner(scope, task.taskId, { owner: trimmed(v.owner)!, dueDate: isoDate(v.dueDate)! }),
    onSuccess: () => done('owner', tr('已指定承办人', 'Owner assigned')),
    onError: (err) => setProblems((p) => ({ ...p, owner: showProblemInForm(ownerForm, err) })),
  });
  const findings = useMutation({
    mutationFn: (v: { findings?: string }) => recordFindings(scope, task.taskId, trimmed(v.findings)!),
    onSuccess: () => done('findings', tr('核查发现已保存', 'Findings saved')),
    onError: (err) => setProblems((p) => ({ ...p, findings: showProblemInForm(findingsForm, err) })),
  });
  const closing = useMutation({
    mutationFn: (v: { result?: string }) => closeTask(scope, task.taskId, trimmed(v.result)!),
    onSuccess: () => done('closing', tr('任务已办结', 'Task closed')),
    onError: (err) => setProblems((p) => ({ ...p, closing: showProblemInForm(closingForm, err) })),
  });
  const attachment = useMutation({
    mutationFn: (file: File) => uploadAttachment(scope, task.taskId, file),
    onSuccess: () => done('attachment', tr('附件已上传', 'Attachment uploaded')),
    onError: (err) => setProblems((p) => ({ ...p, attachment: [errorText(err)] })),
  });
  const problemOf = (step: Step) =>
    problems[step]?.length ? <Alert type="warning" showIcon role="alert" title={tr('未能保存', 'Not saved')} description={problems[step].join('；')} /> : null;

  return (
    <Flex vertical gap={12}>
      <Card
        size="small"
        title={
          <Typography.Title level={3} className="card-title">
            {tr('承办人和办理期限', 'Owner and due date')}
          </Typography.Title>
        }
      >
        <Form
          form={ownerForm}
          name="task-owner"
          layout="inline"
          initialValues={{ owner: task.owner ?? me, dueDate: task.dueDate ? dayjs(task.dueDate) : null }}
          onFinish={(v) => owner.mutate(v)}
          disabled={owner.isPending}
        >
          <Form.Item name="owner" label={tr('承办人（用户名）', 'Owner (user name)')} rules={[required(tr('承办人', 'owner'))]}>
            <Input maxLength={63} autoComplete="off" />
          </Form.Item>
          <Form.Item name="dueDate" label={tr('办理期限', 'Due date')} rules={[{ required: true, message: tr('请选择办理期限', 'Choose the due date') }]}>
            <DatePicker format="YYYY-MM-DD" />
          </Form.Item>
          <Button htmlType="submit" loading={owner.isPending}>
            {tr('指定', 'Assign')}
          </Button>
        </Form>
        {problemOf('owner')}
      </Card>
      <Card
        size="small"
        title={
          <Typography.Title level={3} className="card-title">
            {tr('核查发现', 'Findings')}
          </Typography.Title>
        }
      >
        <Form form={findingsForm} name="task-findings" layout="vertical" initialValues={{ findings: task.findings ?? '' }} onFinish={(v) => findings.mutate(v)}>
          <Form.Item
            name="findings"
            label={tr('核查发现（不得填写身份证号，人员请以案件编号指代）', 'Findings (no ID numbers: name persons by case number)')}
            rules={[required(tr('核查发现', 'findings')), ...freeRule(tr('核查发现', 'Findings'), 10000)]}
          >
            <Input.TextArea rows={4} maxLength={10000} showCount />
          </Form.Item>
          <Button htmlType="submit" loading={findings.isPending}>
            {tr('保存核查发现', 'Save the findings')}
          </Button>
        </Form>
        {problemOf('findings')}
        <Flex gap={8} align="center" className="section">
          <Upload
            showUploadList={false}
            accept=".pdf,.png,.jpg,.jpeg,.docx,.xlsx"
            beforeUpload={(file) => {
              attachment.mutate(file);
              return false;
            }}
          >
            <Button loading={attachment.isPending}>{tr('上传附件', 'Upload an attachment')}</Button>
          </Upload>
          <Typography.Text type="secondary">
            {tr('PDF、图片（PNG、JPEG）、Word、Excel，按文件内容识别', 'PDF, PNG, JPEG, DOCX, XLSX, recognised by content')}
          </Typography.Text>
        </Flex>
        {problemOf('attachment')}
      </Card>
      <Card
        size="small"
        title={
          <Typography.Title level={3} className="card-title">
            {tr('办结', 'Close')}
          </Typography.Title>
        }
      >
        <Form form={closingForm} name="task-closing" layout="vertical" onFinish={(v) => closing.mutate(v)}>
          <Form.Item name="result" label={tr('办理结果', 'Result')} rules={[required(tr('办理结果', 'result')), ...freeRule(tr('办理结果', 'Result'), 4000)]}>
            <Input.TextArea rows={3} maxLength={4000} showCount />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={closing.isPending} disabled={!task.findings}>
            {tr('办结', 'Close the task')}
          </Button>
        </Form>
        {problemOf('closing')}
      </Card>
    </Flex>
  );
}

function KeyStaff({ task }: { task: WorkedTaskDetail }) {
  return (
    <Card
      size="small"
      title={
        <Typography.Title level={3} className="card-title">
          {tr('核查对象：单位注册人员', 'To check: the unit’s registered staff')}
        </Typography.Title>
      }
    >
      {!task.projectsKnown && (
        <Alert
          className="section"
          type="info"
          showIcon
          title={tr(
            '导入的数据中没有该单位承建项目的信息：请现场查明其在建项目，核查项目主要管理、技术人员到岗履职情况',
            'The data has no projects of this unit: find them on site',
          )}
        />
      )}
      <Table
        rowKey={(r) => `${r.idNumber}-${r.certNumber}`}
        size="small"
        scroll={{ x: 'max-content' }}
        pagination={{ defaultPageSize: 20 }}
        dataSource={task.keyStaff}
        columns={[
          { key: 'name', title: tr('姓名', 'Name'), dataIndex: 'name' },
          { key: 'id', title: tr('身份证号', 'ID number'), render: (_v, r) => <span className="mono">{r.idNumber}</span> },
          { key: 'cert', title: tr('注册类别', 'Certificate'), render: (_v, r) => certLabel(r.certCategory) },
          { key: 'no', title: tr('证书编号', 'Number'), dataIndex: 'certNumber' },
          {
            key: 'case',
            title: tr('案件', 'Case'),
            render: (_v, r) =>
              r.caseId ? (
                <Flex gap={4} align="center">
                  <Link to={`/cases/${encodeURIComponent(r.caseId)}`}>{r.caseNo}</Link>
                  {r.liable && <ToneTag tone="bad">{tr('确认挂证', 'Liable')}</ToneTag>}
                </Flex>
              ) : (
                '—'
              ),
          },
        ]}
      />
    </Card>
  );
}

/** The task as everyone sees it, with the steps for `canWork` while it is open. */
export function TaskPanel({ scope, taskId, canWork, me }: { scope: TaskScope; taskId: number; canWork: boolean; me: string }) {
  const query = useQuery({ queryKey: [...taskQueryKey(scope), taskId], queryFn: () => getTask(scope, taskId) });
  return (
    <Loaded query={query}>
      {(task) => (
        <Flex vertical gap={12} data-testid="task-panel">
          <Descriptions
            size="small"
            bordered
            column={1}
            items={[
              { key: 'city', label: tr('市（州）', 'City'), children: task.cityName },
              ...(task.unit
                ? [
                    { key: 'unit', label: tr('单位', 'Unit'), children: `${task.unit.name}${task.unit.code ? `（${task.unit.code}）` : ''}` },
                    { key: 'counts', label: tr('确认挂证／注册人员', 'Liable / registered'), children: `${task.unit.violations} / ${task.unit.staffTotal}` },
                  ]
                : []),
              { key: 'reason', label: tr('缘由', 'Why'), children: task.reason },
              { key: 'status', label: tr('状态', 'Status'), children: <TaskStatusTag status={task.status} overdue={task.overdue} /> },
              { key: 'owner', label: tr('承办人', 'Owner'), children: task.owner ? `${task.ownerName ?? ''}（${task.owner}）` : '—' },
              { key: 'due', label: tr('办理期限', 'Due'), children: formatDate(task.dueDate) || '—' },
              { key: 'findings', label: tr('核查发现', 'Findings'), children: <span data-testid="task-findings">{task.findings ?? '—'}</span> },
              { key: 'result', label: tr('办理结果', 'Result'), children: <span data-testid="task-result">{task.result ?? '—'}</span> },
              ...(task.closedAt ? [{ key: 'closed', label: tr('办结', 'Closed'), children: `${formatInstant(task.closedAt)} ${task.closedBy ?? ''}` }] : []),
              {
                key: 'files',
                label: tr('附件', 'Attachments'),
                children: task.attachmentList.length ? (
                  <Flex vertical gap={4}>
                    {task.attachmentList.map((a) => (
                      <Button
                        key={a.attachmentId}
                        type="link"
                        className="inline-link"
                        onClick={() => void downloadAttachment(scope, task.taskId, a.attachmentId, a.fileName)}
                      >
                        {`${a.fileName}（${Math.max(1, Math.round(a.size / 1024))} KB，${a.uploadedBy}，${formatInstant(a.uploadedAt)}）`}
                      </Button>
                    ))}
                  </Flex>
                ) : (
                  '—'
                ),
              },
            ]}
          />
          {task.unit && <KeyStaff task={task} />}
          {canWork && task.status !== 'closed' && <Steps key={`${task.status}-${task.findingsAt ?? ''}`} scope={scope} task={task} me={me} />}
        </Flex>
      )}
    </Loaded>
  );
}
