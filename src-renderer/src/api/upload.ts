import { api } from './client';

/**
 * Sends a file to the host in pieces (serve mode: a browser cannot give the host a path), reporting the fraction
 * sent; resolves with the upload's id for the request that uses it. A failure discards what was sent.
 */
export async function uploadFile(file: File, onProgress: (fraction: number) => void): Promise<string> {
  const { uploadId, chunkBytes } = await api.call('uploads.start', { name: file.name, size: file.size });
  try {
    for (let offset = 0; offset < file.size; offset += chunkBytes) {
      const bytes = new Uint8Array(await file.slice(offset, offset + chunkBytes).arrayBuffer());
      await api.call('uploads.chunk', { uploadId, offset, bytes });
      onProgress(Math.min(1, (offset + bytes.byteLength) / file.size));
    }
    return uploadId;
  } catch (error) {
    await api.call('uploads.discard', { uploadId }).catch(() => undefined);
    throw error;
  }
}
