/** Saves text as a file through the browser's download (Electron shows its save dialog for it). */
export function downloadText(fileName: string, text: string, type = 'text/csv;charset=utf-8'): void {
  downloadBlob(fileName, new Blob([text], { type }));
}

/** Saves bytes (an export's archive) through the browser's download. */
export function downloadBytes(fileName: string, bytes: Uint8Array, type = 'application/gzip'): void {
  downloadBlob(fileName, new Blob([bytes as Uint8Array<ArrayBuffer>], { type }));
}

/** Saves an image (a PNG blob from a canvas) through the browser's download. */
export function downloadImage(fileName: string, blob: Blob): void {
  downloadBlob(fileName, blob);
}

function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoke after the click has been handled: revoking at once can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

