/**
 * Self-check declarations (自查自纠申报): a person or unit that corrected its own records in phase 1.
 * The officer records one (the person by ID number, or the unit) and sees the city's list.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Form, Input, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { newIdempotencyKey } from '../../api/http';
import { listDeclarations, recordDeclaration, type Declaration } from '../../api/intake';
import { IntakeList } from '../../components/city/IntakeList';
import '../../components/city/city.css';
import { PageContainer } from '../../components/PageContainer';
import { showProblemInForm } from '../../components/problems';
import { CityScope, cityTitle, pageTitle, useCityScope } from '../../components/city/CityScope';
import { freeRule, idNumberRule, lineRule, notAfterToday, required, trimmed, usccRule } from '../../components/city/cityText';
import { formatDate, formatInstant, isoDate } from '../../format';
import { tr, tv } from '../../labels';

const CORRECTIONS = ['moved_contributions', 'moved_registration', 'deregistration_applied'] as const;

interface Values {
  idNumber?: string;
  unitName?: string;
  unitCode?: string;
  correction?: (typeof CORRECTIONS)[number];
  correctedOn?: Dayjs | null;
  note?: string;
}

function DeclarationForm({ campaignId, cityCode }: { campaignId: string; cityCode: string }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [problems, setProblems] = useState<string[]>([]);
  const save = useMutation({
    mutationFn: (v: Values) =>
      recordDeclaration(
        campaignId,
        cityCode,
        {
          idNumber: trimmed(v.idNumber),
          unitName: trimmed(v.unitName),
          unitCode: trimmed(v.unitCode),
          correction: v.correction!,
          correctedOn: isoDate(v.correctedOn)!,
          note: trimmed(v.note),
        },
        newIdempotencyKey(),
      ),
    onSuccess: () => {
      void message.success(tr('申报已登记', 'The declaration is recorded'));
      form.resetFields();
      setProblems([]);
      void queryClient.invalidateQueries({ queryKey: ['declarations', campaignId, cityCode] });
    },
    onError: (err) => setProblems(showProblemInForm(form, err)),
  });

  // A person (ID number) or a unit must be named: the message sits at the ID number.
  const personOrUnit = {
    validator: async () => {
      const v = form.getFieldsValue(['idNumber', 'unitName', 'unitCode']);
      if (!trimmed(v.idNumber) && !trimmed(v.unitName) && !trimmed(v.unitCode)) {
        throw new Error(tr('请填写身份证号，或填写单位名称/统一社会信用代码', 'Name the person (ID number) or the unit'));
      }
    },
  };

  return (
    <Card
      size="small"
      className="section"
      title={
        <Typography.Title level={2} className="card-title">
          {tr('登记申报', 'Record a declaration')}
        </Typography.Title>
      }
    >
      <Form<Values> form={form} name="declaration" layout="vertical" onFinish={(v) => save.mutate(v)} disabled={save.isPending} className="intake-form">
        <Form.Item
          name="idNumber"
          label={tr('身份证号', 'ID number')}
          dependencies={['unitName', 'unitCode']}
          rules={[personOrUnit, idNumberRule(tr('身份证号', 'The ID number'))]}
        >
          <Input autoComplete="off" maxLength={18} spellCheck={false} />
        </Form.Item>
        <Form.Item name="unitName" label={tr('单位名称', 'Unit name')} rules={lineRule(tr('单位名称', 'Unit name'), 200)}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="unitCode" label={tr('统一社会信用代码', 'Credit code')} rules={[usccRule(tr('统一社会信用代码', 'The credit code'))]}>
          <Input maxLength={18} spellCheck={false} />
        </Form.Item>
        <Form.Item name="correction" label={tr('整改方式', 'Correction')} rules={[required(tr('整改方式', 'correction'), 'choose')]}>
          <Select options={CORRECTIONS.map((c) => ({ value: c, label: tv('correction', c) }))} />
        </Form.Item>
        <Form.Item
          name="correctedOn"
          label={tr('整改日期', 'Corrected on')}
          rules={[{ required: true, message: tr('请选择整改日期', 'Choose the date') }, notAfterToday(tr('整改日期', 'date'))]}
        >
          <DatePicker format="YYYY-MM-DD" />
        </Form.Item>
        <Form.Item name="note" className="wide" label={tr('备注（可空）', 'Note (optional)')} rules={freeRule(tr('备注', 'Note'), 2000)}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        {problems.length > 0 && (
          <Alert className="section" type="warning" showIcon role="alert" title={tr('未能登记', 'Not recorded')} description={problems.join('；')} />
        )}
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {tr('登记申报', 'Record')}
        </Button>
      </Form>
    </Card>
  );
}

function Declarations({ campaignId, cityCode }: { campaignId: string; cityCode: string }) {
  const query = useQuery({ queryKey: ['declarations', campaignId, cityCode], queryFn: () => listDeclarations(campaignId, cityCode) });
  return (
    <>
      <DeclarationForm campaignId={campaignId} cityCode={cityCode} />
      <IntakeList<Declaration>
        title={tr('本市（州）申报', "The city's declarations")}
        empty={tr('尚无自查自纠申报', 'No declaration yet')}
        query={query}
        rowKey="id"
        columns={[
          { key: 'id', title: tr('身份证号', 'ID number'), render: (_v, d) => <span className="mono">{d.idNumber ?? ''}</span> },
          { key: 'unit', title: tr('单位', 'Unit'), render: (_v, d) => d.unitName ?? d.unitCode ?? '' },
          { key: 'correction', title: tr('整改方式', 'Correction'), render: (_v, d) => tv('correction', d.correction) },
          { key: 'on', title: tr('整改日期', 'Corrected on'), render: (_v, d) => formatDate(d.correctedOn) },
          { key: 'by', title: tr('登记人', 'Recorded by'), dataIndex: 'declaredBy' },
          { key: 'at', title: tr('登记时间', 'Recorded at'), render: (_v, d) => formatInstant(d.receivedAt) },
          { key: 'note', title: tr('备注', 'Note'), render: (_v, d) => d.note ?? '' },
        ]}
      />
    </>
  );
}

export default function DeclarationsPage() {
  const { cityLabel } = useCityScope();
  return (
    <>
      <PageContainer title={cityTitle(pageTitle('declarations'), cityLabel)}>
        <CityScope>{(scope) => <Declarations {...scope} />}</CityScope>
      </PageContainer>
    </>
  );
}
