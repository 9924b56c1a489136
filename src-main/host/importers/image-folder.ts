import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ImportOptions } from '../../../src-shared/datasets/import-options';
import type { SkippedFile } from '../../../src-shared/datasets/types';
import { decodeImage, UnusableImage } from './decode-image';
import { scanFolder, type FoundImage } from './scan-folder';
import { throwIfCancelled, type ImportContext, type ImportedSamples, type ImageImporter } from './types';

/** Decodes this many files at once: sharp works on libuv's thread pool, so a few in flight keep it busy. */
const CONCURRENCY = 4;

/**
 * torchvision's ImageFolder split layout: `train/` beside `test/` (or `val/`), each with one subfolder per class.
 * The second one becomes the dataset's test split (validation is drawn from train/). Null for a plain folder.
 */
export function splitFoldersIn(root: string): { train: string; test: string; ignored: string | null } | null {
  let names: string[];
  try {
    names = readdirSync(root).filter((n) => statSync(join(root, n)).isDirectory());
  } catch {
    return null;
  }
  const find = (wanted: string) => names.find((n) => n.toLowerCase() === wanted);
  const train = find('train');
  const test = find('test') ?? find('val');
  if (!train || !test) return null;
  const val = find('val');
  return { train, test, ignored: test.toLowerCase() === 'test' && val ? val : null };
}

/** Scans a part (the whole folder, or its train/ or test/ folder): labels are its first-level subfolders. */
async function scanPart(root: string, prefix: string, signal: AbortSignal): Promise<{ images: FoundImage[]; skipped: SkippedFile[] }> {
  const { images, skipped } = await scanFolder(prefix ? join(root, prefix) : root, signal);
  const under = (rel: string) => (prefix ? `${prefix}/${rel}` : rel);
  return { images: images.map((img) => ({ ...img, rel: under(img.rel) })), skipped: skipped.map((s) => ({ ...s, file: under(s.file) })) };
}

/**
 * A folder of images; first-level subfolders name the classes. Unusable files are skipped with a reason. A folder
 * laid out as train/ and test/ (or val/) keeps the second as the test split, after the training images.
 */
export const imageFolderImporter: ImageImporter = {
  kind: 'image',
  source: 'image-folder',
  async run(root: string, options: ImportOptions, context: ImportContext): Promise<ImportedSamples> {
    context.onProgress('scanning', 0, 0, 0);
    const split = splitFoldersIn(root);
    const parts = split ? [await scanPart(root, split.train, context.signal), await scanPart(root, split.test, context.signal)] : [await scanPart(root, '', context.signal)];
    const images = parts.flatMap((p) => p.images);
    const skipped = parts.flatMap((p) => p.skipped);
    if (split?.ignored) skipped.push({ file: `${split.ignored}/`, reason: `not imported: ${split.test}/ is the test split and validation is drawn from ${split.train}/` });
    const testFrom = split ? parts[0].images.length : images.length;
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

    // Keep the decoded ones, in scan order (train/ before test/); classes are the labels that still have an image.
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
      testCount: kept.filter(({ i }) => i >= testFrom).length,
    };
  },
};
