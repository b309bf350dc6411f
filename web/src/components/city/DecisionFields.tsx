/**
 * The fields of a verification decision inside an antd Form: the outcome first, then ONLY the
 * fields that outcome takes (domain/outcomes.ts CaseDecision), re-rendered when the outcome changes
 * (Form.Item dependencies). decisionOf() turns the form's values into the decision the API takes,
 * checked with the API's own schema; undefined while it is incomplete.
 */
import { useQuery } from '@tanstack/react-query';
import { DatePicker, Form, Input, Radio, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { JILIN_CITIES } from '../../../../domain/cities';
import { CaseDecision, CaseOutcome, CompliantGround, RectifyHow } from '../../../../domain/outcomes';
import { getOutsideAuthorities } from '../../api/transfers';
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
  /** TRANSFERRED: to a receiving city (a case opens there) or to an outside authority (a referral letter). */
  transferKind?: 'city' | 'authority';
  transferCity?: string;
  transferAuthority?: { value: string; label?: unknown };
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
        // The API names the receiving authority officially from the target; the name here is what the officer chose.
        if (v.transferKind === 'city' && v.transferCity) {
          const city = JILIN_CITIES.find((c) => c.code === v.transferCity);
          return { ...base, receivingAuthority: `${city?.name ?? v.transferCity}住房和城乡建设局`, transferTo: { kind: 'city', cityCode: v.transferCity } };
        }
        if (v.transferKind === 'authority' && v.transferAuthority?.value) {
          const label = typeof v.transferAuthority.label === 'string' ? v.transferAuthority.label : v.transferAuthority.value;
          return { ...base, receivingAuthority: label, transferTo: { kind: 'authority', authorityCode: v.transferAuthority.value } };
        }
        return undefined;
    }
  })();
  const parsed = CaseDecision.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}

const DATE_FORMAT = 'YYYY-MM-DD';

/** Where a TRANSFERRED case goes: another city of the province, or an outside authority on the province's list. */
function TransferFields({ ownCity }: { ownCity?: string }) {
  const authorities = useQuery({ queryKey: ['outside-authorities'], queryFn: getOutsideAuthorities, staleTime: 300_000 });
  return (
    <>
      <Form.Item name="transferKind" label={tr('移交去向', 'Transferred to')} rules={[required(tr('移交去向', 'where it goes'), 'choose')]}>
        <Radio.Group
          options={[
            { value: 'city', label: tr('其他市（州）（在接收地立案）', 'Another city (a case opens there)') },
            { value: 'authority', label: tr('其他部门（制发移送函）', 'An outside authority (a referral letter)') },
          ]}
        />
      </Form.Item>
      <Form.Item noStyle dependencies={['transferKind']}>
        {({ getFieldValue }) =>
          getFieldValue('transferKind') === 'city' ? (
            <Form.Item name="transferCity" label={tr('接收市（州）', 'Receiving city')} rules={[required(tr('接收市（州）', 'receiving city'), 'choose')]}>
              <Select options={JILIN_CITIES.filter((c) => c.code !== ownCity).map((c) => ({ value: c.code, label: c.name }))} />
            </Form.Item>
          ) : getFieldValue('transferKind') === 'authority' ? (
            <Form.Item
              name="transferAuthority"
              label={tr('接收部门', 'Receiving authority')}
              // The value is {value, label} (labelInValue): a plain required rule, not the text rule (which types it a string).
              rules={[{ required: true, message: tr('请选择接收部门', 'Choose the receiving authority') }]}
            >
              <Select
                labelInValue
                loading={authorities.isPending}
                options={(authorities.data ?? []).filter((a) => a.active).map((a) => ({ value: a.code, label: a.name }))}
              />
            </Form.Item>
          ) : null
        }
      </Form.Item>
    </>
  );
}

/** The outcome's own fields. */
function OutcomeFields({ outcome, ownCity }: { outcome: CaseOutcome | undefined; ownCity?: string }) {
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
      return <TransferFields ownCity={ownCity} />;
    default:
      return null;
  }
}

/** The outcome select, the chosen outcome's fields, and the note every outcome may carry. */
export function DecisionFields({ ownCity }: { ownCity?: string } = {}) {
  return (
    <>
      <Form.Item name="outcome" label={tr('核查结论', 'Outcome')} rules={[{ required: true, message: tr('请选择核查结论', 'Choose the outcome') }]}>
        <Select options={CaseOutcome.options.map((o) => ({ value: o, label: outcomeLabel(o) }))} />
      </Form.Item>
      <Form.Item noStyle dependencies={['outcome']}>
        {({ getFieldValue }) => <OutcomeFields outcome={getFieldValue('outcome') as CaseOutcome | undefined} ownCity={ownCity} />}
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
