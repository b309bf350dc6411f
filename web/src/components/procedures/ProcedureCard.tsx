/**
 * One penalty procedure on the case page, or an escalated intermediary order's on the 中介机构 page:
 * its steps (antd Steps), what is awaited and by whom, the form of the step at hand for the user who
 * may take it (and only that form), the measures, the documents with their numbers and downloads, the
 * deadlines as 剩余 N 个工作日, and the steps taken. Commands and files go where the procedure's target
 * says (api/procedures.ts procedureTarget): the case's routes or the order's.
 */
import { DownloadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Collapse, Descriptions, Empty, Flex, List, Space, Steps, Table, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { newIdempotencyKey } from '../../api/http';
import { INTERMEDIARY_HANDLERS } from '../../../../domain/intermediary';
import { procedureTarget, type ProcedureDetail } from '../../api/procedures';
import { useSession } from '../../app/session';
import { formatDate, formatInstant } from '../../format';
import { tr } from '../../labels';
import { errorText } from '../problems';
import { ActionForm } from './ActionForm';
import { DecisionRevisionForm } from './DecisionRevisionForm';
import { commandOfForm, FORMS, formsOf } from './actionForms';
import { MeasureTrail } from './MeasureRevision';
import { actorText, DeadlineTag, yuan } from './procedureWords';
import { ProposalForm } from './ProposalForm';

type Awaited = ProcedureDetail['awaiting'][number];

/**
 * Whether the signed-in user acts on this procedure: the city's officers on the city's, the coordinator
 * on the province's; on an intermediary order's, those who act on intermediaries (INTERMEDIARY_HANDLERS,
 * the city's 住建 and 人社 officers) of its city. The approvals are the responsible person's.
 */
function useActsOn(p: ProcedureDetail): { acts: boolean; responsible: boolean } {
  const { user } = useSession();
  const acts = p.intermediary
    ? INTERMEDIARY_HANDLERS.act.includes(user.role) && user.cityCode === p.cityCode
    : (p.level === 'city' && user.role === 'city_officer') || (p.level === 'province' && user.role === 'province_coordinator');
  return { acts, responsible: acts && user.responsible };
}

function RecheckBasis({ procedure }: { procedure: ProcedureDetail }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const recheck = async () => {
    setBusy(true);
    try {
      const target = procedureTarget(procedure);
      await target.send('basis-recheck', {}, newIdempotencyKey());
      for (const queryKey of target.queryKeys) await queryClient.invalidateQueries({ queryKey });
    } catch (err) {
      void message.error(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button onClick={() => void recheck()} loading={busy}>
      {tr('重新检查处罚依据', 'Look for a legal basis again')}
    </Button>
  );
}

/** The forms of one awaited action that this user may take; nothing for anyone else. */
function NextActionForms({ procedure, awaited }: { procedure: ProcedureDetail; awaited: Awaited }) {
  const { acts, responsible } = useActsOn(procedure);
  if (!acts) return null;
  if (awaited.actor === 'responsible' && !responsible) {
    return <Typography.Paragraph type="secondary">{tr('等待负责人审批。', 'Waiting for the responsible person.')}</Typography.Paragraph>;
  }
  // What the procedure's routes do not take (an order's: the ministry's answer, the basis recheck) has no form.
  const { omits } = procedureTarget(procedure);
  const forms = formsOf(awaited.action, procedure.hearingApplies).filter((f) => !omits.includes(commandOfForm(f)));
  if (forms.length === 0) return null;
  if (forms.length === 1) {
    const only = forms[0];
    if (only === 'proposal') return <ProposalForm procedure={procedure} />;
    if (only === 'recheck') return <RecheckBasis procedure={procedure} />;
    if (only === 'revision') return <DecisionRevisionForm procedure={procedure} />;
    return <ActionForm procedure={procedure} spec={FORMS[only]} />;
  }
  // The statement window: a statement, a hearing request or a waiver, one at a time.
  return (
    <Collapse
      accordion
      items={forms.map((key) => {
        const spec = FORMS[key as keyof typeof FORMS];
        return { key, label: tr(spec.title.zh, spec.title.en), children: <ActionForm procedure={procedure} spec={spec} /> };
      })}
    />
  );
}

function ExtendTimeLimit({ procedure }: { procedure: ProcedureDetail }) {
  const { responsible } = useActsOn(procedure);
  const running = procedure.deadlines.some((d) => d.key === 'time_limit' && d.running);
  if (!responsible || !running) return null;
  return (
    <Collapse
      className="section"
      items={[
        {
          key: 'extend',
          label: tr('延长办案期限（负责人）', 'Extend the time limit (responsible person)'),
          children: <ActionForm procedure={procedure} spec={FORMS.extendTimeLimit} />,
        },
      ]}
    />
  );
}

export function ProcedureCard({ procedure: p }: { procedure: ProcedureDetail }) {
  const { message } = App.useApp();
  const target = procedureTarget(p);
  const current = Math.max(
    0,
    p.steps.findIndex((s) => s.step === p.step),
  );
  const download = (d: ProcedureDetail['documents'][number]) =>
    void target.downloadDocument(d.documentId, `${d.kindLabel}.docx`).catch((err: unknown) => void message.error(errorText(err)));
  const headingId = p.intermediary ? `procedure-order-${p.intermediary.orderId}` : `procedure-${p.level}`;
  return (
    <Card
      size="small"
      className="section"
      data-testid={headingId}
      title={
        <Typography.Title level={3} id={headingId} className="card-title">
          {tr(
            `${p.levelLabel}处罚程序`,
            p.intermediary ? 'Penalty procedure (the intermediary its party)' : `${p.level === 'city' ? 'City' : 'Provincial'} penalty procedure`,
          )}
        </Typography.Title>
      }
      extra={
        p.closedOn ? (
          <Tag color="default" title={p.closedBecauseLabel ?? undefined}>
            {tr(`已结案 ${formatDate(p.closedOn)}${p.closedBecauseLabel ? `（${p.closedBecauseLabel}）` : ''}`, `Closed ${p.closedOn}`)}
          </Tag>
        ) : (
          <Tag color="blue">{p.stepLabel}</Tag>
        )
      }
    >
      <Steps
        size="small"
        current={current}
        status={p.closedOn ? 'finish' : 'process'}
        items={p.steps.map((s) => ({ title: s.label }))}
        className="section procedure-steps"
      />

      <Descriptions size="small" column={{ xs: 1, md: 2 }} className="section">
        <Descriptions.Item label={tr('违法行为', 'Violation')}>{p.violationLabel}</Descriptions.Item>
        <Descriptions.Item label={tr('立案日期', 'Opened on')}>{formatDate(p.timeLimit.openedOn)}</Descriptions.Item>
        <Descriptions.Item label={tr('办案期限', 'Time limit')}>
          <Space size={4} wrap>
            {formatDate(p.timeLimit.timeLimitOn)}
            {p.timeLimit.extended && <Tag>{tr('已延长', 'extended')}</Tag>}
            {p.deadlines.find((d) => d.key === 'time_limit' && d.running) && <DeadlineTag deadline={p.deadlines.find((d) => d.key === 'time_limit')!} />}
          </Space>
        </Descriptions.Item>
        {p.effectiveOn && <Descriptions.Item label={tr('措施生效日期', 'Measures in effect from')}>{formatDate(p.effectiveOn)}</Descriptions.Item>}
        {p.proposal?.facts && (
          <Descriptions.Item label={tr('违法事实', 'Facts')} span="filled">
            <span className="prewrap">{p.proposal.facts}</span>
          </Descriptions.Item>
        )}
        {p.proposal?.evidence && (
          <Descriptions.Item label={tr('证据', 'Evidence')} span="filled">
            <span className="prewrap">{p.proposal.evidence}</span>
          </Descriptions.Item>
        )}
        {p.ministry?.answeredOn && (
          <Descriptions.Item label={tr('住房和城乡建设部处理结果', "The ministry's answer")}>
            {p.ministry.revoked ? tr('撤销注册', 'revoked') : tr('不予撤销', 'not revoked')}（{p.ministry.ministryDocumentNumber}，
            {formatDate(p.ministry.answeredOn)}）
          </Descriptions.Item>
        )}
      </Descriptions>

      {p.awaiting.length > 0 && (
        <section className="section" aria-label={tr('下一步', 'Next step')} data-testid="next-action">
          <Typography.Title level={4}>{tr('下一步', 'Next step')}</Typography.Title>
          {p.awaiting.map((a) => (
            <div key={a.action} className="section">
              <Flex gap={8} align="center" wrap>
                <Typography.Text strong>{a.label}</Typography.Text>
                <Tag>{actorText(a.actor)}</Tag>
                {a.dueOn && (
                  <Typography.Text type="secondary">
                    {tr(`期限 ${formatDate(a.dueOn)}`, `due ${a.dueOn}`)}
                    {a.workingDaysLeft !== null &&
                      (a.workingDaysLeft >= 0
                        ? tr(`，剩余 ${a.workingDaysLeft} 个工作日`, `, ${a.workingDaysLeft} working days left`)
                        : tr('，已逾期', ', overdue'))}
                  </Typography.Text>
                )}
              </Flex>
              <NextActionForms procedure={p} awaited={a} />
            </div>
          ))}
        </section>
      )}
      <ExtendTimeLimit procedure={p} />

      <Typography.Title level={4} className="section">
        {tr('处理措施', 'Measures')}
      </Typography.Title>
      {p.measures.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={tr('尚未拟定处理措施', 'No measures proposed yet')} />
      ) : (
        <Table
          size="small"
          rowKey={(m) => `${m.kind}-${m.version}`}
          pagination={false}
          data-testid="procedure-measures"
          dataSource={p.measures}
          scroll={{ x: 'max-content' }}
          columns={[
            { key: 'kind', title: tr('措施', 'Measure'), render: (_, m) => m.label },
            { key: 'amount', title: tr('金额', 'Amount'), render: (_, m) => yuan(m.amountYuan) },
            {
              key: 'bar',
              title: tr('不得再次申请注册', 'Re-application bar'),
              render: (_, m) => (m.reapplyBarYears ? tr(`${m.reapplyBarYears} 年`, `${m.reapplyBarYears} years`) : ''),
            },
            { key: 'authority', title: tr('实施机关', 'Authority'), render: (_, m) => m.authorityLabel },
            { key: 'status', title: tr('状态', 'Status'), render: (_, m) => `${m.statusLabel}（${formatDate(m.statusOn)}）` },
          ]}
        />
      )}
      <MeasureTrail procedure={p} />

      <Typography.Title level={4} className="section">
        {tr('文书', 'Documents')}
      </Typography.Title>
      {p.documents.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={tr('尚未制作文书', 'No document yet')} />
      ) : (
        <Table
          size="small"
          rowKey="documentId"
          pagination={false}
          data-testid="procedure-documents"
          dataSource={p.documents}
          scroll={{ x: 'max-content' }}
          columns={[
            { key: 'kind', title: tr('文书', 'Document'), render: (_, d) => d.kindLabel },
            { key: 'number', title: tr('文号', 'Number'), render: (_, d) => <span className="nowrap">{d.number}</span> },
            { key: 'template', title: tr('模板版本', 'Template'), render: (_, d) => tr(`第 ${d.templateVersion} 版`, `v${d.templateVersion}`) },
            {
              key: 'sha',
              title: tr('校验码（SHA-256）', 'Checksum (SHA-256)'),
              render: (_, d) => (
                <Typography.Text code title={d.sha256}>
                  {d.sha256.slice(0, 12)}…
                </Typography.Text>
              ),
            },
            { key: 'served', title: tr('送达日期', 'Served on'), render: (_, d) => (d.servedOn ? formatDate(d.servedOn) : tr('未送达', 'not served')) },
            {
              key: 'download',
              title: tr('下载', 'Download'),
              render: (_, d) => (
                <Button
                  size="small"
                  icon={<DownloadOutlined />}
                  onClick={() => download(d)}
                  aria-label={tr(`下载${d.kindLabel} .docx`, `Download the ${d.kindLabel} .docx`)}
                >
                  .docx
                </Button>
              ),
            },
          ]}
        />
      )}

      <Typography.Title level={4} className="section">
        {tr('期限', 'Deadlines')}
      </Typography.Title>
      <List
        size="small"
        data-testid="procedure-deadlines"
        dataSource={p.deadlines}
        renderItem={(d) => (
          <List.Item>
            <Flex gap={8} wrap align="center">
              <span>{d.label}</span>
              <span>{formatDate(d.dueOn)}</span>
              {d.running ? <DeadlineTag deadline={d} /> : <Tag>{tr('已不适用', 'no longer running')}</Tag>}
            </Flex>
          </List.Item>
        )}
      />

      {p.attachments.length > 0 && target.attachments && (
        <>
          <Typography.Title level={4} className="section">
            {tr('附件', 'Attachments')}
          </Typography.Title>
          <List
            size="small"
            data-testid="procedure-attachments"
            dataSource={p.attachments}
            renderItem={(a) => (
              <List.Item>
                <Flex gap={8} align="center" wrap>
                  <span>{a.fileName}</span>
                  <Typography.Text type="secondary">{formatInstant(a.uploadedAt)}</Typography.Text>
                  <Button
                    size="small"
                    icon={<DownloadOutlined />}
                    aria-label={tr(`下载 ${a.fileName}`, `Download ${a.fileName}`)}
                    onClick={() => void target.attachments?.download(a.attachmentId, a.fileName).catch((err: unknown) => void message.error(errorText(err)))}
                  >
                    {tr('下载', 'Download')}
                  </Button>
                </Flex>
              </List.Item>
            )}
          />
        </>
      )}

      {p.services.length > 0 && (
        <>
          <Typography.Title level={4} className="section">
            {tr('送达记录', 'Services')}
          </Typography.Title>
          <List
            size="small"
            dataSource={p.services}
            renderItem={(s) => (
              <List.Item>
                {s.documentLabel}：{s.methodLabel}，{formatDate(s.servedOn)}
              </List.Item>
            )}
          />
        </>
      )}

      <Typography.Title level={4} className="section">
        {tr('办理过程', 'Steps taken')}
      </Typography.Title>
      <Timeline
        data-testid="procedure-steps-taken"
        items={p.stepsTaken.map((e) => ({
          key: e.eventId,
          content: (
            <>
              {formatDate(e.happenedOn)} {e.label}
              {e.officerId && (
                <Typography.Text type="secondary">
                  （{e.officerId}，{formatInstant(e.recordedAt)}）
                </Typography.Text>
              )}
            </>
          ),
        }))}
      />
    </Card>
  );
}
