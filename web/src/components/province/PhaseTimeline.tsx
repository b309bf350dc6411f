/**
 * A campaign's calendar against its own today: the phases as steps (the current one from the
 * campaign's state, with how much of it has passed), and every date of the calendar on a line with
 * today marked where it falls. "Today" is the campaign's (its clock may be compressed for a demo),
 * as the API counts it, never the wall calendar's.
 */
import { Steps, Timeline, type TimelineProps } from 'antd';
import { ToneTag } from '../ToneTag';
import { calendarDaysBetween } from '../../../../domain/calendar';
import type { CampaignDetail } from '../../api/campaigns';
import { formatDate } from '../../format';
import { tr, tv } from '../../labels';

type Calendar = CampaignDetail['calendar'];
type Phase = CampaignDetail['phase'];

const PHASE_STEPS: { phase: 'selfCheck' | 'investigation' | 'provincialVerification' }[] = [
  { phase: 'selfCheck' },
  { phase: 'investigation' },
  { phase: 'provincialVerification' },
];

function currentStep(phase: Phase): number {
  if (phase === 'launched') return 0;
  if (phase === 'completed') return PHASE_STEPS.length;
  return PHASE_STEPS.findIndex((s) => s.phase === phase);
}

/** How much of a window has passed by `today`, in whole percent (0 before it, 100 after it). */
function passed(w: { start: string; deadline: string }, today: string): number {
  const total = calendarDaysBetween(w.start, w.deadline) + 1;
  const done = calendarDaysBetween(w.start, today) + 1;
  return Math.max(0, Math.min(100, Math.round((done / total) * 100)));
}

const within = (w: { start: string; deadline: string }, day: string) => w.start <= day && day <= w.deadline;

export function PhaseTimeline({ calendar, phase, today }: { calendar: Calendar; phase: Phase; today: string }) {
  const current = currentStep(phase);
  const todayTag = (
    <ToneTag tone="bad" testId="today-in-step">
      {tr('今天', 'Today')}
    </ToneTag>
  );
  const steps = PHASE_STEPS.map((s) => {
    const w = calendar[s.phase];
    return {
      title: tv('phase', s.phase),
      subTitle: within(w, today) ? todayTag : undefined,
      content: (
        <>
          {formatDate(w.start)} — {formatDate(w.deadline)}
          {s.phase === 'investigation' && (
            <>
              <br />
              {tr('进展通报', 'Progress notice')}：{formatDate(calendar.progressNotice.date)}
            </>
          )}
        </>
      ),
    };
  });
  const currentWindow = current < PHASE_STEPS.length ? calendar[PHASE_STEPS[current].phase] : undefined;

  const dates = [
    { date: calendar.selfCheck.start, zh: '自查自纠开始', en: 'Self-check starts' },
    { date: calendar.selfCheck.deadline, zh: '自查自纠截止', en: 'Self-check deadline' },
    { date: calendar.investigation.start, zh: '市（州）排查开始', en: 'Investigation starts' },
    { date: calendar.progressNotice.date, zh: '进展通报', en: 'Progress notice' },
    { date: calendar.investigation.deadline, zh: '市（州）排查截止', en: 'Investigation deadline' },
    { date: calendar.provincialVerification.start, zh: '省厅核查开始', en: 'Provincial verification starts' },
    { date: calendar.provincialVerification.deadline, zh: '省厅核查截止', en: 'Provincial verification deadline' },
  ].sort((a, b) => a.date.localeCompare(b.date));
  const at = dates.findIndex((d) => d.date > today);
  const todayItem = {
    key: 'today',
    color: 'red',
    title: <strong data-testid="timeline-today">{tr('今天', 'Today')}</strong>,
    content: formatDate(today),
  };
  const items: NonNullable<TimelineProps['items']> = dates.map((d) => ({
    key: `${d.zh}-${d.date}`,
    color: d.date < today ? 'gray' : 'blue',
    title: tr(d.zh, d.en),
    content: formatDate(d.date),
  }));
  items.splice(at < 0 ? items.length : at, 0, todayItem);

  return (
    <div data-testid="phase-timeline">
      <Steps
        current={current}
        status={phase === 'completed' ? 'finish' : 'process'}
        percent={currentWindow ? passed(currentWindow, today) : undefined}
        items={steps}
        responsive
      />
      <div className="date-line" role="group" tabIndex={0} aria-label={tr('日程与今天', 'The calendar and today')}>
        <Timeline orientation="horizontal" items={items} />
      </div>
    </div>
  );
}
