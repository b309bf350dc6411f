/**
 * The evidence timeline: one column per month of the screening window, three rows — the
 * registration unit(s), who paid social insurance, who paid the housing fund. A month with no
 * record is a gap; a payer differing from the registration unit is a mismatch (branches count as
 * the same unit, by the domain's own matching rule); a payer differing from the previous month is
 * a change. Drawn as a table so screen readers read it cell by cell.
 */
import { z } from 'zod';
import { monthsBack } from '../../../domain/calendar';
import { UnitDirectory, unitsMatch, type UnitRef } from '../../../domain/unitMatching';
import type { UnitKind } from '../../../domain/uscc';
import { h } from '../dom';
import { t, type LabelKey } from '../labels';

const s = z.string().nullable().optional();
const Registration = z.object({ unitName: s, unitCode: s, registeredOn: s, status: s, certCategory: s, certNumber: s });
const Payments = z.object({
  window: z.object({ from: z.string(), to: z.string() }),
  records: z.array(z.object({ period: z.string(), unitName: s, unitCode: s, status: s, regionCode: s })),
});
const Unit = z.object({ unitCode: z.string(), unitName: z.string(), unitKind: s, branchOf: s, parentCode: s });

export type Evidence = { kind: string; payload?: unknown }[];

function payload<T extends z.ZodType>(evidence: Evidence, kind: string, schema: T): z.infer<T> | undefined {
  const found = evidence.find((e) => e.kind === kind);
  const parsed = schema.safeParse(found?.payload);
  return parsed.success ? parsed.data : undefined;
}

export function unitDirectoryOf(evidence: Evidence): UnitDirectory {
  const units = payload(evidence, 'units', z.array(Unit)) ?? [];
  return new UnitDirectory(
    units.map((u) => ({ code: u.unitCode, name: u.unitName, kind: (u.unitKind ?? 'enterprise') as UnitKind, branchOf: u.branchOf, parentCode: u.parentCode })),
  );
}

interface Cell {
  text: string;
  state: 'match' | 'mismatch' | 'gap' | 'neutral';
  changed: boolean;
}

const label = (u: UnitRef & { status?: string | null }): string =>
  u.name ?? (u.status === 'flexible' ? t('flexible') : u.status === 'retired' ? t('retired') : (u.code ?? '?'));

export function evidenceTimeline(evidence: Evidence): HTMLElement {
  const regs = (payload(evidence, 'registrations', z.array(Registration)) ?? []).filter((r) => (r.status ?? 'valid') === 'valid');
  const ss = payload(evidence, 'social_insurance', Payments);
  const fund = payload(evidence, 'housing_fund', Payments);
  const window = ss?.window ?? fund?.window;
  if (!window) return h('p', { class: 'muted' }, t('none'));
  const count = (Number(window.to.slice(0, 4)) - Number(window.from.slice(0, 4))) * 12 + Number(window.to.slice(5, 7)) - Number(window.from.slice(5, 7)) + 1;
  const months = monthsBack(window.to, Math.max(1, Math.min(count, 36)));
  const dir = unitDirectoryOf(evidence);
  const regUnits: UnitRef[] = regs.map((r) => ({ name: r.unitName, code: r.unitCode }));
  const matchesReg = (u: UnitRef) => regUnits.some((r) => unitsMatch(u, r, dir));

  const regRow: Cell[] = months.map((m) => {
    const active = regs.filter((r) => !r.registeredOn || r.registeredOn.slice(0, 7) <= m);
    return active.length === 0
      ? { text: t('gap'), state: 'gap', changed: false }
      : { text: [...new Set(active.map((r) => r.unitName ?? r.unitCode ?? '?'))].join('；'), state: 'neutral', changed: false };
  });
  const payerRow = (p: z.infer<typeof Payments> | undefined): Cell[] => {
    let prev: string | undefined;
    return months.map((m) => {
      const recs = (p?.records ?? []).filter((r) => r.period.slice(0, 7) === m);
      if (recs.length === 0) {
        prev = undefined;
        return { text: t('gap'), state: 'gap', changed: false };
      }
      const refs = recs.map((r) => ({ name: r.unitName, code: r.unitCode, status: r.status }));
      const text = [...new Set(refs.map(label))].join('；');
      const changed = prev !== undefined && prev !== text;
      prev = text;
      return { text, state: refs.every((r) => (r.name || r.code) && matchesReg(r)) ? 'match' : 'mismatch', changed };
    });
  };
  const rows: [LabelKey, Cell[]][] = [
    ['row_registration', regRow],
    ['row_social_insurance', payerRow(ss)],
    ['row_housing_fund', payerRow(fund)],
  ];
  const stateText: Record<Cell['state'], string> = { match: '', mismatch: t('mismatch'), gap: '', neutral: '' };

  const table = h(
    'table',
    { class: 'timeline', 'aria-describedby': 'timeline-legend' },
    h('caption', { class: 'sr-only' }, t('evidenceTimeline')),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, ''),
        months.map((m) => h('th', { scope: 'col' }, m)),
      ),
    ),
    h(
      'tbody',
      {},
      rows.map(([key, cells]) =>
        h(
          'tr',
          { 'data-row': key },
          h('th', { scope: 'row' }, t(key)),
          cells.map((c) =>
            h(
              'td',
              { class: `cell ${c.state}${c.changed ? ' changed' : ''}` },
              c.changed ? h('span', { class: 'badge change', title: t('change') }, `${t('change')} `) : null,
              h('span', {}, c.text),
              stateText[c.state] ? h('span', { class: 'sr-only' }, `（${stateText[c.state]}）`) : null,
            ),
          ),
        ),
      ),
    ),
  );
  const legend = h(
    'p',
    { class: 'legend', id: 'timeline-legend' },
    h('span', { class: 'swatch match' }),
    `${t('matchesReg')} `,
    h('span', { class: 'swatch mismatch' }),
    t('mismatch'),
    ' ',
    h('span', { class: 'swatch gap' }),
    t('gap'),
    ' ',
    h('span', { class: 'badge change' }, t('change')),
  );
  return h('div', { class: 'timeline-wrap' }, table, legend);
}
