import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type * as Electron from 'electron';
import { createHost, type Host } from '../host/host';
import { resolveDataDir } from '../host/data-dir';
import { CONTENT_SECURITY_POLICY } from '../server/static-files';
import { bridgeIpc } from './ipc-bridge';
import { utilityTrainerLauncher } from './utility-trainer';

type ElectronModule = Pick<typeof Electron, 'app' | 'BrowserWindow' | 'ipcMain' | 'session' | 'dialog'>;

export interface AppPaths {
  /** Folder of the bundled main-side code (out/main). */
  mainDir: string;
  /** better-sqlite3 built for Electron's ABI by `npm start` (scripts/electron-native.mjs), when present. */
  electronSqliteBinding: string;
}

/** Security settings of every window: isolated, sandboxed, no Node in the page. */
export const WINDOW_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  webSecurity: true,
  spellcheck: false,
} as const;

/** Boots the desktop app: host services, the IPC bridge, one secured window, and a clean shutdown. */
export async function startElectronApp(electron: ElectronModule, paths: AppPaths): Promise<{ host: Host; window: Electron.BrowserWindow }> {
  const { app, BrowserWindow, ipcMain, session, dialog } = electron;
  await app.whenReady();

  const host = createHost({
    dataDir: resolveDataDir(),
    launchTrainer: utilityTrainerLauncher(join(paths.mainDir, 'trainer.js')),
    version: app.getVersion(),
    transport: 'ipc',
    database: existsSync(paths.electronSqliteBinding) ? { nativeBinding: paths.electronSqliteBinding } : {},
  });

  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  // No remote content: nothing may open new windows or navigate away from the app.
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));

  const window = new BrowserWindow({
    width: 1360,
    height: 880,
    minWidth: 960,
    minHeight: 640,
    title: 'Latent Lab',
    backgroundColor: '#0f1419',
    show: false,
    webPreferences: { ...WINDOW_WEB_PREFERENCES, preload: join(paths.mainDir, '..', 'preload', 'index.js') },
  });
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  window.webContents.on('will-navigate', (event, url) => {
    if (!url.startsWith('file://') && url !== process.env.ELECTRON_RENDERER_URL) event.preventDefault();
  });
  window.once('ready-to-show', () => window.show());

  const unbridge = bridgeIpc(ipcMain, host, () => window, dialog);
  void host.pool.sessions.ensureStarted().catch(() => undefined);

  if (process.env.ELECTRON_RENDERER_URL) await window.loadURL(process.env.ELECTRON_RENDERER_URL);
  else await window.loadFile(join(paths.mainDir, '..', 'renderer', 'index.html'));

  let closed = false;
  app.on('before-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    closed = true;
    unbridge();
    void host.close().finally(() => app.quit());
  });
  app.on('window-all-closed', () => app.quit());
  return { host, window };
}
