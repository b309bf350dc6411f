/** Phase 2's first step for one city: screening its part of the campaign's snapshot, once. */
import type { Pool } from 'pg';
import { z } from 'zod';
import { CityCode } from '../../domain/cityCode';
import { ScreeningSettings } from '../../domain/flags';
import { keepHeartbeating } from '../keepHeartbeating';
import { runScreening } from '../screening/runScreening';

export const ScreenCityInput = z.object({
  campaignId: z.string().min(1),
  cityCode: CityCode,
  snapshotId: z.number().int().positive(),
  settings: ScreeningSettings,
  at: z.string().datetime({ offset: true }),
});
export type ScreenCityInput = z.input<typeof ScreenCityInput>;

export interface ScreenCityResult {
  screeningRunId: number;
  personsScreened: number;
  personsFlagged: number;
}

/**
 * Idempotent: the city's recorded run is reused. A crash between screening and recording leaves an
 * unused run behind (harmless: cases are opened from the recorded one only).
 */
export async function screenCity(pool: Pool, raw: ScreenCityInput): Promise<ScreenCityResult> {
  const i = ScreenCityInput.parse(raw);
  const recorded = async () =>
    (
      await pool.query(
        `SELECT screening_run_id, persons_screened, persons_flagged FROM city_progress
         WHERE campaign_id = $1 AND city_code = $2 AND screening_run_id IS NOT NULL`,
        [i.campaignId, i.cityCode],
      )
    ).rows[0];
  const before = await recorded();
  if (before) return { screeningRunId: Number(before.screening_run_id), personsScreened: before.persons_screened, personsFlagged: before.persons_flagged };
  await keepHeartbeating(async () => {
    const run = await runScreening(pool, { snapshotId: i.snapshotId, cityCode: i.cityCode, settings: i.settings });
    await pool.query(
      `INSERT INTO city_progress (campaign_id, city_code, screening_run_id, persons_screened, persons_flagged, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (campaign_id, city_code) DO UPDATE
         SET screening_run_id = EXCLUDED.screening_run_id, persons_screened = EXCLUDED.persons_screened,
             persons_flagged = EXCLUDED.persons_flagged, updated_at = EXCLUDED.updated_at
         WHERE city_progress.screening_run_id IS NULL`,
      [i.campaignId, i.cityCode, run.runId, run.personsScreened, run.personsFlagged, i.at],
    );
  });
  const after = await recorded();
  return { screeningRunId: Number(after.screening_run_id), personsScreened: after.persons_screened, personsFlagged: after.persons_flagged };
}
