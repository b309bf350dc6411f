/**
 * A case's gathered evidence, read defensively (the payloads are the activity's JSON, typed
 * `unknown` by the API): registrations, the month-by-month payers of social insurance and the
 * housing fund against the registration units (the domain's own unit matching, branches counting
 * as the same unit), and the notes an officer weighs (units, exams, contracts, public sector,
 * self-check declarations). Supervisors and auditors get no payloads: everything is empty then.
 */
import { z } from 'zod';
import { monthsBack } from '../../../../domain/calendar';
import { UnitDirectory, unitsMatch, type UnitRef } from '../../../../domain/unitMatching';
import { UnitKind } from '../../../../domain/uscc';
import type { CaseDetail } from '../../api/cases';

const s = z.string().nullable().optional();
export const Registration = z.object({ unitName: s, unitCode: s, registeredOn: s, status: s, certCategory: s, certNumber: s });
export type Registration = z.infer<typeof Registration>;
const Payments = z.object({
  window: z.object({ from: z.string(), to: z.string() }),
  records: z.array(z.object({ period: z.string(), unitName: s, unitCode: s, status: s, regionCode: s })),
});
const Unit = z.object({ unitCode: z.string(), unitName: z.string(), unitKind: s, branchOf: s, headOfficeName: s, parentCode: s, parentName: s });

type Evidence = CaseDetail['evidence'];

function payload<T extends z.ZodType>(evidence: Evidence, kind: string, schema: T): z.infer<T> | undefined {
  const parsed = schema.safeParse(evidence.find((e) => e.kind === kind)?.payload);
  return parsed.success ? parsed.data : undefined;
}

/** Whether the answer carried the evidence's contents (officers and coordinators only). */
export const hasEvidencePayloads = (c: CaseDetail): boolean => c.evidence.some((e) => e.payload !== undefined);

export function registrationsOf(c: CaseDetail): Registration[] {
  return payload(c.evidence, 'registrations', z.array(Registration)) ?? [];
}

export interface PayerCell {
  text: string;
  state: 'match' | 'mismatch' | 'gap';
  /** The payer differs from the month before. */
  changed: boolean;
}

export interface EvidenceMonth {
  month: string;
  registration: string | undefined;
  socialInsurance: PayerCell;
  housingFund: PayerCell;
}

const unitKindOf = (raw: string | null | undefined): UnitKind => UnitKind.safeParse(raw).data ?? 'enterprise';

/** One entry per month of the screening window, oldest first; [] without evidence. */
export function evidenceMonths(c: CaseDetail, words: { flexible: string; retired: string }): EvidenceMonth[] {
  const regs = registrationsOf(c).filter((r) => (r.status ?? 'valid') === 'valid');
  const ss = payload(c.evidence, 'social_insurance', Payments);
  const fund = payload(c.evidence, 'housing_fund', Payments);
  const window = ss?.window ?? fund?.window;
  if (!window) return [];
  const count = (Number(window.to.slice(0, 4)) - Number(window.from.slice(0, 4))) * 12 + Number(window.to.slice(5, 7)) - Number(window.from.slice(5, 7)) + 1;
  const months = monthsBack(window.to, Math.max(1, Math.min(count, 36)));
  const units = payload(c.evidence, 'units', z.array(Unit)) ?? [];
  const dir = new UnitDirectory(
    units.map((u) => ({ code: u.unitCode, name: u.unitName, kind: unitKindOf(u.unitKind), branchOf: u.branchOf, parentCode: u.parentCode })),
  );
  const regUnits: UnitRef[] = regs.map((r) => ({ name: r.unitName, code: r.unitCode }));
  const matchesReg = (u: UnitRef) => regUnits.some((r) => unitsMatch(u, r, dir));
  const label = (u: UnitRef & { status?: string | null }) =>
    u.name ?? (u.status === 'flexible' ? words.flexible : u.status === 'retired' ? words.retired : (u.code ?? '?'));

  const payers = (p: z.infer<typeof Payments> | undefined): PayerCell[] => {
    let prev: string | undefined;
    return months.map((m) => {
      const recs = (p?.records ?? []).filter((r) => r.period.slice(0, 7) === m);
      if (recs.length === 0) {
        prev = undefined;
        return { text: '', state: 'gap', changed: false };
      }
      const refs = recs.map((r) => ({ name: r.unitName, code: r.unitCode, status: r.status }));
      const text = [...new Set(refs.map(label))].join('；');
      const changed = prev !== undefined && prev !== text;
      prev = text;
      return { text, state: refs.every((r) => (r.name || r.code) && matchesReg(r)) ? 'match' : 'mismatch', changed };
    });
  };
  const ssCells = payers(ss);
  const fundCells = payers(fund);
  return months.map((month, i) => {
    const active = regs.filter((r) => !r.registeredOn || r.registeredOn.slice(0, 7) <= month);
    return {
      month,
      registration: active.length ? [...new Set(active.map((r) => r.unitName ?? r.unitCode ?? '?'))].join('；') : undefined,
      socialInsurance: ssCells[i],
      housingFund: fundCells[i],
    };
  });
}

export interface EvidenceNote {
  kind: 'branch' | 'parent' | 'unitKind' | 'exam' | 'contract' | 'publicSector' | 'selfCheck';
  unit?: string;
  other?: string;
  from?: string;
  to?: string;
}

/** Related-unit and parent-company notes, and the evidence-only sources an officer weighs. */
export function evidenceNotes(c: CaseDetail): EvidenceNote[] {
  const notes: EvidenceNote[] = [];
  for (const u of payload(c.evidence, 'units', z.array(Unit)) ?? []) {
    if (u.branchOf) notes.push({ kind: 'branch', unit: u.unitName, other: u.headOfficeName ?? u.branchOf });
    if (u.parentCode) notes.push({ kind: 'parent', unit: u.unitName, other: u.parentName ?? u.parentCode });
    if (u.unitKind && u.unitKind !== 'enterprise') notes.push({ kind: 'unitKind', unit: u.unitName, other: u.unitKind });
  }
  const Exam = z.object({ examYear: z.union([z.number(), z.string()]).nullable().optional(), unitName: s });
  for (const e of payload(c.evidence, 'exam_applications', z.array(Exam)) ?? [])
    notes.push({ kind: 'exam', unit: e.unitName ?? undefined, other: e.examYear === null || e.examYear === undefined ? undefined : String(e.examYear) });
  for (const l of payload(c.evidence, 'labor_contracts', z.array(z.object({ unitName: s, startDate: s, endDate: s }))) ?? [])
    notes.push({ kind: 'contract', unit: l.unitName ?? undefined, from: l.startDate ?? undefined, to: l.endDate ?? undefined });
  for (const p of payload(c.evidence, 'public_sector', z.array(z.object({ employerName: s }))) ?? [])
    notes.push({ kind: 'publicSector', unit: p.employerName ?? undefined });
  const self = payload(c.evidence, 'self_check', z.object({ declarations: z.array(z.object({ correction: z.string(), correctedOn: s })) }));
  for (const d of self?.declarations ?? []) notes.push({ kind: 'selfCheck', other: d.correction, from: d.correctedOn ?? undefined });
  return notes;
}
