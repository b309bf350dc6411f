/**
 * What a decision will impose, exactly as the API's decision preview computes it (by the code that
 * imposes it): the liability in one sentence, each penalty in words, the 3-year ban's dates.
 */
import { Alert, Typography } from 'antd';
import type { DecisionPreview } from '../../api/cases';
import { formatDate } from '../../format';
import { tr } from '../../labels';

/** The penalties as a list (also the body of the confirmation). */
export function PenaltyList({ preview }: { preview: DecisionPreview }) {
  if (preview.penalties.length === 0 && preview.reservedToProvince.length === 0) return null;
  return (
    <>
      <ul className="penalty-list" data-testid="preview-penalties">
        {preview.penalties.map((p) => (
          <li key={p.penaltyId}>{p.text}</li>
        ))}
        <ReservedToProvince preview={preview} />
      </ul>
      {preview.ban && (
        <Typography.Paragraph className="section">
          {tr(`禁止注册期：${formatDate(preview.ban.start)} 至 ${formatDate(preview.ban.end)}`, `Registration ban: ${preview.ban.start} to ${preview.ban.end}`)}
        </Typography.Paragraph>
      )}
    </>
  );
}

/** The measures the violation carries that the province imposes later (phase 3), not this decision. */
export function ReservedToProvince({ preview }: { preview: Pick<DecisionPreview, 'reservedToProvince'> }) {
  return preview.reservedToProvince.map((k) => (
    <li key={k.kind}>{tr(`${k.kindLabel}（由省级在省级核查阶段实施，不在本次决定中）`, `${k.kindLabel} (imposed later by the province)`)}</li>
  ));
}

export function PenaltyPreview({ preview }: { preview: DecisionPreview }) {
  const type = preview.liability === 'liable' ? 'warning' : preview.liability === 'exempt' ? 'success' : 'info';
  return (
    <Alert
      className="section"
      type={type}
      showIcon
      data-testid="decision-preview"
      title={preview.summary}
      description={preview.penalties.length + preview.reservedToProvince.length > 0 ? <PenaltyList preview={preview} /> : undefined}
    />
  );
}
