import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';
import { keepHeartbeating } from '../../activities/keepHeartbeating';
import { openCasesFromScreening } from '../../activities/cases/openCasesFromScreening';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { fixtureIdNumber, fixtureUscc, seedScreenedCity } from '../support/caseFixtures';

/** An activity environment that counts the heartbeats its activity sends. */
function countingEnvironment(): { env: MockActivityEnvironment; beats: () => number; nextBeat: () => Promise<void> } {
  // The failing case is expected: keep its "Activity failed" warning out of the test output.
  const env = new MockActivityEnvironment(undefined, { logger: new DefaultLogger('ERROR') });
  let beats = 0;
  const waiting: (() => void)[] = [];
  env.on('heartbeat', () => {
    beats++;
    waiting.splice(0).forEach((resolve) => resolve());
  });
  return { env, beats: () => beats, nextBeat: () => new Promise((resolve) => waiting.push(resolve)) };
}

describe('long activities keep heartbeating while they wait on the database', () => {
  it('heartbeats at the start and on every interval until the work settles, and never after', async () => {
    const { env, beats, nextBeat } = countingEnvironment();
    const result = await env.run(() =>
      keepHeartbeating(async () => {
        // The work only finishes once the timer has beaten twice more while it was pending.
        await nextBeat();
        await nextBeat();
        return 'done';
      }, 10),
    );
    expect(result).toBe('done');
    const settled = beats();
    expect(settled).toBeGreaterThanOrEqual(3);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(beats()).toBe(settled);
  });

  it('stops heartbeating when the work fails, and passes the failure on', async () => {
    const { env, beats } = countingEnvironment();
    await expect(
      env.run(() =>
        keepHeartbeating(async () => {
          throw new Error('statement failed');
        }, 10),
      ),
    ).rejects.toThrow('statement failed');
    const settled = beats();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(beats()).toBe(settled);
  });

  it('does nothing outside an activity', async () => {
    await expect(keepHeartbeating(async () => 42, 10)).resolves.toBe(42);
  });

  describe("opening a city's cases", () => {
    let db: TestDatabase;
    beforeAll(async () => {
      db = await createTestDatabase();
    });
    afterAll(async () => {
      await db.drop();
    });

    it('heartbeats while it opens cases and gathers their evidence', async () => {
      const city = await seedScreenedCity(db.pool, '2201', [
        { idNumber: fixtureIdNumber(1), regUnit: { name: '吉林省某某建设有限公司', code: fixtureUscc(1) }, riskScore: 40 },
      ]);
      const { env, beats } = countingEnvironment();
      const opened = await env.run(openCasesFromScreening, db.pool, {
        campaignId: 'heartbeat',
        cityCode: '2201',
        screeningRunId: city.runId,
        dueAt: '2025-01-31T16:00:00.000Z',
      });
      expect(opened).toEqual({ opened: 1, total: 1 });
      expect(beats()).toBeGreaterThanOrEqual(1);
    });
  });
});
