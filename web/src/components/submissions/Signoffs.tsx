/**
 * Issue 21, both departments at the table: who signed a city's submission for 住建 and for 人社 (and who is
 * awaited), and each provincial department's review of its part. Shown on the city's submissions page
 * and on the province's review page; the 人社局's sign button for a version waiting for its signature.
 */
import { App, Button, Flex, Popconfirm, Tag } from 'antd';
import { useState } from 'react';
import { newIdempotencyKey } from '../../api/http';
import { signSubmission, type CitySubmission } from '../../api/submissions';
import { formatInstant } from '../../format';
import { tr } from '../../labels';
import { errorText } from '../problems';
import { TAG_COLOR } from '../city/cityText';

type Department = 'housing' | 'hr';
const CITY_DEPARTMENT: Record<Department, () => string> = { housing: () => tr('住建局', 'Housing bureau'), hr: () => tr('人社局', 'HR bureau') };
const PROVINCE_DEPARTMENT: Record<Department, () => string> = {
  housing: () => tr('省住建厅', 'Provincial housing dept.'),
  hr: () => tr('省人社厅', 'Provincial HR dept.'),
};

/** 会签: each department's signature with person and time, or 待会签. */
export function SignoffTags({ s }: { s: CitySubmission }) {
  if (s.signoffs.length === 0 && s.awaitingSignoff.length === 0) return <span className="hint">{tr('未记录会签', 'No sign-offs recorded')}</span>;
  return (
    <Flex vertical gap={2} align="start" data-testid="signoffs">
      {s.signoffs.map((g) => (
        <Tag key={g.department} color={TAG_COLOR.green} data-testid={`signoff-${g.department}`}>
          {tr(
            `${CITY_DEPARTMENT[g.department]()} ${g.signedBy} ${formatInstant(g.signedAt)} 已会签`,
            `${CITY_DEPARTMENT[g.department]()}: ${g.signedBy}, ${formatInstant(g.signedAt)}`,
          )}
        </Tag>
      ))}
      {s.awaitingSignoff.map((d) => (
        <Tag key={d} color={TAG_COLOR.orange} data-testid={`awaiting-${d}`}>
          {tr(`待${CITY_DEPARTMENT[d]()}会签`, `Awaiting the ${CITY_DEPARTMENT[d]()}`)}
        </Tag>
      ))}
    </Flex>
  );
}

/** 审核: each provincial department's decision on its part; those still awaited while the version is under review. */
export function ReviewPartTags({ s }: { s: CitySubmission }) {
  const decided = new Set(s.reviewParts.map((p) => p.department));
  const awaited = s.status === 'submitted' && s.signoffs.length > 0 ? (['housing', 'hr'] as const).filter((d) => !decided.has(d)) : [];
  if (s.reviewParts.length === 0 && awaited.length === 0) return null;
  return (
    <Flex vertical gap={2} align="start" data-testid="review-parts">
      {s.reviewParts.map((p) => (
        <Tag key={p.department} color={p.decision === 'approve' ? TAG_COLOR.green : TAG_COLOR.red} data-testid={`review-${p.department}`}>
          {tr(
            `${PROVINCE_DEPARTMENT[p.department]()} ${p.reviewedBy} ${formatInstant(p.reviewedAt)} ${p.decision === 'approve' ? '审核通过' : '退回'}`,
            `${PROVINCE_DEPARTMENT[p.department]()}: ${p.decision === 'approve' ? 'approved' : 'returned'} by ${p.reviewedBy}, ${formatInstant(p.reviewedAt)}`,
          )}
        </Tag>
      ))}
      {awaited.map((d) => (
        <Tag key={d} color={TAG_COLOR.blue} data-testid={`review-awaiting-${d}`}>
          {tr(`待${PROVINCE_DEPARTMENT[d]()}审核`, `Awaiting the ${PROVINCE_DEPARTMENT[d]()}`)}
        </Tag>
      ))}
    </Flex>
  );
}

/** The 人社局's signature of a version waiting for it. */
export function SignButton({ campaignId, cityCode, s, onSigned }: { campaignId: string; cityCode: string; s: CitySubmission; onSigned: () => void }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const sign = async () => {
    setBusy(true);
    try {
      await signSubmission(campaignId, cityCode, s.kind, s.version, newIdempotencyKey());
      void message.success(tr(`已会签第 ${s.version} 版，已报送省住建厅、省人社厅`, `Signed v${s.version}: submitted to the province`));
      onSigned();
    } catch (err) {
      void message.error(tr(`会签未完成：${errorText(err)}`, `Not signed: ${errorText(err)}`));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Popconfirm
      title={tr(`确认会签第 ${s.version} 版？会签后即报送省住建厅、省人社厅`, `Sign v${s.version}? It is then submitted to the province`)}
      okText={tr('会签', 'Sign')}
      cancelText={tr('取消', 'Cancel')}
      onConfirm={() => void sign()}
    >
      <Button type="primary" loading={busy} data-testid="sign-submission">
        {tr('人社局会签', 'Sign for the HR bureau')}
      </Button>
    </Popconfirm>
  );
}
