/**
 * The registry from the evidence, automatically (docs/intermediaries.md): when a city's cases open
 * with their evidence, every HR agency that paid a person's contributions is recorded in the city's
 * registry of intermediaries (source 'evidence') and linked to the case. The same reading and the
 * same SQL function as the officer's scan (services/intermediaries.ts). Idempotent: a retried
 * opening records nothing twice.
 */
import type { Pool } from 'pg';
import { evidenceAgencies } from '../../readModel/intermediaries';

export async function recordEvidenceIntermediaries(pool: Pool, campaignId: string, cityCode: string): Promise<number> {
  const found = await evidenceAgencies(pool, campaignId, cityCode);
  for (const { caseId, agency } of found) {
    await pool.query('SELECT * FROM intermediary_record_evidence($1, $2, $3, $4, $5, $6)', [campaignId, cityCode, caseId, agency.name, agency.code, 'system']);
  }
  return found.length;
}
