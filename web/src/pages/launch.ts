/**
 * Launching a campaign: the seed's calendar prefilled, the province's cities ticked, the rule
 * defaults shown. Checked with the API's own schema (domain/campaignConfig.ts CampaignConfig)
 * before sending, and errors are shown against the fields that caused them.
 */
import { SEED_CALENDAR } from '../../../domain/calendar';
import { CampaignConfig, CampaignRules } from '../../../domain/campaignConfig';
import { JILIN_CITIES } from '../../../domain/cities';
import { launchCampaign } from '../api/campaigns';
import { newIdempotencyKey } from '../api/http';
import { errorText } from '../components/feedback';
import { field, h, onSubmit, showFieldError } from '../dom';
import { chooseCampaign } from '../layout';
import { t, type LabelKey } from '../labels';
import type { PageContext } from '../router';

type Input = HTMLInputElement;

export async function renderLaunch(ctx: PageContext): Promise<HTMLElement> {
  const defaults = CampaignRules.parse({});
  const controls = new Map<string, { el: Input; error: HTMLElement; wrap: HTMLElement }>();
  const input = (path: string, label: string, attrs: Record<string, string | number>, hint?: string) => {
    const el = h('input', { name: path, id: `launch-${path.replace(/\./g, '-')}`, ...attrs });
    const f = field(label, el, hint);
    controls.set(path, { el, ...f });
    return f.wrap;
  };
  const dateRow = (phase: 'selfCheck' | 'investigation' | 'provincialVerification', title: LabelKey) =>
    h(
      'fieldset',
      { class: 'inline' },
      h('legend', {}, t(title)),
      input(`calendar.${phase}.start`, t('start'), { type: 'date', value: SEED_CALENDAR[phase].start }),
      input(`calendar.${phase}.deadline`, t('deadline'), { type: 'date', value: SEED_CALENDAR[phase].deadline }),
    );
  const cityBoxes = JILIN_CITIES.map((c) => ({
    code: c.code,
    box: h('input', { type: 'checkbox', id: `city-${c.code}`, checked: true, value: c.code }),
    name: c.name,
  }));
  const cityError = h('p', { class: 'field-error', 'aria-live': 'polite' });
  const formError = h('p', { class: 'form-error', role: 'alert' });
  const submit = h('button', { type: 'submit', class: 'primary' }, t('launchButton'));

  const num = (path: string) => {
    const v = controls.get(path)!.el.value.trim();
    return v === '' ? undefined : Number(v);
  };
  const str = (path: string) => controls.get(path)!.el.value.trim() || undefined;
  const build = () => ({
    id: str('id'),
    name: str('name'),
    calendar: {
      selfCheck: { start: str('calendar.selfCheck.start'), deadline: str('calendar.selfCheck.deadline') },
      progressNotice: { date: str('calendar.progressNotice.date') },
      investigation: { start: str('calendar.investigation.start'), deadline: str('calendar.investigation.deadline') },
      provincialVerification: { start: str('calendar.provincialVerification.start'), deadline: str('calendar.provincialVerification.deadline') },
    },
    cities: cityBoxes.filter((c) => c.box.checked).map((c) => c.code),
    dataSources: { snapshotId: num('dataSources.snapshotId') },
    rules: {
      windowMonths: num('rules.windowMonths'),
      ageLimit: num('rules.ageLimit'),
      asOf: str('rules.asOf'),
      reminderAfterDays: num('rules.reminderAfterDays'),
      escalateAfterDays: num('rules.escalateAfterDays'),
      dueSoonDays: (str('rules.dueSoonDays') ?? '')
        .split(/[,，\s]+/)
        .filter(Boolean)
        .map(Number),
    },
  });

  const form = h(
    'form',
    { class: 'launch', novalidate: true, 'aria-labelledby': 'launch-title' },
    h('h1', { id: 'launch-title' }, t('launchTitle')),
    h(
      'fieldset',
      {},
      h('legend', {}, t('campaignName')),
      input('id', t('campaignId'), { type: 'text', required: 'true', pattern: '[a-z0-9][a-z0-9-]*', autocomplete: 'off' }, `${t('example')} jl-2024`),
      input('name', t('campaignName'), { type: 'text', required: 'true', value: '吉林省注册执业人员挂证专项治理' }),
    ),
    h(
      'fieldset',
      {},
      h('legend', {}, t('calendar')),
      dateRow('selfCheck', 'phase_selfCheck'),
      h(
        'fieldset',
        { class: 'inline' },
        h('legend', {}, t('phase_progressNotice')),
        input('calendar.progressNotice.date', t('noticeDate'), { type: 'date', value: SEED_CALENDAR.progressNotice.date }),
      ),
      dateRow('investigation', 'phase_investigation'),
      dateRow('provincialVerification', 'phase_provincialVerification'),
    ),
    h(
      'fieldset',
      { class: 'cities' },
      h('legend', {}, t('cities')),
      cityBoxes.map((c) => h('label', { class: 'check', for: c.box.id }, c.box, ` ${c.name}（${c.code}）`)),
      cityError,
    ),
    h(
      'fieldset',
      {},
      h('legend', {}, t('rules')),
      h(
        'div',
        { class: 'inline' },
        input('rules.windowMonths', t('windowMonths'), { type: 'number', min: 1, max: 60, value: defaults.windowMonths }),
        input('rules.ageLimit', t('ageLimit'), { type: 'number', min: 16, max: 120, value: defaults.ageLimit }),
        input('rules.asOf', t('asOf'), { type: 'month' }),
      ),
      h(
        'div',
        { class: 'inline' },
        input('rules.reminderAfterDays', t('reminderAfterDays'), { type: 'number', min: 1, value: defaults.reminderAfterDays }),
        input('rules.escalateAfterDays', t('escalateAfterDays'), { type: 'number', min: 1, value: defaults.escalateAfterDays }),
        input('rules.dueSoonDays', t('dueSoonDays'), { type: 'text', value: defaults.dueSoonDays.join(',') }),
      ),
    ),
    h(
      'fieldset',
      {},
      h('legend', {}, t('dataSources')),
      input('dataSources.snapshotId', t('snapshotId'), { type: 'number', min: 1, value: ctx.query.get('snapshot') ?? '' }, t('snapshotHint')),
    ),
    formError,
    submit,
  );

  onSubmit(form, async (e) => {
    e.preventDefault();
    formError.textContent = '';
    const parsed = CampaignConfig.safeParse(build());
    const issues = parsed.success ? [] : parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    for (const [path, c] of controls) {
      const hit = issues.find(
        (i) => i.path === path || (path === 'dataSources.snapshotId' && i.path.startsWith('dataSources')) || i.path.startsWith(`${path}.`),
      );
      showFieldError(c.el, c.error, hit?.message);
    }
    cityError.textContent = issues.find((i) => i.path.startsWith('cities'))?.message ?? '';
    if (!parsed.success) {
      formError.textContent = t('fixErrors');
      [...controls.values()].find((c) => c.el.getAttribute('aria-invalid') === 'true')?.el.focus();
      return;
    }
    submit.disabled = true;
    try {
      // The checked configuration: the same schema the API parses it with.
      const r = await launchCampaign(parsed.data, newIdempotencyKey());
      chooseCampaign(r.campaignId);
      ctx.announce(t('launched'));
      ctx.navigate('#/overview');
    } catch (err) {
      formError.textContent = errorText(err);
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}
