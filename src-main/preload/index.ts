import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { IPC_CALL, IPC_EVENT, IPC_SAVE_DIALOG, type IpcReply } from '../electron/channels';

/**
 * The window's only bridge to the host: a call, an event subscription and the path of a dropped folder;
 * nothing else of Node or Electron.
 * The renderer's IPC transport wraps this into the typed contract client.
 */
const bridge = {
  call: (name: string, input: unknown): Promise<IpcReply> => ipcRenderer.invoke(IPC_CALL, name, input) as Promise<IpcReply>,
  onEvent: (listener: (name: string, payload: unknown) => void): (() => void) => {
    const handler = (_event: IpcRendererEvent, name: string, payload: unknown) => listener(name, payload);
    ipcRenderer.on(IPC_EVENT, handler);
    return () => ipcRenderer.removeListener(IPC_EVENT, handler);
  },
  /** The file-system path of a file or folder dropped on the window (Electron only: browsers never reveal it). */
  pathForFile: (file: File): string => webUtils.getPathForFile(file),
  /** The native save dialog: the path the user chose, or null when they cancelled. */
  choosePath: (title: string, defaultName: string): Promise<string | null> => ipcRenderer.invoke(IPC_SAVE_DIALOG, title, defaultName) as Promise<string | null>,
};

export type LatentLabBridge = typeof bridge;

contextBridge.exposeInMainWorld('latentLab', bridge);
