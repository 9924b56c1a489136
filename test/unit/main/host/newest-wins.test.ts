import { describe, expect, it } from 'vitest';
import { NewestWins } from '../../../../src-main/host/newest-wins';

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('NewestWins', () => {
  it('decodes the first and the newest request and drops the stale ones in between', async () => {
    const started: number[] = [];
    const gates = new Map<number, ReturnType<typeof deferred<string>>>();
    const queue = new NewestWins<number, string>((t) => {
      started.push(t);
      const gate = deferred<string>();
      gates.set(t, gate);
      return gate.promise;
    });
    const results = [0.1, 0.2, 0.3, 0.4].map((t) => queue.submit(t));
    expect(started).toEqual([0.1]);
    gates.get(0.1)!.resolve('frame 0.1');
    await Promise.resolve();
    await new Promise((r) => setImmediate(r));
    expect(started).toEqual([0.1, 0.4]);
    gates.get(0.4)!.resolve('frame 0.4');
    expect(await Promise.all(results)).toEqual(['frame 0.1', null, null, 'frame 0.4']);
  });

  it('reports a failed decode to its caller and keeps serving', async () => {
    let calls = 0;
    const queue = new NewestWins<number, number>(async (x) => {
      calls++;
      if (x < 0) throw new Error('bad');
      return x * 2;
    });
    await expect(queue.submit(-1)).rejects.toThrow('bad');
    expect(await queue.submit(3)).toBe(6);
    expect(calls).toBe(2);
  });
});
