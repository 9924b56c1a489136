import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UPLOADS_DIR, Uploads } from '../../../../src-main/host/uploads';
import { tempDir } from '../../../helpers/temp-dir';

let dir: ReturnType<typeof tempDir>;
afterEach(() => dir?.remove());

describe('uploads', () => {
  it('writes the pieces in order into one file, handed over once complete and removed when discarded', () => {
    dir = tempDir();
    const uploads = new Uploads(dir.path);
    const { uploadId } = uploads.start('run.llrun', 5);
    expect(uploads.chunk(uploadId, 0, Uint8Array.from([1, 2, 3]))).toEqual({ written: 3, size: 5 });
    expect(() => uploads.take(uploadId)).toThrow(/incomplete: 3 of 5 bytes/);
    expect(() => uploads.chunk(uploadId, 0, Uint8Array.from([9]))).toThrow(/expected the piece at byte 3, got one at 0/);
    uploads.chunk(uploadId, 3, Uint8Array.from([4, 5]));
    const { path, name } = uploads.take(uploadId);
    expect(name).toBe('run.llrun');
    expect(Array.from(readFileSync(path))).toEqual([1, 2, 3, 4, 5]);
    uploads.discard(uploadId);
    expect(existsSync(path)).toBe(false);
    expect(() => uploads.take(uploadId)).toThrow(/does not exist/);
  });

  it('discards an upload that sends more than it announced, and forgets uploads of an earlier host', () => {
    dir = tempDir();
    const first = new Uploads(dir.path);
    const { uploadId } = first.start('a', 2);
    expect(() => first.chunk(uploadId, 0, new Uint8Array(3))).toThrow(/more bytes than the 2 announced/);
    expect(readdirSync(join(dir.path, UPLOADS_DIR))).toEqual([]);
    first.start('b', 1);
    new Uploads(dir.path);
    expect(existsSync(join(dir.path, UPLOADS_DIR))).toBe(false);
  });
});
