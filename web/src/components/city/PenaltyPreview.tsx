/**
 * What a decision proposes, exactly as the API's decision preview computes it (by the code that
 * imposes it): the liability in one sentence, each penalty in words, the 3-year ban's dates. A liable
 * decision starts the penalty procedure (issue 19): nothing takes effect until its decision is served.
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
          {tr(
            `禁止注册期：三年（预计 ${formatDate(preview.ban.start)} 至 ${formatDate(preview.ban.end)}，以处罚决定书送达之日为准）`,
            `Registration ban: three years (about ${preview.ban.start} to ${preview.ban.end}; it runs from the day the decision is served)`,
          )}
        </Typography.Paragraph>
      )}
    </>
  );
}

/**
 * What a liable decision starts: the measures above are proposed; the procedure's decision, once served, puts them
 * in effect (the preview's own words when it gives them: DecisionPreview.takesEffect).
 */
export function TakesEffectAfterProcedure({ text }: { text?: string | null }) {
  return (
    <Typography.Paragraph className="section" data-testid="effect-after-procedure">
      {tr(
        text ??
          '以上为拟作出的处理，作出结论时不生效：提交后启动行政处罚程序（拟处理意见、事先告知、陈述申辩或听证、处罚决定），各项处理自处罚决定书送达之日起生效，禁止注册期自送达之日起计算。',
        'These measures are proposed, not imposed by this decision: recording it starts the penalty procedure (proposal, notice, statement or hearing, decision); they take effect on the day the decision is served, and the ban runs from that day.',
      )}
    </Typography.Paragraph>
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
      description={
        preview.penalties.length + preview.reservedToProvince.length > 0 ? (
          <>
            <PenaltyList preview={preview} />
            {preview.liability === 'liable' && <TakesEffectAfterProcedure text={preview.takesEffect} />}
          </>
        ) : undefined
      }
    />
  );
}
