import { describe, expect, it } from 'vitest';
import { sweepProgress } from '../../../../src-renderer/src/sweeps/sweep-progress';

const counts = { queued: 0, running: 0, paused: 0, completed: 0, stopped: 0, failed: 0, interrupted: 0 };

describe('sweep progress', () => {
  it('counts failed and stopped runs as finished, and says so', () => {
    const p = sweepProgress({ runCount: 10, counts: { ...counts, completed: 5, failed: 1, interrupted: 1, running: 1, paused: 1, queued: 1 } });
    expect(p).toMatchObject({ done: 5, running: 2, queued: 1, failed: 1, stopped: 1 });
    expect(p.fraction).toBeCloseTo(0.7, 12);
    expect(p.text).toBe('5 done · 2 running · 1 queued · 1 failed · 1 stopped of 10');
  });

  it('is empty, not NaN, for a sweep without runs', () => {
    expect(sweepProgress({ runCount: 0, counts }).fraction).toBe(0);
    expect(sweepProgress({ runCount: 4, counts: { ...counts, queued: 4 } }).text).toBe('0 done · 4 queued of 4');
  });
});
