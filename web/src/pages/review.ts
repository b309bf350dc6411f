/** The coordinator reviews each city's submissions: approve, or return with comments (required). */
import { getCampaign } from '../api/campaigns';
import { newIdempotencyKey } from '../api/http';
import { listSubmissions, reviewSubmission } from '../api/intake';
import { errorText, formatInstant } from '../components/feedback';
import { field, h, showFieldError } from '../dom';
import { cityLabel } from '../domainLabels';
import { t, tv } from '../labels';
import type { PageContext } from '../router';

export async function renderReview(ctx: PageContext): Promise<HTMLElement> {
  const heading = h('h1', {}, t('reviewTitle'));
  if (!ctx.campaignId) return h('div', {}, heading, h('p', {}, t('noCampaign')));
  const c = await getCampaign(ctx.campaignId);
  const all = (await Promise.all(c.cities.map(async (code) => (await listSubmissions(c.id, code)).map((s) => ({ ...s, cityCode: code }))))).flat();
  const pending = all.filter((s) => s.status === 'submitted');
  const done = all.filter((s) => s.status !== 'submitted');

  const reviewForm = (s: (typeof all)[number]) => {
    const comments = h('textarea', { rows: 2, maxlength: 5000 });
    const f = field(t('comments'), comments);
    const error = h('p', { class: 'form-error', role: 'alert' });
    const act = async (decision: 'approve' | 'return') => {
      error.textContent = '';
      const text = comments.value.trim();
      showFieldError(comments, f.error, decision === 'return' && !text ? t('commentsRequired') : undefined);
      if (decision === 'return' && !text) return comments.focus();
      try {
        await reviewSubmission(c.id, s.cityCode, s.kind, s.version, { decision, ...(text ? { comments: text } : {}) }, newIdempotencyKey());
        ctx.announce(`${cityLabel(s.cityCode)} ${t(decision === 'approve' ? 'approve' : 'returnIt')} ✓`);
        ctx.navigate(`#/review?t=${Date.now()}`);
      } catch (err) {
        error.textContent = errorText(err);
      }
    };
    return h(
      'div',
      { class: 'review-form' },
      f.wrap,
      error,
      h('button', { type: 'button', class: 'primary', onclick: () => void act('approve') }, t('approve')),
      h('button', { type: 'button', onclick: () => void act('return') }, t('returnIt')),
    );
  };

  return h(
    'div',
    {},
    heading,
    h(
      'section',
      { class: 'panel' },
      h('h2', {}, `${t('subStatus_submitted')}（${pending.length}）`),
      pending.length === 0
        ? h('p', { class: 'muted' }, t('none'))
        : pending.map((s) =>
            h(
              'article',
              { class: 'submission' },
              h('h3', {}, `${cityLabel(s.cityCode)} · ${tv('kind', s.kind)} v${s.version}`),
              h(
                'p',
                {},
                `${t('submittedAt')}：${formatInstant(s.submittedAt)} · ${t('submittedBy')}：${s.submittedBy ?? ''} · `,
                s.late ? h('span', { class: 'badge danger' }, t('late')) : t('onTime'),
              ),
              s.summary ? h('blockquote', {}, s.summary) : null,
              reviewForm(s),
            ),
          ),
    ),
    h(
      'section',
      { class: 'panel' },
      h('h2', {}, t('subStatus_approved') + ' / ' + t('subStatus_returned')),
      h(
        'table',
        { class: 'grid compact' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            [t('city'), t('reportName'), t('version'), t('caseStatus'), t('comments')].map((x) => h('th', { scope: 'col' }, x)),
          ),
        ),
        h(
          'tbody',
          {},
          done.map((s) =>
            h(
              'tr',
              {},
              h('td', {}, cityLabel(s.cityCode)),
              h('td', {}, tv('kind', s.kind)),
              h('td', {}, `v${s.version}`),
              h('td', {}, tv('subStatus', s.status)),
              h('td', {}, s.comments ?? ''),
            ),
          ),
        ),
      ),
    ),
  );
}
