/**
 * What a decision does to the person and the units, as a plan: its liability, then (when liable)
 * each penalty with its deterministic id, target and details. Pure, so the activity that records a
 * decision (activities/penalties/applyPenalties.ts) and the API's decision preview compute the
 * same plan from the same evidence and cannot disagree.
 *
 * Liability: a VIOLATION is liable. A RECTIFIED case is exempt when the correction was made within
 * phase 1 (自查自纠期间及时整改到位的，不再追究责任); a later correction does not exempt, so it
 * carries a violation's penalties. The other outcomes carry no liability.
 */
import type { CampaignCalendar } from './calendar';
import { unitKey } from './caseKeys';
import { CERT_CATEGORY_LABELS, CertCategory } from './certCategories';
import type { CaseDecision } from './outcomes';
import {
  banPeriod,
  exemptFromLiability,
  IMPOSING_LEVEL_LABELS,
  PENALTY_KIND_LABELS,
  penaltiesForViolation,
  type ImposingLevel,
  type PenaltyKind,
} from './penalties';
import { normaliseUnitName } from './unitMatching';
import { unitKindFromUscc, type UnitKind } from './uscc';

export type Liability = 'liable' | 'exempt' | 'none';

export const LIABILITY_LABELS: Record<Liability, string> = {
  liable: '追究责任',
  exempt: '自查自纠期间整改到位，不再追究责任',
  none: '不涉及处理',
};

/**
 * The decision's liability. A RECTIFIED decision needs the calendar (its self-check deadline);
 * undefined when it is not given.
 */
export function decisionLiability(decision: CaseDecision, calendar: Pick<CampaignCalendar, 'selfCheck'> | undefined): Liability | undefined {
  switch (decision.outcome) {
    case 'VIOLATION':
      return 'liable';
    case 'RECTIFIED':
      return calendar ? (exemptFromLiability(decision.rectifiedOn, calendar) ? 'exempt' : 'liable') : undefined;
    default:
      return 'none';
  }
}

// ---- Who the penalties fall on, from the case's gathered evidence ----

export interface TargetUnit {
  name: string;
  code: string | null;
  norm: string;
}

export interface PenaltyTargets {
  certNumbers: string[];
  certCategories: string[];
  registrationUnits: TargetUnit[];
  publicSectorEmployer: TargetUnit | null;
  agency: TargetUnit | null;
}

/** The evidence a plan reads: the payload of each kind gathered for the case (screening, registrations, units, public_sector). */
export type PenaltyEvidence = ReadonlyMap<string, unknown>;

/** The evidence kinds penaltyTargets reads. */
export const PENALTY_EVIDENCE_KINDS = ['screening', 'registrations', 'units', 'public_sector'] as const;

type Json = Record<string, unknown>;
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
const arr = (v: unknown): Json[] => (Array.isArray(v) ? (v as Json[]) : []);

function unit(name: unknown, code: unknown): TargetUnit | null {
  const n = str(name);
  return n ? { name: n, code: str(code), norm: normaliseUnitName(n) } : null;
}

function dedupe(units: (TargetUnit | null)[]): TargetUnit[] {
  const seen = new Map<string, TargetUnit>();
  for (const u of units) if (u && !seen.has(u.code ?? u.norm)) seen.set(u.code ?? u.norm, u);
  return [...seen.values()];
}

const PUBLIC_KINDS: UnitKind[] = ['government', 'public_institution'];

/**
 * The registration units (bad conduct, qualification check), a public-sector actual employer
 * (notified), an HR agency that paid the contributions (order to rectify).
 */
export function penaltyTargets(ev: PenaltyEvidence, decision: CaseDecision): PenaltyTargets {
  const directory = new Map(arr(ev.get('units')).map((u) => [str(u.unitCode) ?? '', u]));
  const kindOf = (code: string | null): UnitKind | null => (code ? ((str(directory.get(code)?.unitKind) as UnitKind | null) ?? unitKindFromUscc(code)) : null);

  const valid = arr(ev.get('registrations')).filter((r) => (str(r.status) ?? 'valid') === 'valid');
  const registrationUnits = dedupe(valid.map((r) => unit(r.unitName, r.unitCode)));

  // The actual employer named in the decision, else the public-sector staff record.
  let publicSectorEmployer: TargetUnit | null = null;
  if (decision.outcome === 'VIOLATION') {
    const employer = unit(decision.actualEmployer.name, decision.actualEmployer.code);
    const k = kindOf(employer?.code ?? null);
    if (employer && k && PUBLIC_KINDS.includes(k)) publicSectorEmployer = employer;
  }
  if (!publicSectorEmployer) {
    const isRegUnit = (u: TargetUnit) => registrationUnits.some((r) => (r.code && r.code === u.code) || r.norm === u.norm);
    const staff = arr(ev.get('public_sector'))
      .map((s) => unit(s.employerName, s.employerCode))
      .find((u): u is TargetUnit => u !== null && !isRegUnit(u));
    if (staff) publicSectorEmployer = staff;
  }

  // An HR agency paying at the latest period (screening flagged SS_VIA_AGENCY).
  const screening = (ev.get('screening') ?? {}) as Json;
  const reasons = Array.isArray(screening.reasons) ? (screening.reasons as string[]) : [];
  const si = ((screening.detail as Json | undefined)?.socialInsurance ?? {}) as Json;
  const payers = [...arr(si.latestPayers), ...arr(si.units)];
  const agencyPayer = payers.find((p) => str(p.unitKind) === 'hr_agency' || kindOf(str(p.unitCode)) === 'hr_agency');
  let agency = agencyPayer ? unit(agencyPayer.unitName, agencyPayer.unitCode) : null;
  if (!agency && reasons.includes('SS_VIA_AGENCY')) agency = unit(screening.ssUnitName, null);

  return {
    certNumbers: valid.map((r) => str(r.certNumber)).filter((x): x is string => x !== null),
    certCategories: [...new Set(valid.map((r) => str(r.certCategory)).filter((x): x is string => x !== null))],
    registrationUnits,
    publicSectorEmployer,
    agency,
  };
}

// ---- The penalties of a liable case ----

export interface PlannedPenalty {
  /** '<caseId>:<kind>' for the person, '<caseId>:<kind>:<unitKey>' for a unit: a second application adds nothing. */
  penaltyId: string;
  kind: PenaltyKind;
  target: 'person' | 'unit';
  unit: TargetUnit | null;
  /** Bad-conduct records go on the provincial public platform. */
  published: boolean;
  details: Record<string, unknown>;
}

export interface LiablePenalties {
  /** The kinds imposed now (some may have no target: no public-sector employer, no agency). */
  kinds: PenaltyKind[];
  penalties: PlannedPenalty[];
  /** The 3-year ban's inclusive dates, when it is among the kinds. */
  ban: { start: string; end: string } | null;
  /** Kinds the violation carries that this imposition leaves out (reserved to the province). */
  leftOut: PenaltyKind[];
}

function rowsFor(caseId: string, kind: PenaltyKind, t: PenaltyTargets, onDate: string): PlannedPenalty[] {
  const person = (details: Record<string, unknown> = {}, published = false): PlannedPenalty[] => [
    { penaltyId: `${caseId}:${kind}`, kind, target: 'person', unit: null, published, details },
  ];
  const units = (list: TargetUnit[], published = false): PlannedPenalty[] =>
    list.map((u) => ({ penaltyId: `${caseId}:${kind}:${unitKey(u.code, u.norm)}`, kind, target: 'unit', unit: u, published, details: {} }));
  switch (kind) {
    case 'REVOKE_REGISTRATION':
      return person({ certNumbers: t.certNumbers, certCategories: t.certCategories });
    case 'REGISTRATION_BAN_3Y':
      return person(banPeriod(onDate));
    case 'BAD_CONDUCT_PERSON':
      return person({}, true);
    case 'BAD_CONDUCT_UNIT':
      return units(t.registrationUnits, true);
    case 'DYNAMIC_QUALIFICATION_CHECK':
      return units(t.registrationUnits);
    case 'NOTIFY_EMPLOYER':
      return units(t.publicSectorEmployer ? [t.publicSectorEmployer] : []);
    case 'AGENCY_RECTIFY_ORDER':
      return units(t.agency ? [t.agency] : []);
  }
}

/** The penalties a liable case carries on `onDate`: only `kinds` when given, never `exceptKinds`. */
export function liablePenalties(a: {
  caseId: string;
  targets: PenaltyTargets;
  onDate: string;
  kinds?: readonly PenaltyKind[];
  exceptKinds?: readonly PenaltyKind[];
}): LiablePenalties {
  const all = penaltiesForViolation({ publicSectorEmployer: a.targets.publicSectorEmployer !== null, viaAgency: a.targets.agency !== null });
  const kinds = all.filter((k) => !a.kinds || a.kinds.includes(k)).filter((k) => !a.exceptKinds?.includes(k));
  return {
    kinds,
    penalties: kinds.flatMap((k) => rowsFor(a.caseId, k, a.targets, a.onDate)),
    ban: kinds.includes('REGISTRATION_BAN_3Y') ? banPeriod(a.onDate) : null,
    leftOut: all.filter((k) => !kinds.includes(k)),
  };
}

/** One planned penalty in words, as the console shows it before the decision (Chinese). */
export function describePenalty(p: PlannedPenalty, level: ImposingLevel): string {
  const label = PENALTY_KIND_LABELS[p.kind];
  const by = `（${IMPOSING_LEVEL_LABELS[level]}实施${p.published ? '，在省级平台公开' : ''}）`;
  if (p.target === 'unit') return `${label}：${p.unit!.name}${by}`;
  if (p.kind === 'REGISTRATION_BAN_3Y') {
    const d = p.details as { start: string; end: string };
    return `${label}：${d.start} 至 ${d.end}${by}`;
  }
  if (p.kind === 'REVOKE_REGISTRATION') {
    const d = p.details as { certCategories: string[]; certNumbers: string[] };
    const cats = d.certCategories.map((c) => (CertCategory.safeParse(c).success ? CERT_CATEGORY_LABELS[c as CertCategory] : c));
    const what = [cats.join('、'), d.certNumbers.length > 0 ? `证书编号 ${d.certNumbers.join('、')}` : ''].filter((x) => x !== '').join('，');
    return `${label}${what ? `：${what}` : ''}${by}`;
  }
  return `${label}${by}`;
}
