/**
 * The outside authorities a case may be referred to (the province's list), and a referral's service
 * and answer (issue 20 item 6). Each write is one statement or one short transaction in PostgreSQL;
 * nothing crosses Temporal (the case is decided: its workflow has nothing left to do with it).
 */
import type { Pool } from 'pg';
import { z } from 'zod';
import { DomainError } from '../domain/errors';
import { containsIdNumber } from '../domain/personalDataFilter';
import { OutsideAuthorityInput, ReferralAnswerInput, ReferralServiceInput } from '../domain/transfer';
import { Instant, instant, parseRows, TimestampColumn } from '../readModel/sqlTypes';

export const OutsideAuthority = z.object({
  code: z.string(),
  name: z.string(),
  active: z.boolean(),
  updatedBy: z.string(),
  updatedAt: Instant,
});
export type OutsideAuthority = z.infer<typeof OutsideAuthority>;

const Row = z.object({ code: z.string(), name: z.string(), active: z.boolean(), updated_by: z.string(), updated_at: TimestampColumn });
const toAuthority = (r: z.infer<typeof Row>): OutsideAuthority => ({
  code: r.code,
  name: r.name,
  active: r.active,
  updatedBy: r.updated_by,
  updatedAt: instant(r.updated_at),
});

export async function listOutsideAuthorities(pool: Pool): Promise<OutsideAuthority[]> {
  const { rows } = await pool.query('SELECT code, name, active, updated_by, updated_at FROM outside_authority ORDER BY active DESC, code');
  return parseRows(Row, rows).map(toAuthority);
}

/** Adds an authority or changes one (its name, whether it is offered); past referrals keep the name they were sent under. */
export async function saveOutsideAuthority(pool: Pool, raw: z.input<typeof OutsideAuthorityInput>, by: string): Promise<OutsideAuthority> {
  const a = OutsideAuthorityInput.parse(raw);
  const { rows } = await pool.query(
    `INSERT INTO outside_authority (code, name, active, updated_by, updated_at) VALUES ($1, $2, $3, $4, now())
     ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, active = EXCLUDED.active, updated_by = EXCLUDED.updated_by, updated_at = now()
     RETURNING code, name, active, updated_by, updated_at`,
    [a.code, a.name, a.active, by],
  );
  return toAuthority(parseRows(Row, rows)[0]);
}

async function referralOf(pool: Pool, caseId: string): Promise<{ letter: boolean; servedOn: string | null; answeredOn: string | null }> {
  const { rows } = await pool.query<{ kind: string; letter: boolean; served_on: string | null; answered_on: string | null }>(
    `SELECT kind, letter_document_id IS NOT NULL AS letter, to_char(served_on, 'YYYY-MM-DD') AS served_on, to_char(answered_on, 'YYYY-MM-DD') AS answered_on
       FROM case_transfer WHERE from_case_id = $1`,
    [caseId],
  );
  const r = rows[0];
  if (!r || r.kind !== 'authority') throw new DomainError('NotFound', `案件 ${caseId} 没有移送其他部门的记录 (no referral)`);
  return { letter: r.letter, servedOn: r.served_on, answeredOn: r.answered_on };
}

/** The letter's service: once (a second record is refused; the first stands). */
export async function recordReferralService(pool: Pool, caseId: string, raw: z.input<typeof ReferralServiceInput>, by: string, today: string): Promise<void> {
  const s = ReferralServiceInput.parse(raw);
  const r = await referralOf(pool, caseId);
  if (!r.letter) throw new DomainError('UpdateRefused', '尚未生成移送函，不能登记送达 (no letter yet)');
  if (r.servedOn) throw new DomainError('UpdateRefused', `移送函已于 ${r.servedOn} 送达，不能重复登记 (already served)`);
  if (s.servedOn > today) throw new DomainError('UpdateRefused', `送达日期 ${s.servedOn} 不能晚于今天 ${today}`);
  await pool.query(
    `UPDATE case_transfer SET served_on = $2, service_method = $3, served_by = $4, served_at = now() WHERE from_case_id = $1 AND served_on IS NULL`,
    [caseId, s.servedOn, s.method, by],
  );
}

/** The authority's answer: once, after the service. */
export async function recordReferralAnswer(pool: Pool, caseId: string, raw: z.input<typeof ReferralAnswerInput>, by: string, today: string): Promise<void> {
  const a = ReferralAnswerInput.parse(raw);
  const r = await referralOf(pool, caseId);
  if (!r.servedOn) throw new DomainError('UpdateRefused', '移送函尚未登记送达，不能登记回复 (not served yet)');
  if (r.answeredOn) throw new DomainError('UpdateRefused', `已于 ${r.answeredOn} 登记回复，不能重复登记 (already answered)`);
  if (a.answeredOn < r.servedOn) throw new DomainError('UpdateRefused', `回复日期 ${a.answeredOn} 不能早于送达日期 ${r.servedOn}`);
  if (a.answeredOn > today) throw new DomainError('UpdateRefused', `回复日期 ${a.answeredOn} 不能晚于今天 ${today}`);
  if (containsIdNumber(a.answer)) throw new DomainError('UpdateRefused', '回复内容不得包含身份证号，请以案件编号指代当事人');
  await pool.query(
    `UPDATE case_transfer SET answered_on = $2, answer = $3, answered_by = $4, answered_at = now() WHERE from_case_id = $1 AND answered_on IS NULL`,
    [caseId, a.answeredOn, a.answer, by],
  );
}
