/**
 * The case's 承办人 and every assignment before it (oldest first, never rewritten). The city's
 * responsible person (负责人) assigns or reassigns the case here; a reassignment needs a reason.
 * Any officer of the city may still decide the case: the 承办人 says who works it.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import { assignCase, getOfficers } from '../../api/assignments';
import type { CaseDetail } from '../../api/cases';
import { newIdempotencyKey } from '../../api/http';
import { useSession } from '../../app/session';
import { formatInstant } from '../../format';
import { tr } from '../../labels';
import { showProblemInForm } from '../problems';
import { freeRule, required } from './cityText';

type Assignment = CaseDetail['assignment'];
type AssignmentEvent = Assignment['history'][number];

const METHOD_LABELS: Record<AssignmentEvent['method'], [string, string]> = {
  manual: ['逐案分配', 'one case'],
  bulk: ['批量分配', 'in bulk'],
  rule: ['按规则分配', 'by a rule'],
};

const who = (id: string | null, name: string | null) => (id === null ? tr('未分配', 'unassigned') : name && name !== id ? `${name}（${id}）` : id);

function AssignButton({ detail }: { detail: CaseDetail }) {
  const current = detail.assignment.assignee;
  const [open, setOpen] = useState(false);
  const [sending, setSending] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  const [form] = Form.useForm<{ assignee: string; reason?: string }>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const officers = useQuery({
    queryKey: ['officers', detail.campaignId, detail.cityCode],
    queryFn: () => getOfficers(detail.campaignId, detail.cityCode),
    enabled: open,
  });

  const submit = async (v: { assignee: string; reason?: string }) => {
    setSending(true);
    setProblems([]);
    try {
      const r = await assignCase(detail.caseId, v.assignee, v.reason?.trim() || undefined, newIdempotencyKey());
      void message.success(r.changed ? tr('已分配承办人', 'Assigned') : tr('承办人未变', 'The 承办人 is unchanged'));
      setOpen(false);
      queryClient.removeQueries({ queryKey: ['worklist'] });
      queryClient.removeQueries({ queryKey: ['officers'] });
      await queryClient.invalidateQueries({ queryKey: ['case', detail.caseId] });
    } catch (err) {
      setProblems(showProblemInForm(form, err));
    } finally {
      setSending(false);
    }
  };

  return (
    <>
      <Button onClick={() => setOpen(true)} data-testid="assign-case">
        {current === null ? tr('分配承办人', 'Assign') : tr('改派', 'Reassign')}
      </Button>
      <Modal
        open={open}
        title={tr(`分配承办人：${detail.caseNo}`, `Assign ${detail.caseNo}`)}
        okText={tr('确认分配', 'Assign')}
        cancelText={tr('取消', 'Cancel')}
        confirmLoading={sending}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Form<{ assignee: string; reason?: string }> form={form} name="assignCase" layout="vertical" onFinish={(v) => void submit(v)} preserve={false}>
          <Form.Item name="assignee" label={tr('承办人', 'Officer')} rules={[required(tr('承办人', 'officer'))]}>
            <Select
              showSearch
              optionFilterProp="label"
              loading={officers.isPending}
              options={(officers.data?.officers ?? []).map((o) => ({
                value: o.userId,
                label: `${who(o.userId, o.displayName)} · ${tr(`在办 ${o.openCases} 件`, `${o.openCases} open`)}`,
              }))}
            />
          </Form.Item>
          <Form.Item
            name="reason"
            label={tr('改派理由', 'Reason')}
            extra={tr('改派已有承办人的案件须填写理由；请勿填写身份证号。', 'Required to move a case from its officer; no ID numbers.')}
            rules={[...(current === null ? [] : [required(tr('改派理由', 'reason'))]), ...freeRule(tr('改派理由', 'Reason'), 500)]}
          >
            <Input.TextArea rows={3} maxLength={500} showCount />
          </Form.Item>
        </Form>
        {problems.length > 0 && <Alert type="warning" showIcon role="alert" title={tr('未能分配', 'Not assigned')} description={problems.join('；')} />}
      </Modal>
    </>
  );
}

export function CaseAssignmentSection({ detail }: { detail: CaseDetail }) {
  const { user } = useSession();
  const a = detail.assignment;
  const mayAssign = user.role === 'city_officer' && user.responsible;
  return (
    <div data-testid="case-assignment">
      <Typography.Paragraph>
        {tr('承办人：', '承办人: ')}
        <strong data-testid="case-assignee">{who(a.assignee, a.assigneeName)}</strong>
        {a.assignedAt && <span className="muted">{tr(`（${formatInstant(a.assignedAt)} 起）`, ` (since ${formatInstant(a.assignedAt)})`)}</span>}
      </Typography.Paragraph>
      {a.history.length > 0 && (
        <ol className="assignment-history" aria-label={tr('分配记录', 'Assignment history')}>
          {a.history.map((e) => (
            <li key={e.id} data-testid="assignment-event">
              <span>{formatInstant(e.assignedAt)}</span> <span>{tr(METHOD_LABELS[e.method][0], METHOD_LABELS[e.method][1])}</span>{' '}
              <span>
                {e.previous === null
                  ? tr(`分配给 ${who(e.assignee, e.assigneeName)}`, `to ${who(e.assignee, e.assigneeName)}`)
                  : tr(
                      `由 ${who(e.previous, e.previousName)} 改派给 ${who(e.assignee, e.assigneeName)}`,
                      `from ${who(e.previous, e.previousName)} to ${who(e.assignee, e.assigneeName)}`,
                    )}
              </span>{' '}
              <span className="muted">{tr(`（${e.assignedBy} 分配）`, `(by ${e.assignedBy})`)}</span>
              {e.reason && <div className="muted">{tr(`理由：${e.reason}`, `Reason: ${e.reason}`)}</div>}
            </li>
          ))}
        </ol>
      )}
      {mayAssign && detail.cityCode === user.cityCode && <AssignButton detail={detail} />}
    </div>
  );
}
