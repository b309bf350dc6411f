/**
 * The case page's intermediaries (中介服务机构): those linked to the case (paid the contributions, or
 * named by an officer), and for the city's officers the action that names one from the city's
 * registry as having arranged the hanging, with the reason.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Form, Input, List, Select, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { INTERMEDIARY_HANDLERS, LINK_BASIS_LABELS } from '../../../../domain/intermediary';
import type { CaseDetail } from '../../api/cases';
import { getCaseIntermediaries, listIntermediaries, nameOnCase } from '../../api/intermediaries';
import { useSession } from '../../app/session';
import { ErrorAlert } from '../ErrorAlert';
import { freeRule, required } from '../city/cityText';
import { currentLang, tr } from '../../labels';
import { FormModalButton } from './FormModalButton';

function NameButton({ detail }: { detail: CaseDetail }) {
  const city = { campaignId: detail.campaignId, cityCode: detail.cityCode };
  const registry = useQuery({ queryKey: ['intermediaries', city], queryFn: () => listIntermediaries(city) });
  const queryClient = useQueryClient();
  return (
    <FormModalButton<{ intermediaryId: number; reason: string }>
      label={tr('认定中介机构', 'Name an intermediary')}
      title={tr(`认定安排挂证的中介机构：${detail.caseNo}`, `Name the intermediary of ${detail.caseNo}`)}
      name="nameIntermediary"
      okText={tr('确认认定', 'Name it')}
      done={tr('已认定中介机构', 'Intermediary named')}
      onSubmit={async (v) => {
        await nameOnCase({ ...city, intermediaryId: v.intermediaryId }, detail.caseId, v.reason.trim());
        await queryClient.invalidateQueries({ queryKey: ['case-intermediaries', detail.caseId] });
        await queryClient.invalidateQueries({ queryKey: ['intermediaries', city] });
      }}
    >
      <Form.Item
        name="intermediaryId"
        label={tr('中介机构', 'Intermediary')}
        extra={tr('名录中没有的，请先在“中介机构”页登记。', 'Register it on the Intermediaries page first if it is not listed.')}
        rules={[{ required: true, message: tr('请选择中介机构', 'Choose the intermediary') }]}
      >
        <Select loading={registry.isPending} options={(registry.data?.items ?? []).map((i) => ({ value: i.intermediaryId, label: i.name }))} />
      </Form.Item>
      <Form.Item
        name="reason"
        label={tr('认定理由', 'Reason')}
        extra={tr('请勿填写身份证号；提及人员请用案件编号。', 'No ID numbers: name the person by the case number.')}
        rules={[required(tr('认定理由', 'reason')), ...freeRule(tr('认定理由', 'Reason'), 2000)]}
      >
        <Input.TextArea rows={3} maxLength={2000} showCount />
      </Form.Item>
    </FormModalButton>
  );
}

export function CaseIntermediariesSection({ detail }: { detail: CaseDetail }) {
  const { role } = useSession().user;
  const query = useQuery({ queryKey: ['case-intermediaries', detail.caseId], queryFn: () => getCaseIntermediaries(detail.caseId) });
  const canAct = INTERMEDIARY_HANDLERS.act.includes(role);
  if (query.isError) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  const items = query.data?.items ?? [];
  return (
    <>
      {!query.isPending && items.length === 0 && <Typography.Paragraph>{tr('未关联中介机构。', 'No intermediary linked.')}</Typography.Paragraph>}
      <List
        size="small"
        loading={query.isPending}
        dataSource={items}
        style={items.length === 0 ? { display: 'none' } : undefined}
        renderItem={(l) => (
          <List.Item>
            <Space wrap>
              <Link to="/intermediaries">{l.intermediaryName}</Link>
              <Tag>{currentLang() === 'en' ? l.basis : LINK_BASIS_LABELS[l.basis]}</Tag>
              {l.reason && <Typography.Text type="secondary">{l.reason}</Typography.Text>}
            </Space>
          </List.Item>
        )}
      />
      {canAct && <NameButton detail={detail} />}
    </>
  );
}
