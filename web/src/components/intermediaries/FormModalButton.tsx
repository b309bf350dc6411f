/**
 * A button that opens a form in a modal, sends it, and shows the API's refusals beside the fields
 * (the intermediaries' actions: register, order, finding, result, escalation, name on a case).
 */
import { Alert, App, Button, Form, Modal, type ButtonProps } from 'antd';
import { useState, type ReactNode } from 'react';
import { showProblemInForm } from '../problems';
import { tr } from '../../labels';

export function FormModalButton<V extends object>(props: {
  label: string;
  title: string;
  name: string;
  okText: string;
  done: string;
  buttonProps?: ButtonProps;
  children: ReactNode;
  onSubmit: (values: V) => Promise<unknown>;
}) {
  const [open, setOpen] = useState(false);
  const [sending, setSending] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  const [form] = Form.useForm<V>();
  const { message } = App.useApp();
  const submit = async (values: V) => {
    setSending(true);
    setProblems([]);
    try {
      await props.onSubmit(values);
      void message.success(props.done);
      setOpen(false);
      form.resetFields();
    } catch (err) {
      setProblems(showProblemInForm(form, err));
    } finally {
      setSending(false);
    }
  };
  return (
    <>
      <Button {...props.buttonProps} onClick={() => setOpen(true)}>
        {props.label}
      </Button>
      <Modal
        open={open}
        title={props.title}
        okText={props.okText}
        cancelText={tr('取消', 'Cancel')}
        confirmLoading={sending}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Form<V> form={form} name={props.name} layout="vertical" onFinish={(v) => void submit(v)} preserve={false}>
          {props.children}
        </Form>
        {problems.length > 0 && <Alert type="warning" showIcon role="alert" title={tr('未能提交', 'Not sent')} description={problems.join('；')} />}
      </Modal>
    </>
  );
}
