import type { BrowserWindow, IpcMain } from 'electron';
import { ApiError } from '../../src-shared/contract/api-error';
import type { Host } from '../host/host';
import { IPC_CALL, IPC_EVENT, type IpcReply } from './channels';

/** The only place the main process touches ipcMain: contract calls in, contract events out to the window. */
export function bridgeIpc(ipcMain: IpcMain, host: Host, getWindow: () => BrowserWindow | null): () => void {
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
  };
}
