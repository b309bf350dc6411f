/**
 * One case: who, which registrations, the month-by-month evidence, related-unit notes, and the
 * decision — the form while the case is open (city officers), the recorded decision and its
 * penalties once decided.
 */
import { z } from 'zod';
import { decideCase, getCase, type CaseDetail } from '../api/cases';
import { newIdempotencyKey } from '../api/http';
import { decisionForm } from '../components/decisionForm';
import { evidenceTimeline, type Evidence } from '../components/evidenceTimeline';
import { formatInstant } from '../components/feedback';
import { h } from '../dom';
import { certLabel, cityLabel, flagLabel, groundLabel, levelLabel, outcomeLabel, penaltyLabel, rectifyHowLabel } from '../domainLabels';
import { t, tv, type LabelKey } from '../labels';
import type { PageContext } from '../router';

const s = z.string().nullable().optional();

function evidenceOf<T extends z.ZodType>(c: CaseDetail, kind: string, schema: T): z.infer<T> | undefined {
  const parsed = schema.safeParse(c.evidence.find((e) => e.kind === kind)?.payload);
  return parsed.success ? parsed.data : undefined;
}

function dl(pairs: [string, string | HTMLElement | null | undefined][]): HTMLElement {
  return h(
    'dl',
    { class: 'facts' },
    pairs.filter(([, v]) => v !== null && v !== undefined && v !== '').map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]),
  );
}

function registrations(c: CaseDetail): HTMLElement {
  const regs =
    evidenceOf(c, 'registrations', z.array(z.object({ certCategory: s, certNumber: s, unitName: s, unitCode: s, registeredOn: s, status: s }))) ?? [];
  if (regs.length === 0) return h('p', { class: 'muted' }, t('none'));
  return h(
    'table',
    { class: 'grid' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        (['certCategory', 'certNumber', 'regUnit', 'unitCode', 'registeredOn', 'regStatus'] as LabelKey[]).map((k) => h('th', { scope: 'col' }, t(k))),
      ),
    ),
    h(
      'tbody',
      {},
      regs.map((r) =>
        h(
          'tr',
          {},
          h('td', {}, certLabel(r.certCategory ?? '')),
          h('td', {}, r.certNumber ?? ''),
          h('td', {}, r.unitName ?? ''),
          h('td', {}, r.unitCode ?? ''),
          h('td', {}, r.registeredOn ?? ''),
          h('td', {}, tv('regStatus', r.status ?? 'valid')),
        ),
      ),
    ),
  );
}

/** Related-unit and parent-company notes, and the evidence-only sources an officer weighs. */
function notes(c: CaseDetail): HTMLElement {
  const items: HTMLElement[] = [];
  const units =
    evidenceOf(
      c,
      'units',
      z.array(z.object({ unitCode: z.string(), unitName: z.string(), unitKind: s, branchOf: s, headOfficeName: s, parentCode: s, parentName: s })),
    ) ?? [];
  for (const u of units) {
    if (u.branchOf) items.push(h('li', {}, `${u.unitName}：${t('branchOf')}${u.headOfficeName ?? u.branchOf}`));
    if (u.parentCode) items.push(h('li', {}, `${u.unitName}：${t('parentOf')}${u.parentName ?? u.parentCode}（${t('parentNote')}）`));
    if (u.unitKind && u.unitKind !== 'enterprise') items.push(h('li', {}, `${u.unitName}：${t('unitKind')} ${u.unitKind}`));
  }
  const exams = evidenceOf(c, 'exam_applications', z.array(z.object({ examYear: z.union([z.number(), z.string()]).nullable().optional(), unitName: s }))) ?? [];
  for (const e of exams) items.push(h('li', {}, `${t('examApplications')}（${e.examYear ?? ''}）：${e.unitName ?? ''}`));
  const contracts = evidenceOf(c, 'labor_contracts', z.array(z.object({ unitName: s, startDate: s, endDate: s }))) ?? [];
  for (const l of contracts) items.push(h('li', {}, `${t('laborContracts')}：${l.unitName ?? ''}（${l.startDate ?? ''} ~ ${l.endDate ?? ''}）`));
  const pub = evidenceOf(c, 'public_sector', z.array(z.object({ employerName: s }))) ?? [];
  for (const p of pub) items.push(h('li', {}, `${t('publicSector')}：${p.employerName ?? ''}`));
  const self = evidenceOf(c, 'self_check', z.object({ declarations: z.array(z.object({ correction: z.string(), correctedOn: s })) }));
  for (const d of self?.declarations ?? []) items.push(h('li', {}, `${t('selfCheckEvidence')}：${tv('correction', d.correction)}（${d.correctedOn ?? ''}）`));
  return items.length ? h('ul', { class: 'notes' }, items) : h('p', { class: 'muted' }, t('none'));
}

function recordedDecision(c: CaseDetail): HTMLElement {
  const d = c.decision ?? {};
  const str = (k: string) => (typeof d[k] === 'string' ? d[k] : undefined);
  const employer = d.actualEmployer as { name?: string; code?: string | null } | undefined;
  return h(
    'div',
    { 'data-testid': 'recorded-decision' },
    dl([
      [t('outcome'), outcomeLabel(c.outcome)],
      [t('ground'), str('ground') ? groundLabel(str('ground')!) : undefined],
      [t('justification'), str('justification')],
      [t('rectifiedOn'), str('rectifiedOn')],
      [t('how'), str('how') ? rectifyHowLabel(str('how')!) : undefined],
      [t('deregisteredOn'), str('deregisteredOn')],
      [t('actualEmployerName'), employer ? `${employer.name ?? ''}${employer.code ? `（${employer.code}）` : ''}` : undefined],
      [t('evidence'), str('evidence')],
      [t('receivingAuthority'), str('receivingAuthority')],
      [t('note'), str('note')],
      [t('decidedBy'), c.decidedBy],
      [t('decidedOn'), c.decidedOn],
    ]),
    c.liability === 'exempt' ? h('p', { class: 'ok-note' }, t('exempt')) : null,
  );
}

function penalties(c: CaseDetail): HTMLElement {
  if (c.penalties.length === 0 && !c.ban) return h('p', { class: 'muted' }, t('none'));
  return h(
    'div',
    {},
    h(
      'table',
      { class: 'grid' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          (['penaltyKind', 'imposingLevel', 'imposedOn', 'unit'] as LabelKey[]).map((k) => h('th', { scope: 'col' }, t(k))),
        ),
      ),
      h(
        'tbody',
        {},
        c.penalties.map((p) =>
          h(
            'tr',
            {},
            h('td', {}, penaltyLabel(p.kind)),
            h('td', {}, levelLabel(p.level)),
            h('td', {}, p.imposedOn),
            h('td', {}, p.target === 'unit' ? (p.unitName ?? p.unitCode ?? '') : ''),
          ),
        ),
      ),
    ),
    c.ban ? h('p', {}, `${t('ban')}：${c.ban.start} ~ ${c.ban.end}`) : null,
  );
}

export async function renderCase(ctx: PageContext): Promise<HTMLElement> {
  const c = await getCase(ctx.params.caseId);
  const canDecide = ctx.session.user.role === 'city_officer' && c.status === 'open';
  const decision = canDecide
    ? decisionForm({
        idPrefix: 'decide',
        submitLabel: t('submit'),
        onSubmit: async (d) => {
          await decideCase(c.caseId, d, newIdempotencyKey());
          ctx.announce(t('decisionRecorded'));
          ctx.navigate(`#/cases/${encodeURIComponent(c.caseId)}?decided=1`);
        },
      })
    : c.outcome
      ? recordedDecision(c)
      : h('p', { class: 'muted' }, tv('caseStatus', c.status));

  const section = (key: LabelKey, body: HTMLElement, id: string) => h('section', { class: 'panel', 'aria-labelledby': id }, h('h2', { id }, t(key)), body);

  return h(
    'div',
    { class: 'case-page' },
    h('p', {}, h('a', { href: '#/worklist' }, `← ${t('navWorklist')}`)),
    h('h1', {}, `${t('caseTitle')} ${c.caseNo}`),
    h(
      'div',
      { class: 'case-head' },
      dl([
        [t('caseStatus'), h('span', { 'data-testid': 'case-status', class: `status ${c.status}` }, tv('caseStatus', c.status))],
        [t('outcome'), c.outcome ? h('span', { 'data-testid': 'case-outcome' }, outcomeLabel(c.outcome)) : undefined],
        [t('risk'), String(c.riskScore)],
        [t('dueAt'), formatInstant(c.dueAt)],
        [t('city'), cityLabel(c.cityCode)],
      ]),
    ),
    h(
      'div',
      { class: 'two-col' },
      section(
        'person',
        dl([
          [t('name'), c.person.name ?? ''],
          [t('idNumber'), c.person.idNumber ?? c.person.idNumberMasked ?? ''],
          [
            t('reasons'),
            h(
              'ul',
              { class: 'chips' },
              c.reasons.map((r) => h('li', { class: 'chip' }, flagLabel(r))),
            ),
          ],
        ]),
        'sec-person',
      ),
      section('decisionTitle', decision, 'sec-decision'),
    ),
    section('registrations', registrations(c), 'sec-regs'),
    section('evidenceTimeline', evidenceTimeline(c.evidence as Evidence), 'sec-timeline'),
    section('relatedUnits', notes(c), 'sec-notes'),
    c.outcome ? section('penalties', penalties(c), 'sec-penalties') : null,
  );
}
