/**
 * A case's facts as the API answers them for the reader's role: the case and the person
 * (Descriptions; supervisors and auditors get the masked ID number and no evidence contents), the
 * registrations, the recorded decision, its penalties and ban, and the notes an officer weighs.
 */
import { Descriptions, Empty, Flex, List, Table, Tag, Typography, type DescriptionsProps } from 'antd';
import { UNIT_KIND_LABELS, type UnitKind } from '../../../../domain/uscc';
import type { CaseDetail } from '../../api/cases';
import { certLabel, cityLabel, flagLabel, groundLabel, levelLabel, outcomeLabel, penaltyLabel, rectifyHowLabel } from '../../domainLabels';
import { formatDate, formatInstant } from '../../format';
import { emptyTable } from './CityScope';
import { TAG_COLOR } from './cityText';
import { tr, tv } from '../../labels';
import './city.css';
import { evidenceNotes, hasEvidencePayloads, registrationsOf, type EvidenceNote, type Registration } from './caseEvidence';

const statusColor = (s: CaseDetail['status']) => (s === 'open' ? TAG_COLOR.blue : s === 'carried_over' ? TAG_COLOR.orange : TAG_COLOR.green);

export function CaseSummary({ detail: c }: { detail: CaseDetail }) {
  const overdue = c.status === 'open' && c.dueAt !== null && Date.parse(c.dueAt) < Date.now();
  const person = c.person;
  const items: DescriptionsProps['items'] = [
    { key: 'caseNo', label: tr('案件编号', 'Case number'), children: c.caseNo },
    {
      key: 'status',
      label: tr('状态', 'Status'),
      children: (
        <Flex gap={4} wrap>
          <Tag color={statusColor(c.status)} data-testid="case-status">
            {tv('caseStatus', c.status)}
          </Tag>
          {c.status === 'open' && !c.ready && <Tag>{tr('准备中', 'Preparing')}</Tag>}
        </Flex>
      ),
    },
    {
      key: 'outcome',
      label: tr('核查结论', 'Outcome'),
      children: c.outcome ? <span data-testid="case-outcome">{outcomeLabel(c.outcome)}</span> : tr('尚未作出', 'Not yet decided'),
    },
    { key: 'city', label: tr('市（州）', 'City'), children: cityLabel(c.cityCode) },
    {
      key: 'origin',
      label: tr('来源', 'Origin'),
      children:
        c.origin === 'complaint'
          ? tr('投诉举报', 'Complaint')
          : c.origin === 'transfer'
            ? tr('其他市（州）移交', 'Transferred from another city')
            : tr('数据比对', 'Screening'),
    },
    { key: 'risk', label: tr('风险分', 'Risk'), children: c.riskScore },
    { key: 'opened', label: tr('立案时间', 'Opened'), children: formatInstant(c.openedAt) },
    {
      key: 'due',
      label: tr('办理期限', 'Due'),
      children: (
        <Flex gap={4} wrap>
          <span>{formatInstant(c.dueAt)}</span>
          {overdue && <Tag color={TAG_COLOR.red}>{tr('已逾期', 'Overdue')}</Tag>}
        </Flex>
      ),
    },
    {
      key: 'name',
      label: tr('姓名', 'Name'),
      children: person.name ?? person.nameMasked ?? <Typography.Text type="secondary">{tr('不向本角色显示', 'Not shown to your role')}</Typography.Text>,
    },
    { key: 'id', label: tr('身份证号', 'ID number'), children: <span className="mono">{person.idNumber ?? person.idNumberMasked ?? ''}</span> },
    {
      key: 'reasons',
      label: tr('疑点', 'Flags'),
      span: 'filled',
      children: (
        <Flex gap={4} wrap>
          {c.reasons.map((r) => (
            <Tag key={r}>{flagLabel(r)}</Tag>
          ))}
        </Flex>
      ),
    },
  ];
  return <Descriptions bordered size="small" column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 3, xxl: 3 }} items={items} />;
}

export function NoEvidenceForRole() {
  return (
    <Empty
      image={Empty.PRESENTED_IMAGE_SIMPLE}
      description={tr('证据明细含个人数据，不向督导和审计角色显示', 'Evidence holds personal data and is not shown to supervisors and auditors')}
    />
  );
}

export function Registrations({ detail }: { detail: CaseDetail }) {
  if (!hasEvidencePayloads(detail)) return <NoEvidenceForRole />;
  return (
    <Table<Registration & { key: number }>
      size="small"
      pagination={false}
      dataSource={registrationsOf(detail).map((r, key) => ({ ...r, key }))}
      locale={{ emptyText: emptyTable(tr('没有注册记录', 'No registration')) }}
      columns={[
        { key: 'cat', title: tr('注册类别', 'Category'), render: (_v, r) => certLabel(r.certCategory ?? '') },
        { key: 'no', title: tr('证书编号', 'Certificate'), render: (_v, r) => r.certNumber ?? '' },
        { key: 'unit', title: tr('注册单位', 'Unit'), render: (_v, r) => r.unitName ?? r.unitCode ?? '' },
        { key: 'code', title: tr('统一社会信用代码', 'Credit code'), render: (_v, r) => <span className="mono">{r.unitCode ?? ''}</span> },
        { key: 'on', title: tr('注册日期', 'Registered'), render: (_v, r) => formatDate(r.registeredOn) },
        { key: 'status', title: tr('注册状态', 'Status'), render: (_v, r) => tv('regStatus', r.status ?? 'valid') },
      ]}
    />
  );
}

function noteText(n: EvidenceNote): string {
  switch (n.kind) {
    case 'branch':
      return tr(`${n.unit}：分支机构，总公司为${n.other}`, `${n.unit}: a branch of ${n.other}`);
    case 'parent':
      return tr(`${n.unit}：母公司为${n.other}（母子公司为不同法人，不视为同一单位）`, `${n.unit}: parent company ${n.other} (a separate legal person)`);
    case 'unitKind':
      return tr(`${n.unit}：单位类型为${UNIT_KIND_LABELS[n.other as UnitKind] ?? n.other}`, `${n.unit}: unit kind ${n.other}`);
    case 'exam':
      return tr(`考试报名单位（${n.other ?? ''}年）：${n.unit ?? ''}`, `Exam application (${n.other ?? ''}): ${n.unit ?? ''}`);
    case 'contract':
      return tr(
        `劳动合同备案：${n.unit ?? ''}（${formatDate(n.from)} 至 ${formatDate(n.to) || '今'}）`,
        `Labour contract: ${n.unit ?? ''} (${n.from ?? ''} – ${n.to ?? ''})`,
      );
    case 'publicSector':
      return tr(`机关事业单位在编：${n.unit ?? ''}`, `Public-sector staff: ${n.unit ?? ''}`);
    case 'selfCheck':
      return tr(`自查自纠申报：${tv('correction', n.other)}（${formatDate(n.from)}）`, `Self-check declaration: ${n.other ?? ''} (${n.from ?? ''})`);
  }
}

export function EvidenceNotes({ detail }: { detail: CaseDetail }) {
  if (!hasEvidencePayloads(detail)) return <NoEvidenceForRole />;
  const notes = evidenceNotes(detail);
  if (notes.length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={tr('没有关联单位或其他来源的记录', 'No related units or other records')} />;
  return <List size="small" dataSource={notes} renderItem={(n, i) => <List.Item key={i}>{noteText(n)}</List.Item>} />;
}

/** The decision as recorded, and the penalties and ban it imposed. */
export function RecordedDecision({ detail: c }: { detail: CaseDetail }) {
  const d = (c.decision ?? {}) as Record<string, unknown>;
  const str = (k: string) => (typeof d[k] === 'string' && d[k] !== '' ? d[k] : undefined);
  const employer = d.actualEmployer as { name?: string; code?: string | null } | undefined;
  const rows: [string, string | undefined][] = [
    [tr('核查结论', 'Outcome'), outcomeLabel(c.outcome)],
    [tr('合规依据', 'Lawful ground'), str('ground') && groundLabel(str('ground')!)],
    [tr('说明理由', 'Justification'), str('justification')],
    [tr('整改日期', 'Rectified on'), str('rectifiedOn') && formatDate(str('rectifiedOn'))],
    [tr('整改方式', 'How'), str('how') && rectifyHowLabel(str('how')!)],
    [tr('注销日期', 'Deregistered on'), str('deregisteredOn') && formatDate(str('deregisteredOn'))],
    [tr('实际工作单位', 'Actual employer'), employer?.name ? `${employer.name}${employer.code ? `（${employer.code}）` : ''}` : undefined],
    [tr('证据', 'Evidence'), str('evidence')],
    [tr('移交部门', 'Receiving authority'), str('receivingAuthority')],
    [tr('备注', 'Note'), str('note')],
    [
      tr('责任认定', 'Liability'),
      c.liability === 'exempt'
        ? tr('自查自纠期间已整改，不予追究', 'Exempt: corrected during the self-check')
        : c.liability === 'liable'
          ? tr('追究责任', 'Liable')
          : undefined,
    ],
    [tr('核查人', 'Decided by'), c.decidedBy ?? undefined],
    [tr('核查日期', 'Decided on'), formatDate(c.decidedOn)],
  ];
  return (
    <div data-testid="recorded-decision">
      <Descriptions
        bordered
        size="small"
        column={1}
        items={rows.filter(([, v]) => v).map(([label, v], i) => ({ key: i, label, children: <span className="prewrap">{v}</span> }))}
      />
      <Typography.Title level={3} className="subsection-title">
        {tr('处理措施', 'Penalties')}
      </Typography.Title>
      <Penalties detail={c} />
    </div>
  );
}

export function Penalties({ detail: c }: { detail: CaseDetail }) {
  if (c.penalties.length === 0 && !c.ban) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={tr('该结论不产生处理措施', 'No penalty')} />;
  return (
    <>
      <Table
        size="small"
        rowKey="penaltyId"
        pagination={false}
        dataSource={c.penalties}
        data-testid="penalties"
        columns={[
          { key: 'kind', title: tr('措施', 'Penalty'), render: (_v, p) => penaltyLabel(p.kind) },
          { key: 'target', title: tr('对象', 'On'), render: (_v, p) => (p.target === 'unit' ? (p.unitName ?? p.unitCode ?? '') : tr('本人', 'The person')) },
          { key: 'level', title: tr('实施层级', 'Level'), render: (_v, p) => levelLabel(p.level) },
          { key: 'on', title: tr('日期', 'Date'), render: (_v, p) => formatDate(p.imposedOn) },
          { key: 'pub', title: tr('公开', 'Published'), render: (_v, p) => (p.published ? tr('省级平台公开', 'On the provincial platform') : '') },
        ]}
      />
      {c.ban && (
        <Typography.Paragraph className="section">
          {tr(`禁止注册期：${formatDate(c.ban.start)} 至 ${formatDate(c.ban.end)}`, `Registration ban: ${c.ban.start} to ${c.ban.end}`)}
        </Typography.Paragraph>
      )}
    </>
  );
}
