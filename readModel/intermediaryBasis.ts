/**
 * One intermediary basis version (intermediary_basis_version, db/migrations/077) in the shape the
 * penalty procedure's steps check measures against (domain/legalBasis.ts Measure): its FINE's
 * 「…以上…以下」 becomes a cap with a minimum (no gains multiple: the basis has none). The procedure of
 * an intermediary's escalated order (docs/intermediaries.md) reads it by the id chosen at the escalation.
 */
import type { ClientBase, Pool } from 'pg';
import { z } from 'zod';
import { Citation, CompetentAuthority, IntermediaryViolation, Measure, type Hearing } from '../domain/legalBasis';
import { BigintColumn, parseRows } from './sqlTypes';

const StoredMeasure = z.object({
  kind: z.string(),
  authority: CompetentAuthority,
  minYuan: z.number().int().optional(),
  maxYuan: z.number().int().optional(),
});

export interface IntermediaryBasisVersion {
  id: number;
  version: number;
  violation: IntermediaryViolation;
  label: string;
  citations: Citation[];
  measures: Measure[];
  hearing: Hearing;
}

/**
 * 行政处罚法 art. 63 (docs/legal-bases.md): 较大数额罚款、没收较大数额违法所得、吊销许可证件、责令关闭 carry a
 * hearing right. As for the 住建 bases' seed (every row `applies: true`), the notice tells of the right;
 * whether a given amount is 较大数额 is the province's judgement.
 */
const HEARING: Hearing = {
  applies: true,
  note: '《中华人民共和国行政处罚法》第六十三条：告知当事人有要求听证的权利（是否属较大数额由省人力资源和社会保障厅认定）',
};

function measureOf(raw: unknown): Measure {
  const m = StoredMeasure.parse(raw);
  if (m.kind === 'FINE')
    return Measure.parse({
      kind: 'FINE',
      authority: m.authority,
      maxYuanWithoutGains: m.maxYuan,
      gainsMultiple: null,
      maxYuanWithGains: null,
      minYuan: m.minYuan,
    });
  return Measure.parse({ kind: m.kind, authority: m.authority });
}

export async function intermediaryBasisVersion(db: Pool | ClientBase, id: number): Promise<IntermediaryBasisVersion | undefined> {
  const { rows } = await db.query('SELECT id, version, violation, label, citations, measures FROM intermediary_basis_version WHERE id = $1', [id]);
  if (!rows[0]) return undefined;
  const r = z
    .object({
      id: BigintColumn,
      version: z.number().int(),
      violation: IntermediaryViolation,
      label: z.string(),
      citations: z.array(Citation),
      measures: z.array(z.unknown()),
    })
    .parse(rows[0]);
  return {
    id: r.id,
    version: r.version,
    violation: r.violation,
    label: r.label,
    citations: r.citations,
    measures: r.measures.map(measureOf),
    hearing: HEARING,
  };
}

/**
 * The basis an intermediary's procedure was escalated on, as its card shows it: the proposal's
 * measures (in the steps' Measure shape, a fine with its minimum) and the citations' names.
 */
export const ProcedureBasis = z.object({
  id: z.number().int(),
  version: z.number().int(),
  label: z.string(),
  citations: z.array(z.object({ instrument: z.string(), article: z.string() })),
  measures: z.array(Measure),
});
export type ProcedureBasis = z.infer<typeof ProcedureBasis>;

export async function procedureBasisOf(db: Pool | ClientBase, id: number): Promise<ProcedureBasis | null> {
  const b = await intermediaryBasisVersion(db, id);
  if (!b) return null;
  return {
    id: b.id,
    version: b.version,
    label: b.label,
    citations: b.citations.map((c) => ({ instrument: c.instrument, article: c.article })),
    measures: b.measures,
  };
}

// ---- The bases for the escalation's choice (moved from intermediaries.ts, which re-exports them) ----

export const IntermediaryBasis = z.object({
  id: z.number().int(),
  violation: z.string(),
  version: z.number().int(),
  label: z.string(),
  citations: z.array(z.record(z.string(), z.unknown())),
  measures: z.array(z.record(z.string(), z.unknown())),
  effectiveFrom: z.string(),
  reason: z.string(),
  verified: z.boolean().describe('every citation verified'),
});
export const IntermediaryBases = z.object({ items: z.array(IntermediaryBasis) });

/** The bases in force (the highest version of each violation), for the escalation's choice. */
export async function intermediaryBases(db: Pool | ClientBase): Promise<z.infer<typeof IntermediaryBases>> {
  const { rows } = await db.query(
    `SELECT DISTINCT ON (violation) id, violation, version, label, citations, measures, to_char(effective_from, 'YYYY-MM-DD') AS effective_from, reason
     FROM intermediary_basis_version ORDER BY violation, version DESC`,
  );
  const parsed = parseRows(
    z.object({
      id: BigintColumn,
      violation: z.string(),
      version: z.number().int(),
      label: z.string(),
      citations: z.array(z.record(z.string(), z.unknown())),
      measures: z.array(z.record(z.string(), z.unknown())),
      effective_from: z.string(),
      reason: z.string(),
    }),
    rows,
  );
  return {
    items: parsed.map((b) => ({
      id: b.id,
      violation: b.violation,
      version: b.version,
      label: b.label,
      citations: b.citations,
      measures: b.measures,
      effectiveFrom: b.effective_from,
      reason: b.reason,
      verified: b.citations.every((c) => c.verified === true),
    })),
  };
}
