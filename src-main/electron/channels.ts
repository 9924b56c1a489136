/** IPC channel names shared by the main process and the preload. */
export const IPC_CALL = 'latent-lab:call';
export const IPC_EVENT = 'latent-lab:event';
/** The native save dialog, for choosing where an export's folder goes. */
export const IPC_SAVE_DIALOG = 'latent-lab:save-dialog';

/** What the main process answers over IPC (errors as data: Electron strips custom error properties). */
export type IpcReply = { ok: true; output: unknown } | { ok: false; error: { code: string; message: string; issues?: unknown } };
