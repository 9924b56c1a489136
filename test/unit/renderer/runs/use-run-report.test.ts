import { nextTick, reactive } from 'vue';
import { describe, expect, it } from 'vitest';
import type { RunStatus } from '../../../../src-shared/contract/types';
import { useRunReport } from '../../../../src-renderer/src/runs/use-run-report';

/** A fetch whose answers the test releases one by one, in any order. */
function deferredFetch() {
  const calls: { runId: number; resolve: (v: string | null) => void; reject: (e: Error) => void }[] = [];
  const fetch = (runId: number) => new Promise<string | null>((resolve, reject) => calls.push({ runId, resolve, reject }));
  return { calls, fetch };
}

const settle = async () => {
  for (let k = 0; k < 3; k++) await nextTick();
};

describe('useRunReport', () => {
  it('fetches the run’s report, and again when its status changes (a run completing while the panel is open)', async () => {
    const props = reactive({ runId: 3, status: 'running' as RunStatus });
    const { calls, fetch } = deferredFetch();
    const { report, loaded, active } = useRunReport(props, fetch);
    expect(calls.map((c) => c.runId)).toEqual([3]);
    expect(active.value).toBe(true);
    calls[0].resolve(null);
    await settle();
    expect(loaded.value).toBe(true);
    expect(report.value).toBeNull();
    props.status = 'completed';
    await settle();
    expect(calls).toHaveLength(2);
    expect(active.value).toBe(false);
    calls[1].resolve('report of 3');
    await settle();
    expect(report.value).toBe('report of 3');
  });

  it('drops an answer for a run no longer shown, and keeps errors of the current request only', async () => {
    const props = reactive({ runId: 1, status: 'completed' as RunStatus });
    const { calls, fetch } = deferredFetch();
    const { report, error } = useRunReport(props, fetch);
    props.runId = 2;
    await settle();
    calls[1].resolve('report of 2');
    calls[0].resolve('report of 1');
    await settle();
    expect(report.value).toBe('report of 2');
    props.runId = 4;
    await settle();
    calls[2].reject(new Error('run 4 does not exist'));
    await settle();
    expect(error.value).toBe('run 4 does not exist');
  });
});
