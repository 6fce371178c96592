import { describe, expect, it } from 'vitest';
import { makeDb } from '../test-helpers.ts';
import { TRAINING_CLOCK_KEY, TrainingClock } from './training-clock.ts';

const TRAINING_START_MS = Date.parse('2026-03-05T10:00:00Z');
const HOUR_MS = 3_600_000;
/** Real milliseconds the test itself may take, which become up to this × 3600 of training time. */
const SLACK_REAL_MS = 500;

async function openAfterRealGap(gapRealMs: number, heartbeatAgoMs: number | null) {
  const db = makeDb();
  const realNowMs = Date.now();
  await db.meta.put({ key: TRAINING_CLOCK_KEY, value: { baseMs: TRAINING_START_MS, realAtMs: realNowMs - gapRealMs, speed: 3600, paused: false } });
  if (heartbeatAgoMs !== null) await db.meta.put({ key: 'training-heartbeat', value: realNowMs - heartbeatAgoMs });
  const clock = await TrainingClock.open(db, { baseMs: 0, realAtMs: 0, speed: 60, paused: false });
  await clock.cutGapSinceLastHeartbeat(db);
  return { db, clock };
}

describe('TrainingClock', () => {
  it('starts a fresh copy at its start time', async () => {
    const { clock } = await openAfterRealGap(10_000, null);
    expect(clock.nowMs() - TRAINING_START_MS).toBeLessThan(SLACK_REAL_MS * 3600);
    clock.close();
  });

  it('stands still while no tab was in training mode', async () => {
    // The last heartbeat was 6 s after the start, 4 s before the clock opens again. The closed tab may have
    // written for 1 s more, so 7 training hours count.
    const { clock } = await openAfterRealGap(10_000, 4_000);
    const elapsedMs = clock.nowMs() - TRAINING_START_MS;
    expect(elapsedMs).toBeGreaterThanOrEqual(7 * HOUR_MS);
    expect(elapsedMs).toBeLessThan(7 * HOUR_MS + SLACK_REAL_MS * 3600);
    clock.close();
  });

  it('keeps running across a short reload', async () => {
    const { clock } = await openAfterRealGap(10_000, 200);
    expect(clock.nowMs() - TRAINING_START_MS).toBeGreaterThanOrEqual(10 * HOUR_MS);
    clock.close();
  });

  it('stores a change for the other tabs', async () => {
    const { db, clock } = await openAfterRealGap(0, null);
    clock.pause();
    await clock.store(db);
    expect((await db.meta.get(TRAINING_CLOCK_KEY))?.value).toMatchObject({ paused: true, speed: 3600 });
    clock.close();
  });
});
