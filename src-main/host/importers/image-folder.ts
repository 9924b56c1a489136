import type { ImportOptions } from '../../../src-shared/datasets/import-options';
import { decodeImage, UnusableImage } from './decode-image';
import { scanFolder } from './scan-folder';
import { throwIfCancelled, type ImportContext, type ImportedSamples, type Importer } from './types';

/** Decodes this many files at once: sharp works on libuv's thread pool, so a few in flight keep it busy. */
const CONCURRENCY = 4;

/** A folder of images; first-level subfolders name the classes. Unusable files are skipped with a reason. */
export const imageFolderImporter: Importer = {
  source: 'image-folder',
  async run(root: string, options: ImportOptions, context: ImportContext): Promise<ImportedSamples> {
    context.onProgress('scanning', 0, 0, 0);
    const { images, skipped } = await scanFolder(root, context.signal);
    throwIfCancelled(context.signal);
    const channels = options.color === 'rgb' ? 3 : 1;
    const sampleSize = channels * options.size * options.size;
    const pixels = new Uint8Array(images.length * sampleSize);
    const ok = new Uint8Array(images.length);

    let next = 0;
    let done = 0;
    const worker = async () => {
      while (next < images.length && !context.signal.aborted) {
        const i = next++;
        try {
          await decodeImage(images[i].abs, options, pixels, i * sampleSize);
          ok[i] = 1;
        } catch (error) {
          if (!(error instanceof UnusableImage)) throw error;
          skipped.push({ file: images[i].rel, reason: error.message });
        }
        done++;
        context.onProgress('decoding', done, images.length, skipped.length);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    throwIfCancelled(context.signal);

    // Keep the decoded ones, in scan order; classes are the labels that still have an image.
    const kept = images.map((img, i) => ({ img, i })).filter(({ i }) => ok[i]);
    const classes = [...new Set(kept.map(({ img }) => img.label).filter((l): l is string => l !== null))].sort((a, b) => a.localeCompare(b));
    const out = new Uint8Array(kept.length * sampleSize);
    const labels = new Int32Array(kept.length);
    kept.forEach(({ img, i }, k) => {
      out.set(pixels.subarray(i * sampleSize, (i + 1) * sampleSize), k * sampleSize);
      labels[k] = img.label === null ? -1 : classes.indexOf(img.label);
    });
    skipped.sort((a, b) => a.file.localeCompare(b.file));
    return {
      source: 'image-folder',
      sampleShape: [channels, options.size, options.size],
      count: kept.length,
      pixels: out,
      labels,
      classes,
      skipped,
      files: kept.map(({ img }) => img.rel),
    };
  },
};
