/**
 * One step's form (actionForms.ts), drawn from its fields: dates as date pickers, free text as text
 * areas, choices as selects or yes/no, files uploaded first (their ids go into the command; no file
 * field where the procedure takes no attachment: an intermediary order's), the
 * standing measures revised side by side (MeasureRevision.tsx). A field may be shown only while
 * another has a value (a review's measures unless 不予处罚, a redress result's when 变更). The API's
 * refusals land beside the fields they name, or above the buttons (an art. 45 refusal: its Chinese
 * reason); after a success the procedure is read again.
 */
import { UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Flex, Form, Input, Radio, Select, TimePicker, Upload, type UploadFile } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { newIdempotencyKey } from '../../api/http';
import { procedureTarget, type ProcedureBodies, type ProcedureDetail } from '../../api/procedures';
import { isoDate } from '../../format';
import { currentLang, tr } from '../../labels';
import { freeRule, lineRule, required } from '../city/cityText';
import { showProblemInForm } from '../problems';
import type { FieldSpec, FormSpec } from './actionForms';
import { choicesOf, MeasureRevisionInput, revisionOf, revisionProblem, unchanged, type RevisedMeasure } from './MeasureRevision';
import { mustGive, refusedOutright } from './procedureWords';

const DATE_FORMAT = 'YYYY-MM-DD';
const zhOr = (t: { zh: string; en: string }) => (currentLang() === 'zh' ? t.zh : t.en);

/**
 * The control of one field. Form.Item hands its child the value, onChange and id (which ties the
 * label to the control): they are passed on to the control itself.
 */
function FieldInput({ field, procedure, ...control }: { field: FieldSpec; procedure: ProcedureDetail } & Record<string, unknown>) {
  const label = zhOr(field);
  switch (field.kind) {
    case 'measures':
      return <MeasureRevisionInput {...control} procedure={procedure} words={field.revision!} />;
    case 'date':
      return (
        <DatePicker {...control} format={DATE_FORMAT} disabledDate={field.notFuture ? (d: Dayjs) => d.isAfter(dayjs(procedure.asOfDate), 'day') : undefined} />
      );
    case 'time':
      return <TimePicker {...control} format="HH:mm" minuteStep={5} />;
    case 'line':
      return <Input {...control} maxLength={200} autoComplete="off" />;
    case 'text':
      return <Input.TextArea {...control} rows={3} maxLength={5000} showCount />;
    case 'select':
      return (
        <Select {...control} options={Object.entries(field.options ?? {}).map(([value, zh]) => ({ value, label: currentLang() === 'zh' ? zh : value }))} />
      );
    case 'yesNo':
      return (
        <Radio.Group
          {...control}
          aria-label={label}
          options={[
            { value: true, label: tr('是', 'Yes') },
            { value: false, label: tr('否', 'No') },
          ]}
        />
      );
    case 'file':
    case 'files':
      return (
        <Upload
          {...control}
          accept=".pdf,.png,.jpg,.jpeg,.docx,.xlsx"
          beforeUpload={() => false}
          maxCount={field.kind === 'file' ? 1 : 20}
          multiple={field.kind === 'files'}
        >
          <Button icon={<UploadOutlined />}>{tr(`选择${label}`, `Choose ${label}`)}</Button>
        </Upload>
      );
  }
}

function rulesOf(field: FieldSpec) {
  const label = zhOr(field);
  const rules = [];
  if (field.required) {
    if (field.kind === 'line' || field.kind === 'text') rules.push(required(label));
    else rules.push(mustGive(label, 'choose', field.kind === 'yesNo' ? 'boolean' : field.kind === 'files' ? 'array' : undefined));
  }
  if (field.kind === 'line') rules.push(...lineRule(label, 200));
  if (field.kind === 'text') rules.push(...freeRule(label, 5000));
  if (field.kind === 'measures') {
    return [
      {
        validator: async (_: unknown, rows: RevisedMeasure[] | undefined) => {
          const problem = revisionProblem(rows, label, field.revision!);
          if (problem) throw new Error(problem);
        },
      },
    ];
  }
  return rules;
}

type Values = Record<string, unknown>;

/** Whether a field is shown (and sent) with the form's values as they are. */
const isShown = (f: FieldSpec, valueOf: (name: string) => unknown): boolean => {
  if (!f.shownWhen) return true;
  const same = valueOf(f.shownWhen.field) === f.shownWhen.equals;
  return f.shownWhen.not ? !same : same;
};

export function ActionForm({ procedure, spec, onDone }: { procedure: ProcedureDetail; spec: FormSpec; onDone?: () => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [problems, setProblems] = useState<string[]>([]);
  const [sending, setSending] = useState(false);
  const [key, setKey] = useState(newIdempotencyKey);
  const target = procedureTarget(procedure);
  const fields = spec.fields.filter((f) => target.attachments || (f.kind !== 'file' && f.kind !== 'files'));

  /** The form's values as the command's body: dates and times as text, files uploaded and named by their ids. */
  const bodyOf = async (v: Values, approved?: boolean): Promise<Record<string, unknown>> => {
    const body: Record<string, unknown> = { ...spec.fixed };
    for (const f of fields) {
      const value = v[f.name];
      if (value === undefined || value === null || value === '' || !isShown(f, (name) => v[name])) continue;
      if (f.kind === 'measures') {
        const rows = value as RevisedMeasure[];
        // A review that keeps every measure as notified sends none: the measures stay as they are.
        if (f.revision?.sendUnchanged || !unchanged(procedure, rows)) body[f.name] = choicesOf(rows);
      } else if (f.kind === 'date') body[f.name] = isoDate(value as Dayjs);
      else if (f.kind === 'time') body[f.name] = (value as Dayjs).format('HH:mm');
      else if (f.kind === 'file' || f.kind === 'files') {
        const files = value as UploadFile[];
        const ids = [];
        for (const file of files) if (file.originFileObj && target.attachments) ids.push((await target.attachments.upload(file.originFileObj)).attachmentId);
        if (ids.length > 0) body[f.name] = f.kind === 'file' ? ids[0] : ids;
      } else if (typeof value === 'string') body[f.name] = value.trim();
      else body[f.name] = value;
    }
    if (spec.approval) body.approved = approved;
    return body;
  };

  const send = async (approved?: boolean) => {
    setProblems([]);
    let values: Values;
    try {
      values = approved === false ? form.getFieldsValue() : await form.validateFields();
    } catch {
      setProblems([tr('请更正标出的错误', 'Correct the marked fields')]);
      return;
    }
    setSending(true);
    try {
      const body = await bodyOf(values, approved);
      await target.send(spec.command, body as ProcedureBodies[typeof spec.command], key);
      void message.success(tr(`${spec.title.zh}：已提交`, `${spec.title.en}: done`));
      form.resetFields();
      setKey(newIdempotencyKey());
      await Promise.all([...target.queryKeys, ['proceduresDue']].map((queryKey) => queryClient.invalidateQueries({ queryKey })));
      onDone?.();
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
      layout="vertical"
      name={`procedure-${spec.command.replace(/\W/g, '-')}`}
      disabled={sending}
      onFinish={() => void send(spec.approval ? true : undefined)}
    >
      {fields.map((f) => {
        const item = (
          <Form.Item
            key={f.name}
            name={f.name}
            label={zhOr(f)}
            rules={rulesOf(f)}
            extra={f.hint ? zhOr(f.hint) : undefined}
            initialValue={f.kind === 'measures' ? revisionOf(procedure) : undefined}
            {...(f.kind === 'file' || f.kind === 'files'
              ? { valuePropName: 'fileList', getValueFromEvent: (e: { fileList?: UploadFile[] } | UploadFile[]) => (Array.isArray(e) ? e : (e.fileList ?? [])) }
              : {})}
          >
            <FieldInput field={f} procedure={procedure} />
          </Form.Item>
        );
        const when = f.shownWhen;
        if (!when) return item;
        return (
          <Form.Item key={f.name} noStyle shouldUpdate={(before: Values, after: Values) => before[when.field] !== after[when.field]}>
            {({ getFieldValue }) => (isShown(f, getFieldValue) ? item : null)}
          </Form.Item>
        );
      })}
      {problems.length > 0 && (
        <Alert className="section" type="warning" showIcon role="alert" title={tr('未能提交', 'Not recorded')} description={problems.join('；')} />
      )}
      <Flex gap={8}>
        <Button type="primary" htmlType="submit" loading={sending}>
          {zhOr(spec.submit)}
        </Button>
        {spec.approval && (
          <Button danger onClick={() => void send(false)} loading={sending}>
            {tr('退回修改', 'Send back')}
          </Button>
        )}
      </Flex>
    </Form>
  );
}
