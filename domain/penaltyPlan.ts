/**
 * What a decision does to the person and the units, as a plan: its liability, then (when liable)
 * each penalty with its deterministic id, target and details. Pure, so the activity that records a
 * decision (activities/penalties/applyPenalties.ts) and the API's decision preview compute the
 * same plan from the same evidence and cannot disagree.
 *
 * Liability (docs/cases.md "Rules as implemented"): a VIOLATION is liable. A RECTIFIED case is
 * exempt only when the correction was made within phase 1 (自查自纠期间及时整改到位的，不再追究责任)
 * AND the self-check left a record of it: a declaration of the person, or of one of their
 * registration units, received by the self-check deadline. A date the officer types is not enough:
 * without such a declaration the case is a late correction and liable. A DEREGISTERED case carries
 * no liability, unless the person applied to deregister while this case was open: that request
 * belongs to the case and does not end it without penalty. The other outcomes carry no liability.
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

/** Why a decision is liable, exempt or neither (case_file.liability_basis). */
export type LiabilityBasis =
  'violation' | 'rectified_in_self_check' | 'late_correction' | 'no_self_check_declaration' | 'deregistration_during_case' | 'no_liability';

export const LIABILITY_BASIS_LABELS: Record<LiabilityBasis, string> = {
  violation: '确认挂证',
  rectified_in_self_check: '自查自纠期间整改到位，且有自查自纠申报记录',
  late_correction: '自查自纠截止日后整改',
  no_self_check_declaration: '无自查自纠申报记录，按逾期整改处理',
  deregistration_during_case: '案件办理期间申请注销，不免除责任',
  no_liability: '该结论不产生处罚',
};

/**
 * What the self-check (phase 1) and the intake left on record about the case's person, as the
 * liability rules read it (readModel/penaltyEvidence.ts loadSelfCheckRecord reads it).
 */
export interface SelfCheckRecord {
  /** Declarations of the person (`forPerson`), or of a unit alone (matched to the registration units here). */
  declarations: readonly {
    forPerson: boolean;
    unitCode: string | null;
    unitName: string | null;
    correction: string;
    correctedOn: string;
    /** The campaign's calendar date the declaration was received. */
    receivedOn: string;
  }[];
  /** The person's deregistration requests; `duringCase`: received while this case was open (linked to it). */
  deregistrationRequests: readonly { receivedOn: string; duringCase: boolean }[];
}

export const EMPTY_SELF_CHECK_RECORD: SelfCheckRecord = { declarations: [], deregistrationRequests: [] };

/** A field of the decision the officer should look at again, said in Chinese (it names the field). */
export interface LiabilityNotice {
  /** The decision's field, e.g. `rectifiedOn`. */
  field: string;
  message: string;
}

export interface LiabilityJudgement {
  liability: Liability;
  basis: LiabilityBasis;
  /** Why a correction or a deregistration does not exempt, when it might look as if it did. */
  notice?: LiabilityNotice;
}

const CORRECTIONS = new Set(['moved_contributions', 'moved_registration']);

/** A phase-1 declaration of the person, or of one of their registration units, that a RECTIFIED decision can rest on. */
function selfCheckDeclared(record: SelfCheckRecord, units: readonly TargetUnit[], deadline: string): boolean {
  const ofUnit = (d: SelfCheckRecord['declarations'][number]) =>
    units.some((u) => (d.unitCode !== null && u.code === d.unitCode) || (d.unitName !== null && u.norm === normaliseUnitName(d.unitName)));
  return record.declarations.some((d) => CORRECTIONS.has(d.correction) && d.correctedOn <= deadline && d.receivedOn <= deadline && (d.forPerson || ofUnit(d)));
}

/**
 * The decision's liability, and why. A RECTIFIED decision needs the calendar (its self-check
 * deadline): undefined without it. `registrationUnits` are the person's (penaltyTargets), against
 * which a unit's own declaration is matched.
 */
export function judgeLiability(
  decision: CaseDecision,
  calendar: Pick<CampaignCalendar, 'selfCheck'> | undefined,
  record: SelfCheckRecord,
  registrationUnits: readonly TargetUnit[] = [],
): LiabilityJudgement | undefined {
  switch (decision.outcome) {
    case 'VIOLATION':
      return { liability: 'liable', basis: 'violation' };
    case 'RECTIFIED': {
      if (!calendar) return undefined;
      const deadline = calendar.selfCheck.deadline;
      if (!exemptFromLiability(decision.rectifiedOn, calendar)) {
        return {
          liability: 'liable',
          basis: 'late_correction',
          notice: { field: 'rectifiedOn', message: `「整改完成日期」（${decision.rectifiedOn}）晚于自查自纠截止日（${deadline}），仍须追究责任` },
        };
      }
      if (selfCheckDeclared(record, registrationUnits, deadline)) return { liability: 'exempt', basis: 'rectified_in_self_check' };
      return {
        liability: 'liable',
        basis: 'no_self_check_declaration',
        notice: {
          field: 'rectifiedOn',
          message:
            `「整改完成日期」（${decision.rectifiedOn}）在自查自纠截止日（${deadline}）之前，但未查到当事人或其注册单位在自查自纠期间的申报记录，` +
            '不能认定为自查自纠期间整改到位，按逾期整改追究责任',
        },
      };
    }
    case 'DEREGISTERED': {
      const during = record.deregistrationRequests.find((r) => r.duringCase);
      if (!during) return { liability: 'none', basis: 'no_liability' };
      return {
        liability: 'liable',
        basis: 'deregistration_during_case',
        notice: {
          field: 'outcome',
          message: `当事人于 ${during.receivedOn} 在案件办理期间申请注销，「核查结论」为已注销不免除责任，按确认挂证追究责任（不良行为记录、3年内不予受理注册等）`,
        },
      };
    }
    default:
      return { liability: 'none', basis: 'no_liability' };
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

const validRegistrations = (ev: PenaltyEvidence): Json[] => arr(ev.get('registrations')).filter((r) => (str(r.status) ?? 'valid') === 'valid');

/** The units of the person's valid registrations (what an open case freezes, and where a unit's self-check declaration counts). */
export function registrationUnitsOf(ev: PenaltyEvidence): TargetUnit[] {
  return dedupe(validRegistrations(ev).map((r) => unit(r.unitName, r.unitCode)));
}

/**
 * An HR agency paying the person's contributions at the latest period (screening flagged
 * SS_VIA_AGENCY), from the gathered evidence: the order to rectify's target, and the intermediary
 * the registry records from the evidence (docs/intermediaries.md).
 */
export function evidenceAgency(ev: PenaltyEvidence): TargetUnit | null {
  const directory = new Map(arr(ev.get('units')).map((u) => [str(u.unitCode) ?? '', u]));
  const kindOf = (code: string | null): UnitKind | null => (code ? ((str(directory.get(code)?.unitKind) as UnitKind | null) ?? unitKindFromUscc(code)) : null);
  const screening = (ev.get('screening') ?? {}) as Json;
  const reasons = Array.isArray(screening.reasons) ? (screening.reasons as string[]) : [];
  const si = ((screening.detail as Json | undefined)?.socialInsurance ?? {}) as Json;
  const payers = [...arr(si.latestPayers), ...arr(si.units)];
  const agencyPayer = payers.find((p) => str(p.unitKind) === 'hr_agency' || kindOf(str(p.unitCode)) === 'hr_agency');
  const agency = agencyPayer ? unit(agencyPayer.unitName, agencyPayer.unitCode) : null;
  return agency ?? (reasons.includes('SS_VIA_AGENCY') ? unit(screening.ssUnitName, null) : null);
}

/**
 * The registration units (bad conduct, qualification check), a public-sector actual employer
 * (notified), an HR agency that paid the contributions (order to rectify).
 */
export function penaltyTargets(ev: PenaltyEvidence, decision: CaseDecision): PenaltyTargets {
  const directory = new Map(arr(ev.get('units')).map((u) => [str(u.unitCode) ?? '', u]));
  const kindOf = (code: string | null): UnitKind | null => (code ? ((str(directory.get(code)?.unitKind) as UnitKind | null) ?? unitKindFromUscc(code)) : null);

  const valid = validRegistrations(ev);
  const registrationUnits = registrationUnitsOf(ev);

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

  const agency = evidenceAgency(ev);

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
