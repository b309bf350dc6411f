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
  if (preview.penalties.length === 0) return null;
  return (
    <>
      <ul className="penalty-list" data-testid="preview-penalties">
        {preview.penalties.map((p) => (
          <li key={p.penaltyId}>{p.text}</li>
        ))}
      </ul>
      {preview.ban && (
        <Typography.Paragraph className="section">
          {tr(`禁止注册期：${formatDate(preview.ban.start)} 至 ${formatDate(preview.ban.end)}`, `Registration ban: ${preview.ban.start} to ${preview.ban.end}`)}
        </Typography.Paragraph>
      )}
    </>
  );
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
      description={preview.penalties.length > 0 ? <PenaltyList preview={preview} /> : undefined}
    />
  );
}
