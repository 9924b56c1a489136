import type { BrowserWindow, Dialog, IpcMain } from 'electron';
import { ApiError } from '../../src-shared/contract/api-error';
import type { Host } from '../host/host';
import { IPC_CALL, IPC_EVENT, IPC_SAVE_DIALOG, type IpcReply } from './channels';

/**
 * The only place the main process touches ipcMain: contract calls in, contract events out to the window, and the
 * native save dialog (a path the user picked, or null when they cancelled).
 */
export function bridgeIpc(ipcMain: IpcMain, host: Host, getWindow: () => BrowserWindow | null, dialog?: Pick<Dialog, 'showSaveDialog'>): () => void {
  ipcMain.handle(IPC_SAVE_DIALOG, async (_event, title: unknown, defaultName: unknown): Promise<string | null> => {
    const window = getWindow();
    if (!dialog || !window) return null;
    const result = await dialog.showSaveDialog(window, {
      title: String(title),
      defaultPath: String(defaultName),
      buttonLabel: 'Export here',
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    });
    return result.canceled || !result.filePath ? null : result.filePath;
  });
  ipcMain.handle(IPC_CALL, async (_event, name: unknown, input: unknown): Promise<IpcReply> => {
    try {
      return { ok: true, output: await host.call(name, input) };
    } catch (error) {
      return { ok: false, error: ApiError.fromUnknown(error).toShape() };
    }
  });
  const unsubscribe = host.events.subscribe((name, payload) => {
    const window = getWindow();
    if (window && !window.isDestroyed()) window.webContents.send(IPC_EVENT, name, payload);
  });
  return () => {
    unsubscribe();
    ipcMain.removeHandler(IPC_CALL);
    ipcMain.removeHandler(IPC_SAVE_DIALOG);
  };
}
