/**
 * Whether a person named in a city's intake (a complaint, a self-check declaration, a
 * deregistration request) belongs to that city in the campaign: their case there, or, without a
 * case, a registration of that city in the campaign's data snapshot (the registry the reports
 * print names and certificates from). A person of another city and a person nobody registered get
 * the same answer, so the intake tells an officer nothing about persons outside their city.
 */
import type { Pool } from 'pg';
import { parseIdNumber } from '../domain/idNumber';

export async function personBelongsToCity(pool: Pool, at: { campaignId: string; cityCode: string; idNumber: string }): Promise<boolean> {
  const parsed = parseIdNumber(at.idNumber);
  if (!parsed.ok) return false;
  const { rows } = await pool.query<{ belongs: boolean }>(
    `SELECT CASE
       WHEN EXISTS (SELECT 1 FROM case_file WHERE campaign_id = $1 AND id_number = $3)
         THEN EXISTS (SELECT 1 FROM case_file WHERE campaign_id = $1 AND id_number = $3 AND city_code = $2::bpchar)
       ELSE EXISTS (SELECT 1 FROM campaign k
                    JOIN data_snapshot_batch b ON b.snapshot_id = k.snapshot_id
                    JOIN registration g ON g.batch_id = b.batch_id
                    WHERE k.id = $1 AND g.id_number = $3 AND g.city_code = $2::bpchar)
     END AS belongs`,
    [at.campaignId, at.cityCode, parsed.id18],
  );
  return rows[0]?.belongs === true;
}
