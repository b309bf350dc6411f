/**
 * The city's worklist: filters and sort live in the URL (#/worklist?status=open&sort=due), so a
 * filtered list can be bookmarked and "back" returns to it. Select many → one bulk decision.
 */
import { FlagCode } from '../../../domain/flags';
import { decideMany, getWorklist, type WorklistItem, type WorklistQuery } from '../api/cases';
import { newIdempotencyKey } from '../api/http';
import { decisionForm } from '../components/decisionForm';
import { formatInstant } from '../components/feedback';
import { field, h } from '../dom';
import { cityLabel, flagLabel, outcomeLabel } from '../domainLabels';
import { t, tv, type LabelKey } from '../labels';
import type { PageContext } from '../router';
import { JILIN_CITIES } from '../../../domain/cities';

const STATUSES: readonly NonNullable<WorklistQuery['status']>[] = ['open', 'decided', 'closed', 'carried_over'];

/** The worklist's state in the address bar: strings, as bookmarked or typed. */
interface UrlFilters {
  status?: string;
  flag?: string;
  unit?: string;
  riskMin?: string;
  sort: string;
  page?: string;
  city?: string;
}

const wholeNumber = (v: string | undefined, min: number): number | undefined => {
  const n = v === undefined ? NaN : Number(v);
  return Number.isInteger(n) && n >= min ? n : undefined;
};

/** What the API is asked; a value the API would refuse (a mistyped address) is left out. */
function worklistQuery(f: UrlFilters): WorklistQuery {
  const status = STATUSES.find((x) => x === f.status);
  const flag = FlagCode.safeParse(f.flag);
  const riskMin = wholeNumber(f.riskMin, 0);
  const page = wholeNumber(f.page, 1);
  return {
    ...(status ? { status } : {}),
    ...(flag.success ? { flag: flag.data } : {}),
    ...(f.unit ? { unit: f.unit } : {}),
    ...(riskMin !== undefined ? { riskMin } : {}),
    sort: f.sort === 'due' ? 'due' : 'risk',
    ...(page !== undefined ? { page } : {}),
  };
}

/** The address of this list with the filters that are set (none spelled "undefined"). */
function worklistUrl(f: UrlFilters, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...f, ...extra })) if (v !== undefined && v !== '') q.set(k, v);
  return `#/worklist?${q}`;
}

function filtersForm(ctx: PageContext, f: UrlFilters): HTMLElement {
  const status = h(
    'select',
    { name: 'status' },
    h('option', { value: '' }, t('all')),
    STATUSES.map((x) => h('option', { value: x, selected: f.status === x }, tv('caseStatus', x))),
  );
  const flag = h(
    'select',
    { name: 'flag' },
    h('option', { value: '' }, t('all')),
    FlagCode.options.map((x) => h('option', { value: x, selected: f.flag === x }, flagLabel(x))),
  );
  const unit = h('input', { name: 'unit', type: 'search', value: f.unit ?? '' });
  const riskMin = h('input', { name: 'riskMin', type: 'number', min: 0, step: 5, value: f.riskMin ?? '' });
  const sort = h(
    'select',
    { name: 'sort' },
    h('option', { value: 'risk', selected: f.sort !== 'due' }, t('sortRisk')),
    h('option', { value: 'due', selected: f.sort === 'due' }, t('sortDue')),
  );
  const city =
    ctx.session.user.role === 'city_officer'
      ? null
      : h(
          'select',
          { name: 'city' },
          JILIN_CITIES.map((c) => h('option', { value: c.code, selected: f.city === c.code }, c.name)),
        );
  const form = h(
    'form',
    { class: 'filters', role: 'search', 'aria-label': t('search') },
    city ? field(t('city'), city).wrap : null,
    field(t('caseStatus'), status).wrap,
    field(t('flag'), flag).wrap,
    field(t('unit'), unit).wrap,
    field(t('minRisk'), riskMin).wrap,
    field(t('sortBy'), sort).wrap,
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'submit', class: 'primary' }, t('search')),
      h('button', { type: 'button', onclick: () => ctx.navigate('#/worklist') }, t('reset')),
    ),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const q = new URLSearchParams();
    for (const [k, v] of new FormData(form).entries()) if (typeof v === 'string' && v.trim() !== '') q.set(k, v.trim());
    ctx.navigate(`#/worklist?${q}`);
  });
  // Sorting applies at once: the officer flips between "riskiest" and "due soonest" often.
  sort.addEventListener('change', () => form.requestSubmit());
  return form;
}

function row(item: WorklistItem, selected: Set<string>, onSelect: () => void): HTMLElement {
  // An open case whose workflow is still being started cannot take a decision yet.
  const preparing = item.status === 'open' && item.ready === false;
  const box = h('input', {
    type: 'checkbox',
    'aria-label': `${t('selectCase')} ${item.caseNo}`,
    disabled: item.status !== 'open' || preparing,
    'data-case': item.caseId,
  });
  box.addEventListener('change', () => {
    if (box.checked) selected.add(item.caseId);
    else selected.delete(item.caseId);
    onSelect();
  });
  const overdue = item.status === 'open' && item.dueAt && Date.parse(item.dueAt) < Date.now();
  return h(
    'tr',
    { 'data-case-row': item.caseId },
    h('td', {}, box),
    h('td', {}, h('a', { href: `#/cases/${encodeURIComponent(item.caseId)}` }, item.caseNo)),
    h('td', {}, item.name ?? ''),
    h('td', { class: 'mono' }, item.idNumberMasked),
    h(
      'td',
      {},
      h(
        'ul',
        { class: 'chips' },
        item.reasons.map((r) => h('li', { class: 'chip' }, flagLabel(r))),
      ),
    ),
    h('td', { class: 'num' }, String(item.riskScore)),
    h('td', { class: overdue ? 'overdue' : '' }, formatInstant(item.dueAt), overdue ? h('span', { class: 'badge danger' }, t('late')) : null),
    h(
      'td',
      { 'data-testid': 'row-status' },
      tv('caseStatus', item.status),
      preparing ? h('span', { class: 'badge', title: t('notReadyHint'), 'data-testid': 'row-preparing' }, t('notReady')) : null,
    ),
    h('td', { 'data-testid': 'row-outcome' }, outcomeLabel(item.outcome)),
  );
}

export async function renderWorklist(ctx: PageContext): Promise<HTMLElement> {
  const q = ctx.query;
  const f: UrlFilters = {
    status: q.get('status') ?? undefined,
    flag: q.get('flag') ?? undefined,
    unit: q.get('unit') ?? undefined,
    riskMin: q.get('riskMin') ?? undefined,
    sort: q.get('sort') ?? 'risk',
    page: q.get('page') ?? undefined,
    city: q.get('city') ?? undefined,
  };
  const cityCode = ctx.session.user.cityCode ?? f.city ?? JILIN_CITIES[0].code;
  f.city = cityCode;
  const heading = h('h1', {}, `${t('worklistTitle')}（${cityLabel(cityCode)}）`);
  if (!ctx.campaignId) return h('div', {}, heading, h('p', {}, t('noCampaign')));
  const list = await getWorklist(ctx.campaignId, cityCode, worklistQuery(f));

  const selected = new Set<string>();
  const count = h('span', { 'aria-live': 'polite', 'data-testid': 'selected-count' }, `${t('selected')} 0`);
  const bulk = h('details', { class: 'panel bulk' });
  const updateCount = () => {
    count.textContent = `${t('selected')} ${selected.size}`;
    bulk.hidden = selected.size === 0;
  };
  const rows = list.items.map((i) => row(i, selected, updateCount));
  const all = h('input', { type: 'checkbox', 'aria-label': t('selectAll') });
  all.addEventListener('change', () => {
    for (const box of rows.map((r) => r.querySelector('input[type=checkbox]') as HTMLInputElement)) {
      if (box.disabled) continue;
      box.checked = all.checked;
      box.dispatchEvent(new Event('change'));
    }
  });
  const cols: LabelKey[] = ['caseNo', 'name', 'idNumber', 'reasons', 'risk', 'dueAt', 'caseStatus', 'outcome'];
  const table =
    list.items.length === 0
      ? h('p', { class: 'muted' }, t('noCases'))
      : h(
          'table',
          { class: 'grid worklist', 'aria-label': t('worklistTitle') },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('th', { scope: 'col' }, all),
              cols.map((k) =>
                h(
                  'th',
                  { scope: 'col', 'aria-sort': k === 'risk' && f.sort !== 'due' ? 'descending' : k === 'dueAt' && f.sort === 'due' ? 'ascending' : null },
                  t(k),
                ),
              ),
            ),
          ),
          h('tbody', {}, rows),
        );

  const result = h('div', { 'aria-live': 'polite' });
  bulk.append(
    h('summary', {}, `${t('bulkDecision')}`),
    decisionForm({
      idPrefix: 'bulk',
      submitLabel: t('bulkApply'),
      onSubmit: async (d) => {
        const r = await decideMany(ctx.campaignId!, cityCode, [...selected], d, newIdempotencyKey());
        result.textContent = `${t('bulkResult')}：${r.succeeded} ✓，${r.failed} ✗`;
        const failures = r.results.flatMap((x) => ('problem' in x ? [x] : []));
        if (failures.length)
          result.append(
            h(
              'ul',
              {},
              failures.map((x) => h('li', {}, `${x.caseId}：${x.problem.title_zh || x.problem.title} ${x.problem.detail}`)),
            ),
          );
        ctx.announce(result.textContent ?? '');
        if (r.failed === 0) ctx.navigate(worklistUrl(f, { t: String(Date.now()) }));
      },
    }),
    result,
  );
  bulk.hidden = true;

  const page = list.page;
  const pages = Math.max(1, Math.ceil(list.total / list.pageSize));
  const goto = (p: number) => {
    const next = new URLSearchParams(ctx.query);
    next.set('page', String(p));
    ctx.navigate(`#/worklist?${next}`);
  };
  return h(
    'div',
    {},
    heading,
    filtersForm(ctx, f),
    h('div', { class: 'list-bar' }, h('span', {}, `${t('total')} ${list.total} ${t('items')}`), count),
    bulk,
    table,
    h(
      'nav',
      { class: 'pager', 'aria-label': t('page') },
      h('button', { type: 'button', disabled: page <= 1, onclick: () => goto(page - 1) }, t('prev')),
      h('span', {}, `${page} / ${pages}`),
      h('button', { type: 'button', disabled: page >= pages, onclick: () => goto(page + 1) }, t('next')),
    ),
  );
}
