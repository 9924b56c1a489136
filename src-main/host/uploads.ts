import { randomUUID } from 'node:crypto';
import { closeSync, existsSync, fstatSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { ApiError } from '../../src-shared/contract/api-error';

/** Where uploads are written until used (emptied at start: an upload does not outlive its host). */
export const UPLOADS_DIR = '.uploads';
/** The largest piece of an upload one call carries (the WebSocket transport takes frames of up to 16 MB). */
export const UPLOAD_CHUNK_MAX = 8 * 1024 * 1024;

/**
 * Files sent by a browser, which cannot hand the host a path (serve mode): written piece by piece, in order, into
 * the data dir, then taken by the request that uses them (a run bundle's import), which removes them.
 */
export class Uploads {
  private readonly open = new Map<string, { path: string; size: number; written: number; name: string }>();
  private readonly dir: string;

  constructor(dataDir: string) {
    this.dir = join(dataDir, UPLOADS_DIR);
    rmSync(this.dir, { recursive: true, force: true });
  }

  start(name: string, size: number): { uploadId: string; chunkBytes: number } {
    mkdirSync(this.dir, { recursive: true });
    const uploadId = randomUUID();
    const path = join(this.dir, `${uploadId}.part`);
    closeSync(openSync(path, 'wx'));
    this.open.set(uploadId, { path, size, written: 0, name });
    return { uploadId, chunkBytes: UPLOAD_CHUNK_MAX };
  }

  /** Appends the next piece; pieces must come in order, and never beyond the announced size. */
  chunk(uploadId: string, offset: number, bytes: Uint8Array): { written: number; size: number } {
    const upload = this.get(uploadId);
    if (offset !== upload.written) throw new ApiError('invalid_input', `upload ${uploadId}: expected the piece at byte ${upload.written}, got one at ${offset}`);
    if (upload.written + bytes.byteLength > upload.size) {
      this.discard(uploadId);
      throw new ApiError('invalid_input', `upload ${uploadId}: more bytes than the ${upload.size} announced; the upload was discarded`);
    }
    const fd = openSync(upload.path, 'a');
    try {
      writeSync(fd, bytes);
    } finally {
      closeSync(fd);
    }
    upload.written += bytes.byteLength;
    return { written: upload.written, size: upload.size };
  }

  /** The complete file's path, for the caller to use and then `discard`. */
  take(uploadId: string): { path: string; name: string } {
    const upload = this.get(uploadId);
    const fd = openSync(upload.path, 'r');
    const size = fstatSync(fd).size;
    closeSync(fd);
    if (upload.written !== upload.size || size !== upload.size) {
      throw new ApiError('invalid_input', `upload ${uploadId} of ${upload.name} is incomplete: ${upload.written} of ${upload.size} bytes arrived`);
    }
    return { path: upload.path, name: upload.name };
  }

  discard(uploadId: string): void {
    const upload = this.open.get(uploadId);
    this.open.delete(uploadId);
    if (upload && existsSync(upload.path)) rmSync(upload.path, { force: true });
  }

  private get(uploadId: string) {
    const upload = this.open.get(uploadId);
    if (!upload) throw new ApiError('not_found', `upload ${uploadId} does not exist (it was used or discarded, or the app restarted)`);
    return upload;
  }
}
