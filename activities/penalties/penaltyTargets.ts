/**
 * Who a violation's penalties fall on, read from the case's gathered evidence: the registration
 * units (bad conduct, qualification check), a public-sector actual employer (notified), an HR
 * agency that paid the contributions (order to rectify).
 */
import type { PoolClient } from 'pg';
import type { CaseDecision } from '../../domain/outcomes';
import { normaliseUnitName } from '../../domain/unitMatching';
import { unitKindFromUscc, type UnitKind } from '../../domain/uscc';

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

export async function loadPenaltyTargets(client: PoolClient, caseId: string, decision: CaseDecision): Promise<PenaltyTargets> {
  const { rows } = await client.query<{ kind: string; payload: unknown }>(
    `SELECT kind, payload FROM case_evidence WHERE case_id = $1 AND kind IN ('screening', 'registrations', 'units', 'public_sector')`,
    [caseId],
  );
  const ev = new Map(rows.map((r) => [r.kind, r.payload]));
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
