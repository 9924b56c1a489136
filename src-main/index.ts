import { join } from 'node:path';
import * as electron from 'electron';
import { startElectronApp } from './electron/app';

// Electron entry (out/main/index.js). Everything below the window lives in host/ and runs without Electron too.
if (!electron.app.requestSingleInstanceLock()) {
  electron.app.quit();
} else {
  startElectronApp(electron, {
    mainDir: __dirname,
    electronSqliteBinding: join(__dirname, '..', '..', '.electron-native', 'better_sqlite3.node'),
  }).catch((error: unknown) => {
    electron.dialog.showErrorBox('Latent Lab could not start', error instanceof Error ? (error.stack ?? error.message) : String(error));
    electron.app.exit(1);
  });
}
