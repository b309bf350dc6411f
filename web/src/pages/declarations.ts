/** Self-check declarations (自查自纠): record one, and see the city's list. */
import { z } from 'zod';
import { IsoDate } from '../../../domain/calendar';
import { newIdempotencyKey } from '../api/http';
import { listDeclarations, recordDeclaration } from '../api/intake';
import { errorText, formatInstant } from '../components/feedback';
import { field, h, onSubmit, showFieldError } from '../dom';
import { cityLabel } from '../domainLabels';
import { t, tv } from '../labels';
import type { PageContext } from '../router';

const CORRECTIONS = ['moved_contributions', 'moved_registration', 'deregistration_applied'] as const;

// The API's body rule: a person (ID number) or a unit must be named.
const declarationForm = () =>
  z
    .object({
      idNumber: z
        .string()
        .regex(/^(\d{17}[\dXx]|\d{15})$/, t('idNumberFormat'))
        .optional(),
      unitName: z.string().min(1).max(200).optional(),
      unitCode: z
        .string()
        .regex(/^[0-9A-HJ-NPQRTUWXY]{18}$/i, t('usccFormat'))
        .optional(),
      correction: z.enum(CORRECTIONS),
      correctedOn: IsoDate,
    })
    .refine((b) => b.idNumber || b.unitName || b.unitCode, { path: ['idNumber'], message: t('needPersonOrUnit') });

export async function renderDeclarations(ctx: PageContext): Promise<HTMLElement> {
  const cityCode = ctx.session.user.cityCode!;
  const heading = h('h1', {}, `${t('declarationsTitle')}（${cityLabel(cityCode)}）`);
  if (!ctx.campaignId) return h('div', {}, heading, h('p', {}, t('noCampaign')));
  const items = await listDeclarations(ctx.campaignId, cityCode);

  const ctl = {
    idNumber: h('input', { type: 'text', maxlength: 18, autocomplete: 'off', spellcheck: 'false' }),
    unitName: h('input', { type: 'text' }),
    unitCode: h('input', { type: 'text', maxlength: 18, spellcheck: 'false' }),
    correction: h(
      'select',
      {},
      CORRECTIONS.map((c) => h('option', { value: c }, tv('correction', c))),
    ),
    correctedOn: h('input', { type: 'date' }),
  };
  const fields = {
    idNumber: field(t('idNumber'), ctl.idNumber),
    unitName: field(t('unitName'), ctl.unitName),
    unitCode: field(t('unitCode'), ctl.unitCode),
    correction: field(t('correction'), ctl.correction),
    correctedOn: field(t('correctedOn'), ctl.correctedOn),
  };
  const error = h('p', { class: 'form-error', role: 'alert' });
  const form = h(
    'form',
    { class: 'panel', novalidate: true, 'aria-labelledby': 'decl-title' },
    h('h2', { id: 'decl-title' }, t('addDeclaration')),
    h('div', { class: 'inline' }, fields.idNumber.wrap, fields.unitName.wrap, fields.unitCode.wrap),
    h('div', { class: 'inline' }, fields.correction.wrap, fields.correctedOn.wrap),
    error,
    h('button', { type: 'submit', class: 'primary' }, t('addDeclaration')),
  );
  onSubmit(form, async (e) => {
    e.preventDefault();
    error.textContent = '';
    const raw = Object.fromEntries(Object.entries(ctl).map(([k, c]) => [k, c.value.trim() || undefined]));
    const parsed = declarationForm().safeParse(raw);
    for (const [k, f] of Object.entries(fields)) {
      const issue = parsed.success ? undefined : parsed.error.issues.find((i) => i.path[0] === k);
      showFieldError(ctl[k as keyof typeof ctl], f.error, issue?.message);
    }
    if (!parsed.success) return;
    try {
      await recordDeclaration(ctx.campaignId!, cityCode, parsed.data, newIdempotencyKey());
      ctx.announce(t('declarationSaved'));
      ctx.navigate(`#/declarations?t=${Date.now()}`);
    } catch (err) {
      error.textContent = errorText(err);
    }
  });
  return h(
    'div',
    {},
    heading,
    form,
    h(
      'section',
      { class: 'panel' },
      h('h2', {}, `${t('declarationsTitle')}（${items.length}）`),
      h(
        'table',
        { class: 'grid compact' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            [t('idNumber'), t('unitName'), t('correction'), t('correctedOn'), t('receivedAt')].map((x) => h('th', { scope: 'col' }, x)),
          ),
        ),
        h(
          'tbody',
          {},
          items.map((d) =>
            h(
              'tr',
              {},
              h('td', { class: 'mono' }, d.idNumber ?? ''),
              h('td', {}, d.unitName ?? d.unitCode ?? ''),
              h('td', {}, tv('correction', d.correction)),
              h('td', {}, d.correctedOn),
              h('td', {}, formatInstant(d.receivedAt)),
            ),
          ),
        ),
      ),
    ),
  );
}
