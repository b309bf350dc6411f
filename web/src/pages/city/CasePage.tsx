/**
 * One case: its facts, the person, the registrations, the month-by-month evidence timeline, the
 * related-unit notes, its 承办人 and their history, and what happened so far. A city officer decides an open case here (the form
 * shows only the chosen outcome's fields; a decision that imposes penalties is previewed and
 * confirmed first) or carries it over with a reason; the coordinator, the supervisor and the
 * auditor read it (the last two as the API masks it for them). A liable decision's penalty procedure
 * shows below it, with the form of its next step for whoever takes it. "Back" leads somewhere for every role.
 */
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Result, Spin, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useLocation, useNavigate, useParams } from 'react-router';
import { getCase, type CaseDetail } from '../../api/cases';
import { ApiError } from '../../api/http';
import { useSession } from '../../app/session';
import { LabourFindings } from '../../components/city/LabourFindings';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageContainer } from '../../components/PageContainer';
import { errorText } from '../../components/problems';
import { caseBackLink } from '../../components/city/caseBack';
import { CaseHistory } from '../../components/city/CaseHistory';
import { CaseSummary, EvidenceNotes, RecordedDecision, Registrations } from '../../components/city/CaseFacts';
import { CarryOverButton } from '../../components/city/CarryOver';
import { CaseAssignmentSection } from '../../components/city/CaseAssignment';
import { CaseTransferPanel } from '../../components/city/CaseTransfer';
import { CaseAttachments } from '../../components/city/CaseAttachments';
import { DecisionPanel } from '../../components/city/DecisionPanel';
import { EvidenceTimeline } from '../../components/city/EvidenceTimeline';
import { NoEvidenceForRole } from '../../components/city/CaseFacts';
import { pageTitle } from '../../components/city/CityScope';
import { hasEvidencePayloads } from '../../components/city/caseEvidence';
import { CaseProcedures, mayHaveProcedure } from '../../components/procedures/CaseProcedures';
import { CaseIntermediariesSection } from '../../components/intermediaries/CaseIntermediaries';
import { INTERMEDIARY_HANDLERS } from '../../../../domain/intermediary';
import { tr, tv } from '../../labels';

function Section({ id, title, extra, children }: { id: string; title: string; extra?: ReactNode; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="section">
      <Card
        size="small"
        title={
          <Typography.Title level={2} id={id} className="card-title">
            {title}
          </Typography.Title>
        }
        extra={extra}
      >
        {children}
      </Card>
    </section>
  );
}

function DecisionSection({ detail: c }: { detail: CaseDetail }) {
  const { role } = useSession().user;
  const open = c.status === 'open' || c.status === 'carried_over';
  if (open && role === 'city_officer') {
    if (!c.ready)
      return <Alert type="info" showIcon title={tr('案件正在启动，稍后即可作出核查结论', 'The case is still being started; it can be decided shortly')} />;
    return <DecisionPanel detail={c} />;
  }
  if (open)
    return (
      <Typography.Paragraph>
        {tr(`本案${tv('caseStatus', c.status)}，核查结论由本市（州）核查人员作出。`, `The case is ${c.status}; the city officer decides it.`)}
      </Typography.Paragraph>
    );
  return <RecordedDecision detail={c} />;
}

function CaseView({ detail: c }: { detail: CaseDetail }) {
  const { role } = useSession().user;
  return (
    <>
      <Section id="sec-case" title={tr('案件信息', 'The case')}>
        <CaseSummary detail={c} />
      </Section>
      <div className="case-grid">
        <div>
          <Section id="sec-timeline" title={tr('逐月比对', 'Month by month')}>
            {hasEvidencePayloads(c) ? <EvidenceTimeline detail={c} /> : <NoEvidenceForRole />}
          </Section>
          <Section id="sec-regs" title={tr('注册信息', 'Registrations')}>
            <Registrations detail={c} />
          </Section>
          <Section id="sec-notes" title={tr('关联单位及其他记录', 'Related units and other records')}>
            <EvidenceNotes detail={c} />
          </Section>
        </div>
        <div>
          <Section
            id="sec-decision"
            title={tr('核查处理', 'Decision')}
            extra={role === 'city_officer' && c.status === 'open' && c.ready ? <CarryOverButton detail={c} /> : undefined}
          >
            <DecisionSection detail={c} />
          </Section>
          {(c.origin === 'transfer' || c.outcome === 'TRANSFERRED') && (
            <Section id="sec-transfer" title={tr('移交移送', 'Transfer')}>
              <CaseTransferPanel caseId={c.caseId} />
            </Section>
          )}
          <Section id="sec-labour" title={tr('人社核查（劳动关系、报考单位）', 'HR bureau: labour relationship and exam unit')}>
            <LabourFindings caseId={c.caseId} />
          </Section>
          <Section id="sec-assignment" title={tr('承办人', 'Assigned officer')}>
            <CaseAssignmentSection detail={c} />
          </Section>
          {INTERMEDIARY_HANDLERS.read.includes(role) && (
            <Section id="sec-intermediaries" title={tr('中介机构', 'Intermediaries')}>
              <CaseIntermediariesSection detail={c} />
            </Section>
          )}
          <Section id="sec-history" title={tr('办理记录', 'History')}>
            <CaseHistory detail={c} />
          </Section>
        </div>
      </div>
      {(role === 'city_officer' || role === 'province_coordinator') && (
        <Section id="sec-attachments" title={tr('证据材料', 'Evidence files')}>
          <CaseAttachments caseId={c.caseId} />
        </Section>
      )}
      {mayHaveProcedure(c) && (
        <Section id="sec-procedure" title={tr('行政处罚程序', 'Penalty procedure')}>
          <CaseProcedures caseId={c.caseId} />
        </Section>
      )}
    </>
  );
}

export default function CasePage() {
  const { caseId = '' } = useParams();
  const location = useLocation();
  const navigate = useNavigate();
  const { role } = useSession().user;
  const back = caseBackLink(role, location.state);
  const query = useQuery({ queryKey: ['case', caseId], queryFn: () => getCase(caseId) });
  const title = query.data ? `${pageTitle('case')} ${query.data.caseNo}` : pageTitle('case');
  const refused = query.error instanceof ApiError && [403, 404].includes(query.error.status) ? query.error : undefined;
  return (
    <>
      <PageContainer title={title} back={back}>
        {query.isPending ? (
          <Spin className="loading-block" />
        ) : refused ? (
          <Result
            status={refused.status === 403 ? '403' : '404'}
            title={refused.status === 403 ? tr('无权查看此案件', 'You may not open this case') : tr('没有这个案件', 'No such case')}
            subTitle={errorText(refused)}
            extra={
              <Button type="primary" onClick={() => void navigate(back.to)}>
                {back.label}
              </Button>
            }
          />
        ) : query.isError ? (
          <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />
        ) : (
          <CaseView detail={query.data} />
        )}
      </PageContainer>
    </>
  );
}
