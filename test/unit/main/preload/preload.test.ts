import { describe, expect, it, vi } from 'vitest';

const fake = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoked: [] as unknown[][],
  listeners: new Map<string, (...args: unknown[]) => void>(),
}));

vi.mock('electron', () => ({
  webUtils: { getPathForFile: (file: { fakePath: string }) => file.fakePath },
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => fake.exposed.set(key, api) },
  ipcRenderer: {
    invoke: async (...args: unknown[]) => {
      fake.invoked.push(args);
      return { ok: true, output: 'pong' };
    },
    on: (channel: string, fn: (...args: unknown[]) => void) => fake.listeners.set(channel, fn),
    removeListener: (channel: string) => fake.listeners.delete(channel),
  },
}));

describe('preload', () => {
  it('exposes only a call function, an event subscription, dropped-file paths and the save dialog to the page', async () => {
    await import('../../../../src-main/preload/index');
    const bridge = fake.exposed.get('latentLab') as {
      call: (n: string, i: unknown) => Promise<unknown>;
      onEvent: (l: (n: string, p: unknown) => void) => () => void;
      pathForFile: (f: unknown) => string;
      choosePath: (title: string, name: string) => Promise<unknown>;
    };
    expect(Object.keys(bridge).sort()).toEqual(['call', 'choosePath', 'onEvent', 'pathForFile']);
    expect(bridge.pathForFile({ fakePath: '/home/me/cats' })).toBe('/home/me/cats');

    await expect(bridge.call('system.info', {})).resolves.toEqual({ ok: true, output: 'pong' });
    expect(fake.invoked[0]).toEqual(['latent-lab:call', 'system.info', {}]);

    const seen: unknown[] = [];
    const off = bridge.onEvent((name, payload) => seen.push([name, payload]));
    fake.listeners.get('latent-lab:event')?.({ sender: 'not exposed' }, 'run.status', { runId: 1 });
    expect(seen).toEqual([['run.status', { runId: 1 }]]);
    off();
    expect(fake.listeners.has('latent-lab:event')).toBe(false);

    await bridge.choosePath('Export run #3', 'run-3-onnx');
    expect(fake.invoked[1]).toEqual(['latent-lab:save-dialog', 'Export run #3', 'run-3-onnx']);
  });
});
