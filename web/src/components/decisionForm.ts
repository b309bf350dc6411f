/**
 * The verification decision form. The outcome picks which fields show; the values are checked
 * with the API's own schema (domain/outcomes.ts CaseDecision) before anything is sent, and the
 * API's refusal, if any, is shown against the same fields.
 */
import { CaseDecision, CaseOutcome, CompliantGround, RectifyHow } from '../../../domain/outcomes';
import { ApiError } from '../api/http';
import { field, h, onSubmit, showFieldError } from '../dom';
import { groundLabel, outcomeLabel, rectifyHowLabel } from '../domainLabels';
import { t } from '../labels';
import { errorText } from './feedback';

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

interface Fld {
  path: string;
  control: Control;
  wrap: HTMLElement;
  error: HTMLElement;
  outcomes: CaseOutcome[];
}

export interface DecisionFormOptions {
  idPrefix: string;
  submitLabel: string;
  /** Sends the valid decision; throw to show the API's refusal. */
  onSubmit(decision: CaseDecision): Promise<void>;
}

function select(options: [string, string][]): HTMLSelectElement {
  return h(
    'select',
    {},
    h('option', { value: '' }, '—'),
    options.map(([v, l]) => h('option', { value: v }, l)),
  );
}

export function decisionForm(opts: DecisionFormOptions): HTMLFormElement {
  const p = opts.idPrefix;
  const outcome = select(CaseOutcome.options.map((o) => [o, outcomeLabel(o)]));
  outcome.id = `${p}-outcome`;
  outcome.name = 'outcome';
  const o = field(t('outcome'), outcome);
  const fields: Fld[] = [];
  const add = (path: string, label: string, control: Control, outcomes: CaseOutcome[], hint?: string) => {
    control.id = `${p}-${path.replace('.', '-')}`;
    control.name = path;
    const f = field(label, control, hint);
    fields.push({ path, control, wrap: f.wrap, error: f.error, outcomes });
  };
  add('ground', t('ground'), select(CompliantGround.options.map((g) => [g, groundLabel(g)])), ['COMPLIANT']);
  add('justification', t('justification'), h('textarea', { rows: 3 }), ['COMPLIANT']);
  add('rectifiedOn', t('rectifiedOn'), h('input', { type: 'date' }), ['RECTIFIED']);
  add('how', t('how'), select(RectifyHow.options.map((x) => [x, rectifyHowLabel(x)])), ['RECTIFIED']);
  add('deregisteredOn', t('deregisteredOn'), h('input', { type: 'date' }), ['DEREGISTERED']);
  add('actualEmployer.name', t('actualEmployerName'), h('input', { type: 'text', autocomplete: 'off' }), ['VIOLATION']);
  add('actualEmployer.code', t('actualEmployerCode'), h('input', { type: 'text', autocomplete: 'off', maxlength: 18, spellcheck: 'false' }), ['VIOLATION']);
  add('evidence', t('evidence'), h('textarea', { rows: 3 }), ['VIOLATION']);
  add('receivingAuthority', t('receivingAuthority'), h('input', { type: 'text' }), ['TRANSFERRED']);
  add('note', t('note'), h('textarea', { rows: 2 }), [...CaseOutcome.options]);

  const formError = h('p', { class: 'form-error', role: 'alert' });
  const submit = h('button', { type: 'submit', class: 'primary' }, opts.submitLabel);

  const sync = () => {
    const chosen = outcome.value as CaseOutcome | '';
    for (const f of fields) f.wrap.hidden = !chosen || !f.outcomes.includes(chosen);
  };
  outcome.addEventListener('change', sync);
  sync();

  const value = (path: string): string | undefined => {
    const v = fields.find((f) => f.path === path)!.control.value.trim();
    return v === '' ? undefined : v;
  };

  const build = (): unknown => {
    const base = { outcome: outcome.value || undefined, note: value('note') };
    switch (outcome.value) {
      case 'COMPLIANT':
        return { ...base, ground: value('ground'), justification: value('justification') };
      case 'RECTIFIED':
        return { ...base, rectifiedOn: value('rectifiedOn'), how: value('how') };
      case 'DEREGISTERED':
        return { ...base, deregisteredOn: value('deregisteredOn') };
      case 'VIOLATION':
        return {
          ...base,
          actualEmployer: { name: value('actualEmployer.name') ?? '', code: value('actualEmployer.code') ?? null },
          evidence: value('evidence'),
        };
      case 'TRANSFERRED':
        return { ...base, receivingAuthority: value('receivingAuthority') };
      default:
        return base;
    }
  };

  const showIssues = (issues: { path: string; message: string }[]) => {
    showFieldError(outcome, o.error, issues.find((i) => i.path === 'outcome' || i.path === '')?.message);
    for (const f of fields) showFieldError(f.control, f.error, issues.find((i) => i.path === f.path || i.path.startsWith(`${f.path}.`))?.message);
    const first = [outcome, ...fields.map((f) => f.control)].find((c) => c.getAttribute('aria-invalid') === 'true');
    first?.focus();
  };

  const form = h(
    'form',
    { class: 'decision-form', novalidate: true },
    o.wrap,
    fields.map((f) => f.wrap),
    formError,
    submit,
  );
  onSubmit(form, async (e) => {
    e.preventDefault();
    formError.textContent = '';
    if (!outcome.value) {
      showIssues([{ path: 'outcome', message: t('chooseOutcome') }]);
      return;
    }
    const parsed = CaseDecision.safeParse(build());
    if (!parsed.success) {
      showIssues(parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
      formError.textContent = t('fixErrors');
      return;
    }
    showIssues([]);
    submit.disabled = true;
    try {
      await opts.onSubmit(parsed.data);
    } catch (err) {
      if (err instanceof ApiError && err.problem.errors)
        showIssues(err.problem.errors.map((x) => ({ path: x.path.replace(/^\/?body[./]?/, '').replace(/\//g, '.'), message: x.message })));
      formError.textContent = errorText(err);
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}
