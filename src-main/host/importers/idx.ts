import { existsSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import sharp from 'sharp';
import type { ImportOptions } from '../../../src-shared/datasets/import-options';
import { throwIfCancelled, type ImportContext, type ImportedSamples, type ImageImporter } from './types';

/** A file the IDX importer cannot use at all: the import fails with this reason and writes nothing. */
export class IdxError extends Error {}

interface IdxArray {
  dims: number[];
  data: Uint8Array;
}

/**
 * Parses IDX (LeCun's MNIST format): 2 zero bytes, a type byte (0x08 = unsigned byte, the only one image and
 * label files use), the number of dimensions, then each dimension as a big-endian u32, then the data.
 */
export function parseIdx(file: string, raw: Buffer): IdxArray {
  let bytes = raw;
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes);
    } catch (error) {
      throw new IdxError(`${file}: corrupt gzip data (${(error as Error).message})`);
    }
  }
  if (bytes.byteLength < 4 || bytes[0] !== 0 || bytes[1] !== 0) throw new IdxError(`${file}: not an IDX file (bad magic number)`);
  if (bytes[2] !== 0x08) throw new IdxError(`${file}: IDX element type 0x${bytes[2].toString(16)} is not supported (only unsigned bytes, 0x08)`);
  const ndims = bytes[3];
  if (ndims < 1 || ndims > 4) throw new IdxError(`${file}: malformed IDX header: ${ndims} dimensions`);
  if (bytes.byteLength < 4 + 4 * ndims) throw new IdxError(`${file}: malformed IDX header: truncated before its ${ndims} dimension sizes`);
  const dims = Array.from({ length: ndims }, (_, i) => bytes.readUInt32BE(4 + 4 * i));
  const expected = dims.reduce((a, b) => a * b, 1);
  const data = bytes.subarray(4 + 4 * ndims);
  if (data.byteLength !== expected) {
    throw new IdxError(`${file}: malformed IDX: the header says ${dims.join('×')} = ${expected} bytes of data, the file has ${data.byteLength}`);
  }
  return { dims, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
}

/** train-images-idx3-ubyte.gz → train-labels-idx1-ubyte.gz, beside it. */
export function siblingLabelsFile(imagesFile: string): string | null {
  const name = basename(imagesFile);
  if (!name.includes('images-idx3')) return null;
  const candidate = join(dirname(imagesFile), name.replace('images-idx3', 'labels-idx1'));
  return existsSync(candidate) ? candidate : null;
}

const readIdx = async (file: string) =>
  parseIdx(
    file,
    await readFile(file).catch((error: NodeJS.ErrnoException) => {
      throw new IdxError(`cannot read ${file}: ${error.code}`);
    }),
  );

const IDX_PAIR = { train: /^train-images-idx3-ubyte(\.gz)?$/, test: /^t10k-images-idx3-ubyte(\.gz)?$/ };

/** The train and test images files of a folder holding both (MNIST's layout), or null. */
export function idxPairIn(folder: string): { train: string; test: string } | null {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return null;
  }
  const train = names.find((n) => IDX_PAIR.train.test(n));
  const test = names.find((n) => IDX_PAIR.test.test(n));
  return train && test ? { train: join(folder, train), test: join(folder, test) } : null;
}

interface IdxPart {
  file: string;
  count: number;
  height: number;
  width: number;
  images: Uint8Array;
  labels: Uint8Array | null;
}

async function readPart(file: string, labelsFile: string | null): Promise<IdxPart> {
  const images = await readIdx(file);
  if (images.dims.length !== 3) throw new IdxError(`${file}: an IDX images file has 3 dimensions (N×H×W), this one has ${images.dims.length}`);
  const [count, height, width] = images.dims;
  if (count === 0) throw new IdxError(`${file}: the IDX file holds no images`);
  let labels: Uint8Array | null = null;
  if (labelsFile) {
    const parsed = await readIdx(labelsFile);
    if (parsed.dims.length !== 1) throw new IdxError(`${labelsFile}: an IDX labels file has 1 dimension, this one has ${parsed.dims.length}`);
    if (parsed.dims[0] !== count) throw new IdxError(`mismatched counts: ${count} images in ${basename(file)} but ${parsed.dims[0]} labels in ${basename(labelsFile)}`);
    labels = parsed.data;
  }
  return { file, count, height, width, images: images.data, labels };
}

/**
 * IDX images (N×H×W bytes) with their label file when there is one; resized only if `size` differs. With a test
 * file (`testPath`, or a folder holding train-… and t10k-… files) its images follow the training ones, unshuffled,
 * as the dataset's test split.
 */
export const idxImporter: ImageImporter = {
  kind: 'image',
  source: 'idx',
  async run(path: string, options: ImportOptions, context: ImportContext): Promise<ImportedSamples> {
    context.onProgress('scanning', 0, 0, 0);
    const pair = idxPairIn(path);
    const trainFile = pair?.train ?? path;
    const testFile = options.testPath ?? pair?.test ?? null;
    const parts = [await readPart(trainFile, options.labelsPath ?? siblingLabelsFile(trainFile))];
    if (testFile) parts.push(await readPart(testFile, siblingLabelsFile(testFile)));
    const [train, test] = parts;
    if (test && (test.height !== train.height || test.width !== train.width)) {
      throw new IdxError(`${basename(test.file)} holds ${test.height}×${test.width} images, ${basename(train.file)} ${train.height}×${train.width}: a test split must have the training images' size`);
    }
    if (test && Boolean(test.labels) !== Boolean(train.labels)) {
      throw new IdxError(`${basename((test.labels ? train : test).file)} has no labels file beside it while ${basename((test.labels ? test : train).file)} has one: give both or neither`);
    }
    throwIfCancelled(context.signal);

    const count = parts.reduce((n, p) => n + p.count, 0);
    const { height, width } = train;
    const channels = options.color === 'rgb' ? 3 : 1;
    const size = options.size;
    const sampleSize = channels * size * size;
    const pixels = new Uint8Array(count * sampleSize);
    const resize = size !== height || size !== width;
    let n = 0;
    for (const part of parts) {
      for (let i = 0; i < part.count; i++, n++) {
        const src = part.images.subarray(i * height * width, (i + 1) * height * width);
        const plane = resize
          ? await sharp(src, { raw: { width, height, channels: 1 } }).resize(size, size, { fit: options.fit === 'fit' ? 'fill' : options.fit === 'cover' ? 'cover' : 'contain', background: { r: 0, g: 0, b: 0 } }).grayscale().raw().toBuffer()
          : src;
        // Grayscale data: RGB repeats the plane in each channel.
        for (let c = 0; c < channels; c++) pixels.set(plane.subarray(0, size * size), n * sampleSize + c * size * size);
        if (n % 2000 === 0 || n === count - 1) {
          context.onProgress('decoding', n + 1, count, 0);
          throwIfCancelled(context.signal);
          await new Promise((r) => setImmediate(r));
        }
      }
    }

    const values = parts.flatMap((p) => (p.labels ? Array.from(p.labels) : []));
    const distinct = [...new Set(values)].sort((a, b) => a - b);
    const labels = new Int32Array(count).fill(-1);
    if (values.length === count) for (let i = 0; i < count; i++) labels[i] = distinct.indexOf(values[i]);
    return {
      source: 'idx',
      sampleShape: [channels, size, size],
      count,
      pixels,
      labels,
      classes: distinct.map(String),
      skipped: [],
      files: [],
      testCount: test?.count ?? 0,
    };
  },
};
