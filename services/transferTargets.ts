/**
 * A TRANSFERRED decision's target checked and named before the decision is sent (issue 20 item 6):
 * a receiving city must be another city of the province, an outside authority one the province
 * offers; the receiving authority's name is then the official one (the issuing authority of the city,
 * or the authority's name on the province's list), whatever the form sent.
 */
import type { Pool, PoolClient } from 'pg';
import { JILIN_CITIES } from '../domain/cities';
import { DomainError } from '../domain/errors';
import type { CaseDecision } from '../domain/outcomes';

export async function resolveTransferTarget(db: Pool | PoolClient, d: CaseDecision): Promise<CaseDecision> {
  if (d.outcome !== 'TRANSFERRED' || !d.transferTo) return d;
  const t = d.transferTo;
  if (t.kind === 'city') {
    if (!JILIN_CITIES.some((c) => c.code === t.cityCode)) throw new DomainError('UpdateRefused', `接收市（州）${t.cityCode} 不是本省的市（州）`);
    const { rows } = await db.query<{ name: string }>('SELECT name FROM issuing_authority WHERE code = $1', [t.cityCode]);
    return rows[0] ? { ...d, receivingAuthority: rows[0].name } : d;
  }
  const { rows } = await db.query<{ name: string; active: boolean }>('SELECT name, active FROM outside_authority WHERE code = $1', [t.authorityCode]);
  if (!rows[0] || !rows[0].active) throw new DomainError('UpdateRefused', `接收部门 ${t.authorityCode} 不在省级维护的移送部门名单中`);
  return { ...d, receivingAuthority: rows[0].name };
}
