/**
 * The fields of a verification decision inside an antd Form: the outcome first, then ONLY the
 * fields that outcome takes (domain/outcomes.ts CaseDecision), re-rendered when the outcome changes
 * (Form.Item dependencies). decisionOf() turns the form's values into the decision the API takes,
 * checked with the API's own schema; undefined while it is incomplete.
 */
import { DatePicker, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { CaseDecision, CaseOutcome, CompliantGround, RectifyHow } from '../../../../domain/outcomes';
import { groundLabel, outcomeLabel, rectifyHowLabel } from '../../domainLabels';
import { isoDate } from '../../format';
import { tr } from '../../labels';
import { freeRule, lineRule, notAfterToday, required, trimmed, usccRule } from './cityText';

export interface DecisionValues {
  outcome?: CaseOutcome;
  ground?: string;
  justification?: string;
  rectifiedOn?: Dayjs | null;
  how?: string;
  deregisteredOn?: Dayjs | null;
  actualEmployer?: { name?: string; code?: string };
  evidence?: string;
  receivingAuthority?: string;
  note?: string;
}

/** The decision the values make, or undefined while a field it needs is missing or wrong. */
export function decisionOf(v: DecisionValues | undefined): CaseDecision | undefined {
  if (!v?.outcome) return undefined;
  const note = trimmed(v.note);
  const base = { outcome: v.outcome, ...(note ? { note } : {}) };
  const raw = (() => {
    switch (v.outcome) {
      case 'COMPLIANT':
        return { ...base, ground: v.ground, justification: trimmed(v.justification) };
      case 'RECTIFIED':
        return { ...base, rectifiedOn: isoDate(v.rectifiedOn), how: v.how };
      case 'DEREGISTERED':
        return { ...base, deregisteredOn: isoDate(v.deregisteredOn) };
      case 'VIOLATION':
        return {
          ...base,
          actualEmployer: { name: trimmed(v.actualEmployer?.name), code: trimmed(v.actualEmployer?.code) ?? null },
          evidence: trimmed(v.evidence),
        };
      case 'TRANSFERRED':
        return { ...base, receivingAuthority: trimmed(v.receivingAuthority) };
    }
  })();
  const parsed = CaseDecision.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}

const DATE_FORMAT = 'YYYY-MM-DD';

/** The outcome's own fields. */
function OutcomeFields({ outcome }: { outcome: CaseOutcome | undefined }) {
  switch (outcome) {
    case 'COMPLIANT':
      return (
        <>
          <Form.Item name="ground" label={tr('合规依据', 'Lawful ground')} rules={[required(tr('合规依据', 'lawful ground'), 'choose')]}>
            <Select options={CompliantGround.options.map((g) => ({ value: g, label: groundLabel(g) }))} />
          </Form.Item>
          <Form.Item
            name="justification"
            label={tr('说明理由', 'Justification')}
            rules={[required(tr('说明理由', 'justification')), ...freeRule(tr('说明理由', 'Justification'), 2000)]}
          >
            <Input.TextArea rows={3} maxLength={2000} showCount />
          </Form.Item>
        </>
      );
    case 'RECTIFIED':
      return (
        <>
          <Form.Item
            name="rectifiedOn"
            label={tr('整改日期', 'Rectified on')}
            extra={tr('自查自纠截止日之后整改的，仍须追究责任', 'A correction after the self-check deadline is still liable')}
            rules={[{ required: true, message: tr('请选择整改日期', 'Choose the date of the correction') }, notAfterToday(tr('整改日期', 'date'))]}
          >
            <DatePicker format={DATE_FORMAT} />
          </Form.Item>
          <Form.Item name="how" label={tr('整改方式', 'How')} rules={[required(tr('整改方式', 'how it was corrected'), 'choose')]}>
            <Select options={RectifyHow.options.map((h) => ({ value: h, label: rectifyHowLabel(h) }))} />
          </Form.Item>
        </>
      );
    case 'DEREGISTERED':
      return (
        <Form.Item
          name="deregisteredOn"
          label={tr('注销日期', 'Deregistered on')}
          rules={[{ required: true, message: tr('请选择注销日期', 'Choose the date of deregistration') }, notAfterToday(tr('注销日期', 'date'))]}
        >
          <DatePicker format={DATE_FORMAT} />
        </Form.Item>
      );
    case 'VIOLATION':
      return (
        <>
          <Form.Item
            name={['actualEmployer', 'name']}
            label={tr('实际工作单位名称', 'Actual employer')}
            rules={[required(tr('实际工作单位名称', 'actual employer')), ...lineRule(tr('实际工作单位名称', 'Actual employer'), 200)]}
          >
            <Input autoComplete="off" maxLength={200} />
          </Form.Item>
          <Form.Item
            name={['actualEmployer', 'code']}
            label={tr('实际工作单位统一社会信用代码（可空）', "Actual employer's credit code (optional)")}
            rules={[usccRule(tr('统一社会信用代码', 'The credit code'))]}
          >
            <Input autoComplete="off" maxLength={18} spellCheck={false} />
          </Form.Item>
          <Form.Item name="evidence" label={tr('证据', 'Evidence')} rules={[required(tr('证据', 'evidence')), ...freeRule(tr('证据', 'Evidence'), 2000)]}>
            <Input.TextArea rows={3} maxLength={2000} showCount />
          </Form.Item>
        </>
      );
    case 'TRANSFERRED':
      return (
        <Form.Item
          name="receivingAuthority"
          label={tr('移交部门', 'Receiving authority')}
          rules={[required(tr('移交部门', 'receiving authority')), ...lineRule(tr('移交部门', 'Receiving authority'), 200)]}
        >
          <Input maxLength={200} />
        </Form.Item>
      );
    default:
      return null;
  }
}

/** The outcome select, the chosen outcome's fields, and the note every outcome may carry. */
export function DecisionFields() {
  return (
    <>
      <Form.Item name="outcome" label={tr('核查结论', 'Outcome')} rules={[{ required: true, message: tr('请选择核查结论', 'Choose the outcome') }]}>
        <Select options={CaseOutcome.options.map((o) => ({ value: o, label: outcomeLabel(o) }))} />
      </Form.Item>
      <Form.Item noStyle dependencies={['outcome']}>
        {({ getFieldValue }) => <OutcomeFields outcome={getFieldValue('outcome') as CaseOutcome | undefined} />}
      </Form.Item>
      <Form.Item noStyle dependencies={['outcome']}>
        {({ getFieldValue }) =>
          getFieldValue('outcome') ? (
            <Form.Item name="note" label={tr('备注（可空）', 'Note (optional)')} rules={freeRule(tr('备注', 'Note'), 2000)}>
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
          ) : null
        }
      </Form.Item>
    </>
  );
}
