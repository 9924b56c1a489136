import { afterAll, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../../../helpers/temp-dir';

/**
 * A fake `electron` module: records what the app asks of Electron so the entry can be tested in plain Node.
 * The trainer "utility process" answers like the real one: a ready message with a backend report.
 */
const fake = vi.hoisted(() => {
  const handlers = new Map<string, (...args: unknown[]) => unknown>();
  const windows: { options: Record<string, unknown>; sent: unknown[][]; loaded: string[] }[] = [];
  const forks: { entry: string; options: Record<string, unknown>; posted: unknown[] }[] = [];
  return { handlers, windows, forks, appHandlers: new Map<string, (...args: unknown[]) => void>(), headersHook: { fn: null as unknown } };
});

vi.mock('electron', async () => {
  const { EventEmitter } = await import('node:events');
  class FakeBrowserWindow extends EventEmitter {
    record: (typeof fake.windows)[number];
    webContents = {
      send: (...args: unknown[]) => this.record.sent.push(args),
      setWindowOpenHandler: vi.fn(),
      on: vi.fn(),
    };
    constructor(options: Record<string, unknown>) {
      super();
      this.record = { options, sent: [], loaded: [] };
      fake.windows.push(this.record);
    }
    isDestroyed = () => false;
    show = vi.fn();
    loadFile = async (file: string) => void this.record.loaded.push(file);
    loadURL = async (url: string) => void this.record.loaded.push(url);
  }
  const app = {
    whenReady: async () => undefined,
    requestSingleInstanceLock: () => true,
    getVersion: () => '0.0.0-test',
    on: (event: string, fn: (...args: unknown[]) => void) => fake.appHandlers.set(event, fn),
    quit: vi.fn(),
    exit: vi.fn(),
  };
  const utilityProcess = {
    fork: (entry: string, _args: string[], options: Record<string, unknown>) => {
      const child = new EventEmitter() as InstanceType<typeof EventEmitter> & { pid: number; postMessage(m: unknown): void; kill(): boolean };
      const record = { entry, options, posted: [] as unknown[] };
      fake.forks.push(record);
      child.pid = 4242;
      child.postMessage = (m: unknown) => record.posted.push(m);
      child.kill = () => true;
      setTimeout(() => child.emit('message', { type: 'ready', backend: { chosen: 'cpu', detail: 'fake', skipped: [] } }), 0);
      return child;
    },
  };
  return {
    app,
    BrowserWindow: FakeBrowserWindow,
    ipcMain: {
      handle: (channel: string, fn: (...args: unknown[]) => unknown) => fake.handlers.set(channel, fn),
      removeHandler: (channel: string) => fake.handlers.delete(channel),
    },
    session: {
      defaultSession: {
        webRequest: { onHeadersReceived: (fn: unknown) => (fake.headersHook.fn = fn) },
        setPermissionRequestHandler: vi.fn(),
      },
    },
    utilityProcess,
    dialog: { showErrorBox: vi.fn() },
  };
});

const home = tempDir();
process.env.LATENT_LAB_HOME = home.path;
afterAll(() => home.remove());

describe('Electron entry', () => {
  it('opens one isolated, sandboxed window without Node and wires the contract over IPC', async () => {
    await import('../../../../src-main/index');
    await vi.waitFor(() => expect(fake.windows).toHaveLength(1));
    const prefs = fake.windows[0].options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(String(prefs.preload)).toMatch(/preload[/\\]index\.js$/);
    await vi.waitFor(() => expect(fake.windows[0].loaded[0]).toMatch(/renderer[/\\]index\.html$/));

    const call = fake.handlers.get('latent-lab:call')!;
    expect(call).toBeTypeOf('function');
    const info = (await call({}, 'system.info', {})) as { ok: boolean; output: { transport: string; dataDir: string } };
    expect(info).toMatchObject({ ok: true, output: { transport: 'ipc', dataDir: home.path } });

    const bad = (await call({}, 'runs.start', { config: { model: { family: 'vae', latentDim: 0 } } })) as {
      ok: boolean;
      error: { code: string; issues: { path: string }[] };
    };
    expect(bad.ok).toBe(false);
    expect(bad.error.code).toBe('invalid_input');
    expect(bad.error.issues.map((i) => i.path)).toContain('model.latentDim');
  });

  it('starts the trainer as a utility process, not in the main process', async () => {
    await vi.waitFor(() => expect(fake.forks).toHaveLength(1));
    expect(fake.forks[0].entry).toMatch(/trainer\.js$/);
    expect(fake.forks[0].options.serviceName).toBe('Latent Lab Trainer');
    // The backend the trainer reported reaches the window as an event.
    await vi.waitFor(() => expect(fake.windows[0].sent.some(([, name]) => name === 'trainer.state')).toBe(true));
  });

  it('sets a strict Content-Security-Policy on every response', () => {
    const hook = fake.headersHook.fn as (details: unknown, cb: (r: { responseHeaders: Record<string, string[]> }) => void) => void;
    let headers: Record<string, string[]> = {};
    hook({ responseHeaders: {} }, (r) => (headers = r.responseHeaders));
    expect(headers['Content-Security-Policy'][0]).toContain("script-src 'self'");
    expect(headers['Content-Security-Policy'][0]).toContain("object-src 'none'");
  });
});
