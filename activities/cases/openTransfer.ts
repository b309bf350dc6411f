/**
 * A TRANSFERRED decision carried out (issue 20 item 6), once per transferring case: the transfer is
 * recorded (case_transfer), and when it names a receiving city a case opens there for the same
 * person, in one transaction: the next case number of that city, the sender's evidence copied, the
 * person's registration frozen as for any open case, both cases linked. The case workflow then starts
 * the receiving case's workflow; neither the receiving city's workflow nor the campaign's phase is
 * involved, so a busy or finished city still gets its case.
 *
 * Idempotent by the transferring case: a retry finds the transfer and the case it opened. Results
 * carry ids, codes and the due time only.
 */
import type { Pool } from 'pg';
import { z } from 'zod';
import { addDays, CampaignCalendar } from '../../domain/calendar';
import { CampaignClock, deadlineAt } from '../../domain/campaignClock';
import { CASE_SEQ_LOCK_SQL } from '../../domain/caseKeys';
import { CaseDecision } from '../../domain/outcomes';
import { inTransaction } from '../../platform/transactions';

export const OpenTransferInput = z.object({
  caseId: z.string().min(1),
  /** The receiving case's time limit is the receiving city's investigation deadline, but never fewer than this many days from `today`. */
  today: z.string(),
  minDays: z.number().int().min(1),
  clock: CampaignClock,
  calendar: CampaignCalendar,
});
export type OpenTransferInput = z.input<typeof OpenTransferInput>;

export interface OpenTransferResult {
  kind: 'city' | 'authority' | null;
  /** The receiving city's case (kind city). */
  toCityCode?: string;
  toCaseId?: string;
  /** When the receiving case is due (wall time). */
  dueAt?: string;
  /** True when this call opened it (a retry answers false). */
  opened: boolean;
}

export async function openTransfer(pool: Pool, raw: OpenTransferInput): Promise<OpenTransferResult> {
  const i = OpenTransferInput.parse(raw);
  return inTransaction(pool, async (db) => {
    const from = await db.query<{
      campaign_id: string;
      city_code: string;
      decision: unknown;
      decision_update_id: string | null;
      decided_by: string | null;
      decided_at: Date | null;
    }>('SELECT campaign_id, city_code, decision, decision_update_id, decided_by, decided_at FROM case_file WHERE case_id = $1 FOR UPDATE', [i.caseId]);
    const c = from.rows[0];
    const parsed = c ? CaseDecision.safeParse(c.decision) : undefined;
    if (!c || !parsed?.success || parsed.data.outcome !== 'TRANSFERRED' || !parsed.data.transferTo) return { kind: null, opened: false };
    const d = parsed.data;
    const target = d.outcome === 'TRANSFERRED' ? d.transferTo! : undefined;
    if (!target) return { kind: null, opened: false };

    const known = await db.query<{ kind: 'city' | 'authority'; to_city: string | null; to_case_id: string | null; due_at: Date | null }>(
      `SELECT t.kind, t.to_city, t.to_case_id, r.due_at FROM case_transfer t LEFT JOIN case_file r ON r.case_id = t.to_case_id WHERE t.from_case_id = $1`,
      [i.caseId],
    );
    if (known.rows[0]) {
      const k = known.rows[0];
      return {
        kind: k.kind,
        ...(k.to_city ? { toCityCode: k.to_city } : {}),
        ...(k.to_case_id ? { toCaseId: k.to_case_id } : {}),
        ...(k.due_at ? { dueAt: k.due_at.toISOString() } : {}),
        opened: false,
      };
    }
    const at = c.decided_at ?? new Date();
    const note = d.note ?? null;
    if (target.kind === 'authority') {
      await db.query(
        `INSERT INTO case_transfer (from_case_id, campaign_id, from_city, decision_update_id, kind, authority_code, authority_name, note,
                                    transferred_by, transferred_at)
         VALUES ($1, $2, $3, $4, 'authority', $5, $6, $7, $8, $9)`,
        [i.caseId, c.campaign_id, c.city_code, c.decision_update_id ?? '', target.authorityCode, d.receivingAuthority, note, c.decided_by ?? 'system', at],
      );
      return { kind: 'authority', opened: true };
    }

    // The receiving city's investigation deadline (extended or not), or `minDays` from today if later.
    const deadline = await db.query<{ due_date: string }>(
      `SELECT to_char(due_date, 'YYYY-MM-DD') AS due_date FROM deadline WHERE campaign_id = $1 AND deadline_key = $2`,
      [c.campaign_id, `investigation/${target.cityCode}`],
    );
    const cityDate = deadline.rows[0]?.due_date ?? i.calendar.investigation.deadline;
    const floor = addDays(i.today, i.minDays);
    const dueAt = new Date(deadlineAt({ clock: i.clock, calendar: i.calendar }, cityDate > floor ? cityDate : floor)).toISOString();

    await db.query(CASE_SEQ_LOCK_SQL, [c.campaign_id, target.cityCode]);
    const opened = await db.query<{ case_id: string }>(
      `WITH next AS (SELECT coalesce(max(seq), 0) + 1 AS seq FROM case_file WHERE campaign_id = $1 AND city_code = $2)
       INSERT INTO case_file (case_id, case_no, campaign_id, city_code, seq, id_number, origin, transferred_from, screening_run_id, reasons,
                              risk_score, status, opened_at, due_at, evidence_at)
       SELECT $1 || '-' || $2 || '-' || lpad(next.seq::text, 6, '0'), $2 || '-' || lpad(next.seq::text, 6, '0'),
              $1, $2, next.seq, f.id_number, 'transfer', f.case_id, f.screening_run_id, f.reasons, f.risk_score, 'open', $4, $5, f.evidence_at
       FROM next, case_file f WHERE f.case_id = $3
       RETURNING case_id`,
      [c.campaign_id, target.cityCode, i.caseId, at, dueAt],
    );
    const toCaseId = opened.rows[0].case_id;
    await db.query(
      `INSERT INTO case_evidence (case_id, kind, payload, gathered_at) SELECT $1, kind, payload, gathered_at FROM case_evidence WHERE case_id = $2`,
      [toCaseId, i.caseId],
    );
    // Frozen as a complaint's case is (no unit list: the sender's freeze ended with its decision).
    await db.query(
      `INSERT INTO registration_freeze (id_number, case_id, frozen_at) SELECT id_number, $1, $3 FROM case_file WHERE case_id = $2 ON CONFLICT DO NOTHING`,
      [toCaseId, i.caseId, at],
    );
    await db.query(
      `INSERT INTO case_transfer (from_case_id, campaign_id, from_city, decision_update_id, kind, to_city, to_case_id, authority_name, note,
                                  transferred_by, transferred_at)
       VALUES ($1, $2, $3, $4, 'city', $5, $6, $7, $8, $9, $10)`,
      [i.caseId, c.campaign_id, c.city_code, c.decision_update_id ?? '', target.cityCode, toCaseId, d.receivingAuthority, note, c.decided_by ?? 'system', at],
    );
    return { kind: 'city', toCityCode: target.cityCode, toCaseId, dueAt, opened: true };
  });
}
