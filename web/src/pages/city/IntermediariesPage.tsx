/**
 * 中介机构: a city's registry of intermediaries (中介服务机构) with their linked cases and rectification
 * orders (deadline, status, follow-up, result, escalation to a penalty when 情节严重). The city's
 * officers register, identify agencies from the evidence and act on orders (an escalated order's
 * procedure on its card); the province's coordinators read any city's, chosen above the list. An
 * address naming an intermediary and an order (components/intermediaries/orderLink.ts, the procedure
 * lists' links) opens that city, that row and that order's card.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Empty, Form, Input, Select, Space, Table, Tag } from 'antd';
import { useSearchParams } from 'react-router';
import { INTERMEDIARY_HANDLERS, INTERMEDIARY_KIND_LABELS, INTERMEDIARY_SOURCE_LABELS, type IntermediaryKind } from '../../../../domain/intermediary';
import { createIntermediary, listIntermediaries, scanEvidence, type IntermediarySummary } from '../../api/intermediaries';
import { useCampaign } from '../../app/campaign';
import { useSession } from '../../app/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageContainer } from '../../components/PageContainer';
import { cityTitle, emptyTable, pageTitle, useChosenCity } from '../../components/city/CityScope';
import { lineRule, required, trimmed, usccRule } from '../../components/city/cityText';
import { errorText } from '../../components/problems';
import { FormModalButton } from '../../components/intermediaries/FormModalButton';
import { IntermediaryPanel, OrderStatusTag } from '../../components/intermediaries/IntermediaryPanel';
import { orderOfSearch } from '../../components/intermediaries/orderLink';
import { currentLang, tr } from '../../labels';

const kindLabel = (k: IntermediaryKind) => (currentLang() === 'en' ? k : INTERMEDIARY_KIND_LABELS[k]);

interface NewIntermediary {
  name: string;
  kind: IntermediaryKind;
  uscc?: string;
  address?: string;
  licenceNumber?: string;
}

function Registry({
  campaignId,
  cityCode,
  canAct,
  opened,
}: {
  campaignId: string;
  cityCode: string;
  canAct: boolean;
  /** The intermediary and order the address names: its row open, the order's card in view. */
  opened: { intermediaryId?: number; orderId?: number };
}) {
  const key = { campaignId, cityCode };
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const query = useQuery({ queryKey: ['intermediaries', key], queryFn: () => listIntermediaries(key) });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['intermediaries', key] });
  const scan = useMutation({
    mutationFn: () => scanEvidence(key),
    onSuccess: async (r) => {
      void message.success(
        tr(
          `证据识别完成：涉及案件${r.casesWithAgency}件，新登记${r.intermediariesCreated}家，新关联${r.linksCreated}件`,
          `Scanned: ${r.casesWithAgency} cases, ${r.intermediariesCreated} new, ${r.linksCreated} new links`,
        ),
      );
      await refresh();
    },
    onError: (err) => void message.error(errorText(err)),
  });
  if (query.isError) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  return (
    <>
      {canAct && (
        <Space style={{ marginBottom: 12 }} wrap>
          <FormModalButton<NewIntermediary>
            label={tr('登记中介机构', 'Register an intermediary')}
            buttonProps={{ type: 'primary' }}
            title={tr('登记中介机构', 'Register an intermediary')}
            name="newIntermediary"
            okText={tr('登记', 'Register')}
            done={tr('已登记', 'Registered')}
            onSubmit={async (v) => {
              await createIntermediary(key, {
                name: v.name.trim(),
                kind: v.kind,
                uscc: trimmed(v.uscc) ?? null,
                address: trimmed(v.address) ?? null,
                licenceNumber: trimmed(v.licenceNumber) ?? null,
              });
              await refresh();
            }}
          >
            <Form.Item name="name" label={tr('机构名称', 'Name')} rules={[required(tr('机构名称', 'name')), ...lineRule(tr('机构名称', 'Name'), 200)]}>
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item name="kind" label={tr('机构类型', 'Kind')} rules={[required(tr('机构类型', 'kind'), 'choose')]}>
              <Select options={(Object.keys(INTERMEDIARY_KIND_LABELS) as IntermediaryKind[]).map((k) => ({ value: k, label: kindLabel(k) }))} />
            </Form.Item>
            <Form.Item name="uscc" label={tr('统一社会信用代码', 'Credit code')} rules={[usccRule(tr('统一社会信用代码', 'Credit code'))]}>
              <Input maxLength={18} />
            </Form.Item>
            <Form.Item name="address" label={tr('住所（经营场所）', 'Address')} rules={lineRule(tr('住所', 'Address'), 300)}>
              <Input maxLength={300} />
            </Form.Item>
            <Form.Item
              name="licenceNumber"
              label={tr('人力资源服务许可证编号', 'HR service licence number')}
              rules={lineRule(tr('许可证编号', 'Licence'), 100)}
            >
              <Input maxLength={100} />
            </Form.Item>
          </FormModalButton>
          <Button loading={scan.isPending} onClick={() => scan.mutate()}>
            {tr('从证据识别代缴社保的人力资源机构', 'Identify agencies from the evidence')}
          </Button>
        </Space>
      )}
      <Table<IntermediarySummary>
        rowKey="intermediaryId"
        size="small"
        loading={query.isPending}
        dataSource={query.data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: emptyTable(tr('名录中尚无中介机构', 'No intermediary in the registry')) }}
        expandable={{
          expandedRowRender: (i) => (
            <IntermediaryPanel
              k={{ ...key, intermediaryId: i.intermediaryId }}
              canAct={canAct}
              focusedOrder={i.intermediaryId === opened.intermediaryId ? opened.orderId : undefined}
            />
          ),
          expandRowByClick: true,
          defaultExpandedRowKeys: opened.intermediaryId ? [opened.intermediaryId] : undefined,
        }}
        columns={[
          { title: tr('机构名称', 'Name'), dataIndex: 'name' },
          { title: tr('类型', 'Kind'), dataIndex: 'kind', render: (k: IntermediaryKind) => kindLabel(k) },
          { title: tr('统一社会信用代码', 'Credit code'), dataIndex: 'uscc', render: (v: string | null) => v ?? '—' },
          { title: tr('许可证编号', 'Licence'), dataIndex: 'licenceNumber', render: (v: string | null) => v ?? '—' },
          {
            title: tr('来源', 'Source'),
            dataIndex: 'source',
            render: (s: IntermediarySummary['source']) => <Tag>{currentLang() === 'en' ? s : INTERMEDIARY_SOURCE_LABELS[s]}</Tag>,
          },
          { title: tr('关联案件', 'Cases'), dataIndex: 'linkedCases' },
          { title: tr('整改期限', 'Deadline'), key: 'deadline', render: (_v, i) => i.latestOrder?.deadline ?? '—' },
          { title: tr('整改状态', 'Order'), key: 'order', render: (_v, i) => (i.latestOrder ? <OrderStatusTag order={i.latestOrder} /> : '—') },
        ]}
      />
    </>
  );
}

export default function IntermediariesPage() {
  const { campaignId } = useCampaign();
  const user = useSession().user;
  const [params] = useSearchParams();
  const opened = orderOfSearch(params);
  const { cityCode, picker, ownCityLabel } = useChosenCity(opened.cityCode);
  return (
    <PageContainer title={cityTitle(pageTitle('intermediaries'), ownCityLabel)} extra={picker}>
      {campaignId && cityCode ? (
        <Registry
          key={`${cityCode}/${opened.intermediaryId ?? ''}`}
          campaignId={campaignId}
          cityCode={cityCode}
          canAct={INTERMEDIARY_HANDLERS.act.includes(user.role)}
          opened={opened}
        />
      ) : (
        <Empty description={tr('暂无专项行动', 'No campaign yet')} />
      )}
    </PageContainer>
  );
}
