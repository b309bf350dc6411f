/**
 * The city's reports to the province: for each phase, the deadline with a countdown, every
 * version submitted (late or on time, approved or returned with the reviewer's comments), and
 * the form to submit (again).
 */
import { getCity, type Submission } from '../api/campaigns';
import { newIdempotencyKey } from '../api/http';
import { submitReport } from '../api/intake';
import { countdown } from '../components/countdown';
import { errorText, formatInstant } from '../components/feedback';
import { field, h, onSubmit } from '../dom';
import { cityLabel } from '../domainLabels';
import { t, tv } from '../labels';
import type { PageContext } from '../router';

const KINDS = [
  { kind: 'self_check', phase: 'selfCheck' },
  { kind: 'investigation', phase: 'investigation' },
] as const;

export function submissionTable(items: Submission[]): HTMLElement {
  if (items.length === 0) return h('p', { class: 'muted' }, t('subStatus_none'));
  return h(
    'table',
    { class: 'grid compact' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        [t('version'), t('submittedAt'), t('submittedBy'), t('late'), t('caseStatus'), t('comments')].map((x) => h('th', { scope: 'col' }, x)),
      ),
    ),
    h(
      'tbody',
      {},
      items.map((s) =>
        h(
          'tr',
          {},
          h('td', {}, `v${s.version}`),
          h('td', {}, formatInstant(s.submittedAt)),
          h('td', {}, s.submittedBy ?? ''),
          h('td', {}, s.late ? h('span', { class: 'badge danger' }, t('late')) : t('onTime')),
          h('td', {}, tv('subStatus', s.status)),
          h('td', {}, s.comments ?? ''),
        ),
      ),
    ),
  );
}

export async function renderCitySubmissions(ctx: PageContext): Promise<HTMLElement> {
  const cityCode = ctx.session.user.cityCode!;
  const heading = h('h1', {}, `${t('citySubmissionsTitle')}（${cityLabel(cityCode)}）`);
  if (!ctx.campaignId) return h('div', {}, heading, h('p', {}, t('noCampaign')));
  const city = await getCity(ctx.campaignId, cityCode);
  const sections = KINDS.map(({ kind, phase }) => {
    const deadline = city.deadlines.find((d) => d.phase === phase);
    const items = city.submissions.filter((s) => s.kind === kind);
    const last = items.at(-1);
    const summary = h('textarea', { rows: 3, maxlength: 5000 });
    const error = h('p', { class: 'form-error', role: 'alert' });
    const canSubmit = !last || last.status === 'returned';
    const form = h(
      'form',
      { class: 'submit-form' },
      field(t('summary'), summary).wrap,
      error,
      h('button', { type: 'submit', class: 'primary' }, t('submitReport')),
    );
    onSubmit(form, async (e) => {
      e.preventDefault();
      error.textContent = '';
      try {
        await submitReport(ctx.campaignId!, cityCode, kind, summary.value.trim() || undefined, newIdempotencyKey());
        ctx.announce(t('submitReport') + ' ✓');
        ctx.navigate(`#/submissions?t=${Date.now()}`);
      } catch (err) {
        error.textContent = errorText(err);
      }
    });
    const id = `sub-${kind}`;
    return h(
      'section',
      { class: 'panel', 'aria-labelledby': id },
      h('h2', { id }, t(`kind_${kind}`)),
      deadline
        ? h(
            'p',
            {},
            `${t('deadline')}：${deadline.dueDate} `,
            deadline.metAt ? h('span', { class: 'ok-note' }, '✓') : deadline.dueAt ? countdown(deadline.dueAt, ctx.onLeave) : null,
          )
        : null,
      submissionTable(items),
      canSubmit ? form : null,
    );
  });
  return h('div', {}, heading, sections);
}
