/**
 * Issue 21: the city's 人社局 on a case. It sees the case's social-insurance evidence (the timeline above)
 * and records its finding: where the labour relationship is (劳动关系) and which unit the person applied
 * for the qualification exam through (报考单位), each compared with the registered unit. Every finding is
 * kept, newest first; 住建 and the province read them beside their own evidence.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Empty, Form, Input, List, Select, Typography } from 'antd';
import { newIdempotencyKey } from '../../api/http';
import { listLabourFindings, recordLabourFinding, type LabourFinding, type LabourFindingBody } from '../../api/labourFindings';
import { useSession } from '../../app/session';
import { EXAM_UNIT_LABELS, LABOUR_RELATION_LABELS } from '../../../../domain/labourFinding';
import { formatInstant } from '../../format';
import { tr } from '../../labels';
import { ErrorAlert } from '../ErrorAlert';
import { errorText, showProblemInForm } from '../problems';

const RELATION: Record<LabourFinding['labourRelation'], () => string> = {
  registered_unit: () => tr(LABOUR_RELATION_LABELS.registered_unit, 'With the registered unit'),
  other_unit: () => tr(LABOUR_RELATION_LABELS.other_unit, 'With another unit'),
  none: () => tr(LABOUR_RELATION_LABELS.none, 'No labour relationship on record'),
  unverifiable: () => tr(LABOUR_RELATION_LABELS.unverifiable, 'Cannot be verified'),
};
const EXAM: Record<LabourFinding['examUnit'], () => string> = {
  registered_unit: () => tr(EXAM_UNIT_LABELS.registered_unit, 'The registered unit'),
  other_unit: () => tr(EXAM_UNIT_LABELS.other_unit, 'Another unit'),
  unverifiable: () => tr(EXAM_UNIT_LABELS.unverifiable, 'Cannot be verified'),
};

const ROLES_THAT_READ = ['city_officer', 'city_hr_officer', 'province_coordinator', 'province_hr_coordinator'];

function FindingForm({ caseId }: { caseId: string }) {
  const [form] = Form.useForm<LabourFindingBody>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const relation = Form.useWatch('labourRelation', form);
  const exam = Form.useWatch('examUnit', form);
  const save = useMutation({
    mutationFn: (v: LabourFindingBody) => recordLabourFinding(caseId, v, newIdempotencyKey()),
    onSuccess: () => {
      void message.success(tr('已记录人社核查意见', 'Finding recorded'));
      form.resetFields();
      void queryClient.invalidateQueries({ queryKey: ['labour-findings', caseId] });
    },
    onError: (err) => showProblemInForm(form, err),
  });
  return (
    <Form<LabourFindingBody> form={form} name="labour-finding" layout="vertical" onFinish={(v) => save.mutate(v)} disabled={save.isPending}>
      <Form.Item name="labourRelation" label={tr('劳动关系', 'Labour relationship')} rules={[{ required: true, message: tr('请选择劳动关系', 'Choose one') }]}>
        <Select options={Object.entries(RELATION).map(([value, label]) => ({ value, label: label() }))} />
      </Form.Item>
      {relation === 'other_unit' && (
        <Form.Item
          name="labourUnitName"
          label={tr('劳动关系单位', 'Unit')}
          rules={[{ required: true, whitespace: true, message: tr('请填写劳动关系单位', 'Name the unit') }]}
        >
          <Input maxLength={200} />
        </Form.Item>
      )}
      <Form.Item name="examUnit" label={tr('报考单位', 'Exam application unit')} rules={[{ required: true, message: tr('请选择报考单位', 'Choose one') }]}>
        <Select options={Object.entries(EXAM).map(([value, label]) => ({ value, label: label() }))} />
      </Form.Item>
      {exam === 'other_unit' && (
        <Form.Item
          name="examUnitName"
          label={tr('报考单位名称', 'Unit')}
          rules={[{ required: true, whitespace: true, message: tr('请填写报考单位名称', 'Name the unit') }]}
        >
          <Input maxLength={200} />
        </Form.Item>
      )}
      <Form.Item name="note" label={tr('核查说明（可空）', 'Note (optional)')}>
        <Input.TextArea rows={2} maxLength={2000} showCount />
      </Form.Item>
      {save.isError && (
        <Alert type="warning" showIcon role="alert" className="section" title={tr('未能记录', 'Not recorded')} description={errorText(save.error)} />
      )}
      <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="record-labour-finding">
        {tr('记录人社核查意见', 'Record the finding')}
      </Button>
    </Form>
  );
}

export function LabourFindings({ caseId }: { caseId: string }) {
  const { role } = useSession().user;
  const readable = ROLES_THAT_READ.includes(role);
  const findings = useQuery({ queryKey: ['labour-findings', caseId], queryFn: () => listLabourFindings(caseId), enabled: readable });
  if (!readable)
    return <Typography.Text type="secondary">{tr('人社核查意见仅对经办部门可见', 'Visible to the departments handling the case')}</Typography.Text>;
  return (
    <>
      {findings.isError ? (
        <ErrorAlert error={findings.error} onRetry={() => void findings.refetch()} />
      ) : findings.data?.length ? (
        <List
          size="small"
          dataSource={findings.data}
          data-testid="labour-findings"
          renderItem={(f) => (
            <List.Item>
              <div>
                <Typography.Text strong>{RELATION[f.labourRelation]()}</Typography.Text>
                {f.labourUnitName ? `（${f.labourUnitName}）` : ''}；{EXAM[f.examUnit]()}
                {f.examUnitName ? `（${f.examUnitName}）` : ''}
                {f.note && <div className="prewrap">{f.note}</div>}
                <div className="hint">{tr(`${f.recordedBy} 记录于 ${formatInstant(f.recordedAt)}`, `${f.recordedBy}, ${formatInstant(f.recordedAt)}`)}</div>
              </div>
            </List.Item>
          )}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={tr('人社局尚未记录核查意见', 'No finding recorded yet')} />
      )}
      {role === 'city_hr_officer' && <FindingForm caseId={caseId} />}
    </>
  );
}
