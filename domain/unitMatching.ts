/**
 * When two unit references mean the same employer: DATA-CONTRACT "Unit match",
 * "Unit kind" and "Branches".
 */
import { UnitKind, normaliseUscc, unitKindFromUscc } from './uscc';

/** NFKC (full-width → half-width, （） → ()), no whitespace, Latin letters upper-case. */
export function normaliseUnitName(name: string): string {
  return (
    (name ?? '')
      .normalize('NFKC')
      .replace(/\s+/g, '')
      // NFKC already maps （）; kept explicit because the contract names it.
      .replace(/（/g, '(')
      .replace(/）/g, ')')
      // ASCII only: toUpperCase on other scripts (ß → SS) would change names officials typed.
      .replace(/[a-z]+/g, (s) => s.toUpperCase())
  );
}

/** A unit as a record names it. `code` is a valid USCC or absent: importers drop invalid codes. */
export interface UnitRef {
  name?: string | null;
  code?: string | null;
}

function codeOf(ref: UnitRef): string | undefined {
  const c = ref.code ? normaliseUscc(ref.code) : '';
  return c === '' ? undefined : c;
}

function nameOf(ref: UnitRef): string | undefined {
  const n = ref.name ? normaliseUnitName(ref.name) : '';
  return n === '' ? undefined : n;
}

/**
 * Same unit: both codes present and equal; otherwise (not both codes present)
 * normalised names equal. Reading of the contract's "otherwise": when both codes
 * are present and differ, the units differ even if their names are equal, since
 * a code identifies a legal person and names are reused. A reference without
 * a name or code (e.g. a flexible-employment record) matches nothing.
 */
export function sameUnit(a: UnitRef, b: UnitRef): boolean {
  const ca = codeOf(a);
  const cb = codeOf(b);
  if (ca !== undefined && cb !== undefined) return ca === cb;
  const na = nameOf(a);
  const nb = nameOf(b);
  return na !== undefined && na === nb;
}

/** The branch's normalised name is the head office's plus a non-empty suffix ending in 分公司. */
export function isBranchByName(branchNorm: string, headNorm: string): boolean {
  if (headNorm === '' || !branchNorm.startsWith(headNorm)) return false;
  const suffix = branchNorm.slice(headNorm.length);
  return suffix.length > 0 && suffix.endsWith('分公司');
}

/** One row of the units file (单位信息), codes already validated and normalised. */
export interface UnitDirectoryEntry {
  code: string;
  name: string;
  kind: UnitKind;
  branchOf?: string | null;
  parentCode?: string | null;
}

export type RelatedReason = 'same' | 'branch_of' | 'same_head_office' | 'branch_by_name';
export interface Relation {
  related: boolean;
  reason?: RelatedReason;
}

/** The units file as a lookup. Without a units file, use `new UnitDirectory([])`. */
export class UnitDirectory {
  private readonly byCode = new Map<string, UnitDirectoryEntry>();
  private readonly byName = new Map<string, UnitDirectoryEntry>();

  constructor(entries: readonly UnitDirectoryEntry[]) {
    for (const e of entries) {
      const code = normaliseUscc(e.code);
      const entry: UnitDirectoryEntry = {
        ...e,
        code,
        branchOf: e.branchOf ? normaliseUscc(e.branchOf) : null,
        parentCode: e.parentCode ? normaliseUscc(e.parentCode) : null,
      };
      // First row wins on duplicates, so a lookup never depends on later noise.
      if (!this.byCode.has(code)) this.byCode.set(code, entry);
      const n = normaliseUnitName(e.name);
      if (n !== '' && !this.byName.has(n)) this.byName.set(n, entry);
    }
  }

  get size(): number {
    return this.byCode.size;
  }

  /**
   * By code when the reference has one (a code not in the directory finds
   * nothing: falling back to the name could pick a different legal person),
   * else by normalised name.
   */
  lookup(ref: UnitRef): UnitDirectoryEntry | undefined {
    const code = codeOf(ref);
    if (code !== undefined) return this.byCode.get(code);
    const name = nameOf(ref);
    return name === undefined ? undefined : this.byName.get(name);
  }

  /** The directory's kind; else from the USCC's first two characters; else enterprise. */
  kindOf(ref: UnitRef): UnitKind {
    const e = this.lookup(ref);
    if (e) return e.kind;
    const code = codeOf(ref);
    return code !== undefined ? unitKindFromUscc(code) : 'enterprise';
  }

  /** Same unit, or branch and head office, or two branches of one head office. */
  related(a: UnitRef, b: UnitRef): Relation {
    if (sameUnit(a, b)) return { related: true, reason: 'same' };
    const ea = this.lookup(a);
    const eb = this.lookup(b);
    if (ea && eb && ea.code === eb.code) return { related: true, reason: 'same' };
    const ca = codeOf(a) ?? ea?.code;
    const cb = codeOf(b) ?? eb?.code;
    if ((ea?.branchOf && ea.branchOf === cb) || (eb?.branchOf && eb.branchOf === ca)) {
      return { related: true, reason: 'branch_of' };
    }
    if (ea?.branchOf && ea.branchOf === eb?.branchOf) return { related: true, reason: 'same_head_office' };
    const na = nameOf(a) ?? (ea ? normaliseUnitName(ea.name) : undefined);
    const nb = nameOf(b) ?? (eb ? normaliseUnitName(eb.name) : undefined);
    if (na !== undefined && nb !== undefined && (isBranchByName(na, nb) || isBranchByName(nb, na))) {
      return { related: true, reason: 'branch_by_name' };
    }
    return { related: false };
  }

  /**
   * Parent/subsidiary or two subsidiaries of one parent (a branch counts as its
   * head office). Evidence only: these are separate legal persons, so such a
   * pair is NOT a match.
   */
  parentLink(a: UnitRef, b: UnitRef): boolean {
    const la = this.legalPerson(a);
    const lb = this.legalPerson(b);
    if (!la.code || !lb.code || la.code === lb.code) return false;
    return (
      (la.parent !== undefined && la.parent === lb.code) ||
      (lb.parent !== undefined && lb.parent === la.code) ||
      (la.parent !== undefined && la.parent === lb.parent)
    );
  }

  private legalPerson(ref: UnitRef): { code?: string; parent?: string } {
    let e = this.lookup(ref);
    if (e?.branchOf) e = this.byCode.get(e.branchOf) ?? { ...e, code: e.branchOf, parentCode: null };
    const code = e?.code ?? codeOf(ref);
    return { code, parent: e?.parentCode ?? undefined };
  }
}

const EMPTY_DIRECTORY = new UnitDirectory([]);

/** "Matches" in the flag rules: the same unit or a related one (branches). */
export function unitsMatch(a: UnitRef, b: UnitRef, dir: UnitDirectory = EMPTY_DIRECTORY): boolean {
  return sameUnit(a, b) || dir.related(a, b).related;
}
