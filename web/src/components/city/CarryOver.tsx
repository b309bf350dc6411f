/**
 * Carrying an open case over (结转办理): the officer gives the reason, the case stays open for a
 * decision later and no longer blocks the city's investigation report.
 */
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { carryOver, type CaseDetail } from '../../api/cases';
import { newIdempotencyKey } from '../../api/http';
import { showProblemInForm } from '../problems';
import { tr } from '../../labels';
import { freeRule, required } from './cityText';

export function CarryOverButton({ detail }: { detail: CaseDetail }) {
  const [open, setOpen] = useState(false);
  const [sending, setSending] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  const [form] = Form.useForm<{ reason: string }>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();

  const submit = async ({ reason }: { reason: string }) => {
    setSending(true);
    setProblems([]);
    try {
      await carryOver(detail.caseId, reason.trim(), newIdempotencyKey());
      void message.success(tr('已结转办理', 'The case is carried over'));
      setOpen(false);
      form.resetFields();
      queryClient.removeQueries({ queryKey: ['worklist'] });
      await queryClient.invalidateQueries({ queryKey: ['case', detail.caseId] });
    } catch (err) {
      setProblems(showProblemInForm(form, err));
    } finally {
      setSending(false);
    }
  };

  return (
    <>
      <Button onClick={() => setOpen(true)}>{tr('结转办理', 'Carry over')}</Button>
      <Modal
        open={open}
        title={tr(`结转办理：${detail.caseNo}`, `Carry over ${detail.caseNo}`)}
        okText={tr('确认结转', 'Carry it over')}
        cancelText={tr('取消', 'Cancel')}
        confirmLoading={sending}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Form<{ reason: string }> form={form} name="carryOver" layout="vertical" onFinish={(v) => void submit(v)} preserve={false}>
          <Form.Item
            name="reason"
            label={tr('结转理由', 'Reason')}
            extra={tr('请勿填写身份证号；提及人员请用案件编号。', 'No ID numbers: name the person by the case number.')}
            rules={[required(tr('结转理由', 'reason')), ...freeRule(tr('结转理由', 'Reason'), 5000)]}
          >
            <Input.TextArea rows={4} maxLength={5000} showCount />
          </Form.Item>
        </Form>
        {problems.length > 0 && <Alert type="warning" showIcon role="alert" title={tr('未能结转', 'Not carried over')} description={problems.join('；')} />}
      </Modal>
    </>
  );
}
