/**
 * 案件分配: the city's responsible person (负责人) assigns many cases at once by a rule: by district
 * (the registration unit's, else the 参保地, as the data has it), by certificate category or by flag,
 * each group round-robin among the officers chosen for it; or round-robin among chosen officers; or
 * all to one officer. The page lists the selected cases' districts (categories, flags) with their
 * counts, previews the cases per officer, and assigns after a confirmation, once (one key per
 * preview: a retry after a lost answer assigns nothing twice). One case is assigned on its page.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Checkbox, Flex, Form, Input, Radio, Select, Table, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useLocation } from 'react-router';
import { z } from 'zod';
import {
  applyAssignment,
  getOfficers,
  previewAssignment,
  type AssignmentApplied,
  type AssignmentPlan,
  type AssignmentRequest,
  type CityOfficer,
} from '../../api/assignments';
import { newIdempotencyKey } from '../../api/http';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageContainer } from '../../components/PageContainer';
import { CityScope, cityTitle, emptyTable, pageTitle, useCityScope } from '../../components/city/CityScope';
import '../../components/city/city.css';
import { errorText } from '../../components/problems';
import { tr } from '../../labels';

type RuleKind = AssignmentRequest['rule']['kind'];
type Dimension = 'district' | 'certCategory' | 'flag';
const isDimension = (k: RuleKind): k is Dimension => k === 'district' || k === 'certCategory' || k === 'flag';

const RULE_KINDS: { value: RuleKind; zh: string; en: string }[] = [
  { value: 'district', zh: '按区县', en: 'By district' },
  { value: 'certCategory', zh: '按注册类别', en: 'By certificate category' },
  { value: 'flag', zh: '按疑点类型', en: 'By flag' },
  { value: 'roundRobin', zh: '轮流分配', en: 'Round-robin' },
  { value: 'officer', zh: '全部分配给一人', en: 'All to one officer' },
];

/** The row of cases no listed key takes (match null). */
const REST = '*';

const officerLabel = (o: CityOfficer) =>
  `${o.displayName === o.userId ? o.userId : `${o.displayName}（${o.userId}）`} · ${tr(`在办 ${o.openCases} 件`, `${o.openCases} open`)}`;

/** Cases chosen on the worklist (its 分配所选案件), for this campaign. */
const Selection = z.object({ assignSelection: z.object({ campaignId: z.string(), caseIds: z.array(z.string()).min(1).max(5000) }) });

interface KeyRow {
  key: string;
  label: string;
  cases: number;
}

function AssignmentFlow({ campaignId, cityCode }: { campaignId: string; cityCode: string }) {
  const { modal } = App.useApp();
  const queryClient = useQueryClient();
  const location = useLocation();
  const given = Selection.safeParse(location.state);
  const [caseIds, setCaseIds] = useState(
    given.success && given.data.assignSelection.campaignId === campaignId ? given.data.assignSelection.caseIds : undefined,
  );
  const [kind, setKind] = useState<RuleKind>(caseIds ? 'officer' : 'district');
  // Chosen cases are assigned as chosen (their officer, if any, changes with a reason); a rule over the city takes the unassigned.
  const [unassignedOnly, setUnassignedOnly] = useState(caseIds === undefined);
  const [groupOfficers, setGroupOfficers] = useState<Record<string, string[]>>({});
  const [chosen, setChosen] = useState<string[]>([]);
  const [reason, setReason] = useState('');
  const [plan, setPlan] = useState<{ request: AssignmentRequest; answer: AssignmentPlan; key: string }>();
  const [applied, setApplied] = useState<AssignmentApplied>();
  const [problem, setProblem] = useState<string>();

  const officers = useQuery({ queryKey: ['officers', campaignId, cityCode], queryFn: () => getOfficers(campaignId, cityCode) });
  const list = useMemo(() => officers.data?.officers ?? [], [officers.data]);
  const options = list.map((o) => ({ value: o.userId, label: officerLabel(o) }));
  const cases = { status: 'open' as const, unassignedOnly, ...(caseIds ? { caseIds } : {}) };

  // The selected cases' keys in the dimension: a preview with every case to the first officer (records nothing).
  const keys = useQuery({
    queryKey: ['assignment-keys', campaignId, cityCode, kind, unassignedOnly, caseIds],
    queryFn: () => previewAssignment(campaignId, cityCode, { cases, rule: { kind: kind as Dimension, groups: [{ match: null, officers: [list[0].userId] }] } }),
    enabled: isDimension(kind) && list.length > 0,
  });

  const changed = () => {
    setPlan(undefined);
    setApplied(undefined);
    setProblem(undefined);
  };

  const request = (): AssignmentRequest | string => {
    const common = { cases, ...(reason.trim() ? { reason: reason.trim() } : {}) };
    if (kind === 'officer') return chosen[0] ? { ...common, rule: { kind, officer: chosen[0] } } : tr('请选择承办人', 'Choose the officer');
    if (kind === 'roundRobin')
      return chosen.length > 0 ? { ...common, rule: { kind, officers: chosen } } : tr('请选择至少一名承办人', 'Choose at least one officer');
    const groups = [
      ...(keys.data?.keys ?? []).filter((k) => (groupOfficers[k.key] ?? []).length > 0).map((k) => ({ match: k.key, officers: groupOfficers[k.key] })),
      ...((groupOfficers[REST] ?? []).length > 0 ? [{ match: null, officers: groupOfficers[REST] }] : []),
    ];
    return groups.length > 0 ? { ...common, rule: { kind, groups } } : tr('请至少为一个分组选择承办人', 'Choose officers for at least one group');
  };

  const previewing = useMutation({
    mutationFn: (r: AssignmentRequest) => previewAssignment(campaignId, cityCode, r),
    onSuccess: (answer, r) => setPlan({ request: r, answer, key: newIdempotencyKey() }),
    onError: (err) => setProblem(errorText(err)),
  });
  const applying = useMutation({
    mutationFn: (p: NonNullable<typeof plan>) => applyAssignment(campaignId, cityCode, p.request, p.key),
    onSuccess: (r) => {
      setApplied(r);
      setPlan(undefined);
      queryClient.removeQueries({ queryKey: ['worklist'] });
      queryClient.removeQueries({ queryKey: ['case'] });
      void queryClient.invalidateQueries({ queryKey: ['officers'] });
      void queryClient.invalidateQueries({ queryKey: ['assignment-keys'] });
    },
    onError: (err) => setProblem(errorText(err)),
  });

  const toPreview = () => {
    changed();
    const r = request();
    if (typeof r === 'string') setProblem(r);
    else previewing.mutate(r);
  };

  const confirm = () => {
    if (!plan) return;
    const a = plan.answer;
    modal.confirm({
      title: tr(`分配 ${a.assigned} 件案件？`, `Assign ${a.assigned} cases?`),
      width: 560,
      content: (
        <div data-testid="confirm-assignment">
          <ul className="penalty-list">
            {a.perOfficer.map((p) => (
              <li key={p.officer}>{tr(`${p.officer}：${p.cases} 件`, `${p.officer}: ${p.cases}`)}</li>
            ))}
          </ul>
          {a.reassigned > 0 && (
            <Typography.Paragraph>{tr(`其中 ${a.reassigned} 件将改派（须填写理由）。`, `${a.reassigned} move from another officer.`)}</Typography.Paragraph>
          )}
          {a.unmatched > 0 && (
            <Typography.Paragraph>
              {tr(`${a.unmatched} 件不属于任何分组，保持不变。`, `${a.unmatched} match no group and stay as they are.`)}
            </Typography.Paragraph>
          )}
        </div>
      ),
      okText: tr('确认分配', 'Assign'),
      cancelText: tr('返回', 'Go back'),
      onOk: () =>
        applying.mutateAsync(plan).then(
          () => undefined,
          () => undefined,
        ),
    });
  };

  if (officers.isError) return <ErrorAlert error={officers.error} onRetry={() => void officers.refetch()} />;

  const without = keys.data?.withoutKey ?? 0;
  const restLabel =
    kind === 'district' && without > 0
      ? tr(`其余案件（含无区县信息的 ${without} 件）`, `Every other case (${without} without a district)`)
      : tr('其余案件', 'Every other case');
  const keyRows: KeyRow[] = [...(keys.data?.keys ?? []), { key: REST, label: restLabel, cases: 0 }];
  const keyColumns: TableColumnsType<KeyRow> = [
    {
      key: 'label',
      title: kind === 'district' ? tr('区县', 'District') : kind === 'flag' ? tr('疑点类型', 'Flag') : tr('注册类别', 'Category'),
      dataIndex: 'label',
    },
    {
      key: 'cases',
      title: tr('案件数', 'Cases'),
      dataIndex: 'cases',
      width: 100,
      align: 'right',
      render: (n: number, r) => (r.key === REST ? '—' : n),
    },
    {
      key: 'officers',
      title: tr('承办人（轮流）', 'Officers (in turn)'),
      render: (_v, r) => (
        <Select
          mode="multiple"
          style={{ minWidth: 260 }}
          aria-label={tr(`${r.label}的承办人`, `Officers for ${r.label}`)}
          data-testid={`group-${r.key}`}
          value={groupOfficers[r.key] ?? []}
          options={options}
          optionFilterProp="label"
          onChange={(v: string[]) => {
            changed();
            setGroupOfficers((g) => ({ ...g, [r.key]: v }));
          }}
        />
      ),
    },
  ];

  return (
    <>
      {caseIds && (
        <Alert
          type="info"
          showIcon
          className="section"
          data-testid="assign-selection"
          title={tr(`分配在核查清单中选定的 ${caseIds.length} 件案件`, `Assigning the ${caseIds.length} cases chosen on the worklist`)}
          action={
            <Button
              size="small"
              onClick={() => {
                changed();
                setCaseIds(undefined);
                setUnassignedOnly(true);
              }}
            >
              {tr('改为本市全部在办案件', 'Use every open case instead')}
            </Button>
          }
        />
      )}
      <Form layout="vertical" className="section" aria-label={tr('分配规则', 'Assignment rule')}>
        <Form.Item label={tr('分配方式', 'How')}>
          <Radio.Group
            value={kind}
            optionType="button"
            options={RULE_KINDS.map((k) => ({ value: k.value, label: tr(k.zh, k.en) }))}
            onChange={(e) => {
              changed();
              setKind(e.target.value as RuleKind);
              setGroupOfficers({});
              setChosen([]);
            }}
          />
        </Form.Item>
        <Form.Item>
          <Checkbox
            checked={unassignedOnly}
            onChange={(e) => {
              changed();
              setUnassignedOnly(e.target.checked);
            }}
          >
            {tr('仅分配尚未分配承办人的在办案件', 'Only open cases without an officer')}
          </Checkbox>
        </Form.Item>
        {isDimension(kind) ? (
          keys.isError ? (
            <ErrorAlert error={keys.error} onRetry={() => void keys.refetch()} />
          ) : (
            <Table<KeyRow>
              className="section"
              size="small"
              rowKey="key"
              loading={keys.isFetching}
              dataSource={keyRows}
              columns={keyColumns}
              pagination={false}
              locale={{ emptyText: emptyTable(tr('没有可分配的案件', 'No case to assign')) }}
              caption={tr(
                `所选在办案件 ${keys.data?.cases ?? 0} 件；每组内按案件编号轮流分配给所选承办人`,
                `${keys.data?.cases ?? 0} cases; dealt in case-number order`,
              )}
            />
          )
        ) : (
          <Form.Item label={kind === 'officer' ? tr('承办人', 'Officer') : tr('承办人（按所选顺序轮流）', 'Officers (in this order)')} htmlFor="as-officers">
            <Select
              id="as-officers"
              mode={kind === 'officer' ? undefined : 'multiple'}
              style={{ maxWidth: 480 }}
              value={kind === 'officer' ? chosen[0] : chosen}
              options={options}
              optionFilterProp="label"
              onChange={(v: string | string[]) => {
                changed();
                setChosen(Array.isArray(v) ? v : [v]);
              }}
            />
          </Form.Item>
        )}
        <Form.Item
          label={tr('改派理由', 'Reason')}
          htmlFor="as-reason"
          extra={tr('改派已有承办人的案件时必填；请勿填写身份证号。', 'Required to move cases from their officer; no ID numbers.')}
        >
          <Input.TextArea
            id="as-reason"
            rows={2}
            maxLength={500}
            value={reason}
            onChange={(e) => {
              changed();
              setReason(e.target.value);
            }}
          />
        </Form.Item>
        <Button type="primary" onClick={toPreview} loading={previewing.isPending} data-testid="assignment-preview">
          {tr('预览分配结果', 'Preview')}
        </Button>
      </Form>
      {problem && <Alert type="warning" showIcon role="alert" className="section" title={problem} />}
      {plan && (
        <section className="section" aria-label={tr('分配预览', 'Preview')} data-testid="assignment-plan">
          <Typography.Paragraph>
            {tr(
              `所选案件 ${plan.answer.cases} 件：将分配 ${plan.answer.assigned} 件（其中已是该承办人 ${plan.answer.unchanged} 件，改派 ${plan.answer.reassigned} 件），不属于任何分组 ${plan.answer.unmatched} 件。`,
              `${plan.answer.cases} cases: ${plan.answer.assigned} assigned (${plan.answer.unchanged} unchanged, ${plan.answer.reassigned} moved), ${plan.answer.unmatched} in no group.`,
            )}
          </Typography.Paragraph>
          <Table
            size="small"
            rowKey="officer"
            pagination={false}
            dataSource={plan.answer.perOfficer.map((p) => ({ ...p, name: list.find((o) => o.userId === p.officer)?.displayName ?? p.officer }))}
            columns={[
              { key: 'name', title: tr('承办人', 'Officer'), dataIndex: 'name' },
              {
                key: 'cases',
                title: tr('分配案件数', 'Cases'),
                dataIndex: 'cases',
                align: 'right',
                render: (n: number) => <span data-testid="plan-count">{n}</span>,
              },
            ]}
          />
          <Flex gap={8} className="section">
            <Button type="primary" disabled={plan.answer.assigned === 0} onClick={confirm} data-testid="assignment-apply">
              {tr('确认分配', 'Assign')}
            </Button>
          </Flex>
        </section>
      )}
      {applied && (
        <Alert
          type="success"
          showIcon
          className="section"
          data-testid="assignment-done"
          title={tr(`已分配 ${applied.changed} 件案件`, `${applied.changed} cases assigned`)}
          description={applied.perOfficer.map((p) => `${p.officer}：${p.cases}`).join('；')}
        />
      )}
    </>
  );
}

export default function AssignmentsPage() {
  const { cityLabel } = useCityScope();
  return (
    <PageContainer title={cityTitle(pageTitle('assignments'), cityLabel)}>
      <CityScope>{(scope) => <AssignmentFlow {...scope} />}</CityScope>
    </PageContainer>
  );
}
