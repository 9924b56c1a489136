import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHost, type Host } from '../../src-main/host/host';
import { forkTrainerLauncher } from '../../src-main/host/trainer-process';
import type { DatasetDetail, DatasetInfo } from '../../src-shared/datasets/types';
import type { ImageBatch } from '../../src-shared/contract/types';
import type { ImportProgress } from '../../src-shared/datasets/import-options';
import { idx, link, makeBmp, makeImage, pngClaimingSize, write } from '../helpers/image-fixtures';
import { tempDir } from '../helpers/temp-dir';

const TRAINER = join(__dirname, '..', '..', 'out', 'main', 'trainer.js');
const FASHION = '/usr/share/datasets/fashion-mnist';

const dir = tempDir('latent-lab-datasets-');
const src = join(dir.path, 'src');
let host: Host;
const progress: ImportProgress[] = [];
let importCounter = 0;

function importPath(path: string, options: Record<string, unknown> = {}) {
  return host.call('datasets.import', { importId: `t${++importCounter}`, options: { path, ...options } }) as Promise<DatasetDetail>;
}

/**
 * The bad-input table (Netron-style): each file in one folder, and what importing that folder must say of it.
 * `imported` means it becomes a sample; otherwise the skip reason must match.
 */
interface Case {
  file: string;
  make(root: string): Promise<void> | void;
  expect: 'imported' | RegExp;
}

const CASES: Case[] = [
  { file: 'circles/gray.png', make: async (r) => void write(r, 'circles/gray.png', await makeImage(28, 28, 1, 'png')), expect: 'imported' },
  { file: 'circles/rgb-large.jpg', make: async (r) => void write(r, 'circles/rgb-large.jpg', await makeImage(300, 200, 3, 'jpeg')), expect: 'imported' },
  { file: 'circles/alpha.png', make: async (r) => void write(r, 'circles/alpha.png', await makeImage(17, 40, 4, 'png')), expect: 'imported' },
  { file: 'circles/deep16.png', make: async (r) => void write(r, 'circles/deep16.png', await makeImage(32, 32, 1, 'png', true)), expect: 'imported' },
  { file: 'squares/pic.webp', make: async (r) => void write(r, 'squares/pic.webp', await makeImage(50, 50, 3, 'webp')), expect: 'imported' },
  { file: 'squares/anim.gif', make: async (r) => void write(r, 'squares/anim.gif', await makeImage(20, 20, 3, 'gif')), expect: 'imported' },
  { file: 'squares/scan.tiff', make: async (r) => void write(r, 'squares/scan.tiff', await makeImage(64, 48, 1, 'tiff')), expect: 'imported' },
  { file: 'squares/old.bmp', make: (r) => void write(r, 'squares/old.bmp', makeBmp(12, 9)), expect: 'imported' },
  { file: 'ünïcødé/画像.png', make: async (r) => void write(r, 'ünïcødé/画像.png', await makeImage(28, 28, 3, 'png')), expect: 'imported' },
  {
    file: 'circles/truncated.png',
    make: async (r) => {
      const png = await makeImage(64, 64, 3, 'png');
      write(r, 'circles/truncated.png', png.subarray(0, Math.floor(png.length / 2)));
    },
    expect: /corrupt or truncated image: /,
  },
  { file: 'circles/empty.png', make: (r) => void write(r, 'circles/empty.png', Buffer.alloc(0)), expect: /empty file \(0 bytes\)/ },
  { file: 'circles/notes.png', make: (r) => void write(r, 'circles/notes.png', 'these are not pixels\n'), expect: /not a readable image/ },
  { file: 'circles/garbage.jpg', make: (r) => void write(r, 'circles/garbage.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 5])), expect: /not a readable image|corrupt or truncated/ },
  {
    file: 'circles/bomb.png',
    make: async (r) => void write(r, 'circles/bomb.png', pngClaimingSize(await makeImage(8, 8, 1, 'png'), 60_000, 60_000)),
    expect: /image is 60000×60000 \(3600 MP\), over the 40\.0 MP limit; not decoded/,
  },
  {
    file: 'circles/bomb.bmp',
    make: (r) => {
      const header = Buffer.alloc(54);
      header.write('BM', 0, 'latin1');
      header.writeInt32LE(30_000, 18);
      header.writeInt32LE(30_000, 22);
      write(r, 'circles/bomb.bmp', header);
    },
    expect: /image is 30000×30000 \(900 MP\), over the 40\.0 MP limit; not decoded/,
  },
  { file: 'circles/broken.bmp', make: (r) => void write(r, 'circles/broken.bmp', Buffer.from('BM-nonsense')), expect: /corrupt or truncated BMP/ },
  { file: 'squares/readme.txt', make: (r) => void write(r, 'squares/readme.txt', 'labels come from folder names'), expect: /not an image file \(extension '\.txt'\)/ },
  { file: 'squares/dangling.png', make: (r) => link(r, 'squares/dangling.png', join(r, 'nowhere.png')), expect: /broken symbolic link/ },
  { file: 'squares/loop', make: (r) => link(r, 'squares/loop', r), expect: /symlink loop/ },
  {
    file: 'squares/pipe.png',
    make: (r) => void execFileSync('mkfifo', [join(r, 'squares/pipe.png')]),
    expect: /not a regular file/,
  },
];

beforeAll(async () => {
  mkdirSync(src, { recursive: true });
  for (const c of CASES) await c.make(join(src, 'table'));
  host = createHost({ dataDir: join(dir.path, 'data'), launchTrainer: forkTrainerLauncher(TRAINER), version: 'test', transport: 'cli' });
  host.events.on('dataset.importProgress', (p) => progress.push(p));
});

afterAll(async () => {
  await host.close();
  dir.remove();
});

describe('importing an image folder', () => {
  let dataset: DatasetDetail;

  it('imports every usable file and reports every other one with its reason', async () => {
    dataset = await importPath(join(src, 'table'), { name: 'table', size: 16, color: 'rgb', fit: 'pad', validationSplit: 0.2, seed: 3 });
    for (const c of CASES) {
      const skip = dataset.skipped.find((s) => s.file === c.file);
      if (c.expect === 'imported') expect(skip, `${c.file} was skipped: ${skip?.reason}`).toBeUndefined();
      else expect(skip?.reason, `${c.file}`).toMatch(c.expect);
    }
    const imported = CASES.filter((c) => c.expect === 'imported').length;
    expect(dataset.count).toBe(imported);
    expect(dataset.skipped).toHaveLength(CASES.length - imported);
  });

  it('reads a leading ~ in the folder typed as the home folder, as a shell would', async () => {
    const home = process.env.HOME;
    process.env.HOME = dir.path;
    try {
      const fromHome = await importPath('~/src/table', { name: 'from home', size: 16, validationSplit: 0.2, seed: 3 });
      expect(fromHome.count).toBe(dataset.count);
      expect(fromHome.sourcePath).toBe(join(dir.path, 'src', 'table'));
      await host.call('datasets.delete', { datasetId: fromHome.id, force: false });
    } finally {
      process.env.HOME = home;
    }
  });

  it('records provenance: source, shape, classes from subfolders with counts, split', () => {
    expect(dataset).toMatchObject({ kind: 'image', source: 'image-folder', sourcePath: join(src, 'table'), sampleShape: [3, 16, 16] });
    expect(dataset.classes).toEqual(['circles', 'squares', 'ünïcødé']);
    expect(dataset.classCounts).toEqual([4, 4, 1]);
    expect(dataset.validationCount).toBe(2);
    expect(dataset.options).toMatchObject({ size: 16, color: 'rgb', fit: 'pad', seed: 3 });
  });

  it('serves thumbnails with their labels, resized and converted to the chosen colour', async () => {
    const batch = (await host.call('datasets.samples', { datasetId: dataset.id, count: 20 })) as ImageBatch;
    expect(batch).toMatchObject({ count: 9, width: 16, height: 16, channels: 3 });
    expect(batch.pixels).toHaveLength(9 * 16 * 16 * 3);
    expect(new Set(batch.labels)).toEqual(new Set(['circles', 'squares', 'ünïcødé']));
    expect(Math.max(...batch.pixels)).toBeGreaterThan(150);
  });

  it('reported progress with files done, total and rate', () => {
    const decoding = progress.filter((p) => p.phase === 'decoding');
    expect(decoding.length).toBeGreaterThan(0);
    expect(progress.some((p) => p.phase === 'writing' && p.done === 9)).toBe(true);
    expect(decoding.at(-1)?.total).toBe(CASES.filter((c) => !/txt|dangling|loop|pipe/.test(c.file)).length);
  });

  it('is listed, and survives a restart of the host', async () => {
    const list = (await host.call('datasets.list', {})) as DatasetInfo[];
    expect(list.map((d) => d.id)).toContain(dataset.id);
    expect(list.filter((d) => d.builtin).map((d) => d.id)).toEqual(
      expect.arrayContaining(['builtin:sprites', 'builtin:spiral', 'builtin:moons', 'builtin:circles', 'builtin:swiss-roll', 'builtin:low-rank']),
    );
  });
});

describe('imports that cannot succeed fail cleanly and leave nothing behind', () => {
  const datasetsDir = () => readdirSync(join(dir.path, 'data', 'datasets'));

  const FAILURES: { what: string; make(root: string): string; error: RegExp }[] = [
    { what: 'an empty folder', make: (r) => (mkdirSync(join(r, 'empty'), { recursive: true }), join(r, 'empty')), error: /no images found in/ },
    {
      what: 'a folder of only bad files',
      make: (r) => (write(r, 'bad/a.png', ''), write(r, 'bad/b.jpg', 'nope'), join(r, 'bad')),
      error: /no usable images .*all 2 files were skipped \(a\.png: empty file/,
    },
    { what: 'a path that does not exist', make: (r) => join(r, 'missing'), error: /no such file or folder/ },
    { what: 'a file that is not IDX', make: (r) => write(r, 'photo.png', 'x'), error: /is a file that is not IDX/ },
    { what: 'an IDX file with a bad magic number', make: (r) => write(r, 'bad-images-idx3-ubyte', Buffer.from([1, 2, 3, 4, 5, 6])), error: /not an IDX file \(bad magic number\)/ },
    {
      what: 'an IDX header cut short',
      make: (r) => write(r, 'short-images-idx3-ubyte', Buffer.from([0, 0, 8, 3, 0, 0])),
      error: /malformed IDX header: truncated before its 3 dimension sizes/,
    },
    {
      what: 'IDX data shorter than its header says',
      make: (r) => write(r, 'cut-images-idx3-ubyte.gz', gzipSync(idx([5, 28, 28], new Uint8Array(100)).subarray(0, 4 + 12 + 100))),
      error: /header says 5×28×28 = 3920 bytes of data, the file has 100/,
    },
    {
      what: 'mismatched image and label counts',
      make: (r) => {
        write(r, 'mm/train-labels-idx1-ubyte', idx([9], new Uint8Array(9)));
        return write(r, 'mm/train-images-idx3-ubyte', idx([10, 4, 4], new Uint8Array(160)));
      },
      error: /mismatched counts: 10 images in train-images-idx3-ubyte but 9 labels in train-labels-idx1-ubyte/,
    },
    { what: 'corrupt gzip', make: (r) => write(r, 'z-images-idx3-ubyte.gz', Buffer.from([0x1f, 0x8b, 8, 0, 1, 2, 3])), error: /corrupt gzip data/ },
  ];

  it.each(FAILURES)('$what', async ({ make, error }) => {
    const before = (await host.call('datasets.list', {})) as DatasetInfo[];
    const failure = await importPath(make(join(src, 'failures'))).catch((e: unknown) => e);
    expect((failure as Error).message).toMatch(error);
    expect(await host.call('datasets.list', {})).toEqual(before);
    expect(datasetsDir().filter((n) => n.startsWith('.importing-'))).toEqual([]);
  });

  it('a cancelled import writes nothing', async () => {
    for (let i = 0; i < 150; i++) write(join(src, 'many'), `img${i}.png`, await makeImage(96, 96, 3, 'png'));
    const before = datasetsDir();
    const importId = 'to-cancel';
    const pending = host.call('datasets.import', { importId, options: { path: join(src, 'many') } });
    await new Promise<void>((resolve) => host.events.on('dataset.importProgress', (p) => p.importId === importId && p.phase === 'decoding' && resolve()));
    expect(await host.call('datasets.cancelImport', { importId })).toEqual({ cancelled: true });
    await expect(pending).rejects.toMatchObject({ code: 'cancelled', message: /nothing was written/ });
    expect(datasetsDir()).toEqual(before);
  });

  it('sweeps what a crashed import left behind at the next start', async () => {
    const root = join(dir.path, 'data', 'datasets');
    mkdirSync(join(root, '.importing-crashed'));
    writeFileSync(join(root, '.importing-crashed', 'owner.pid'), '999999');
    mkdirSync(join(root, 'ds-orphan'));
    const second = createHost({ dataDir: join(dir.path, 'data'), launchTrainer: forkTrainerLauncher(TRAINER), version: 'test', transport: 'cli' });
    await second.close();
    expect(existsSync(join(root, '.importing-crashed'))).toBe(false);
    expect(existsSync(join(root, 'ds-orphan'))).toBe(false);
  });
});

describe('IDX (real Fashion-MNIST from Debian’s dataset-fashion-mnist)', () => {
  let fashion: DatasetDetail;

  it('imports the 10,000 test images with their labels, 1,000 per class', async () => {
    fashion = await importPath(join(FASHION, 't10k-images-idx3-ubyte.gz'), { name: 'Fashion-MNIST test' });
    expect(fashion).toMatchObject({ source: 'idx', count: 10_000, sampleShape: [1, 28, 28], trainCount: 9_000, validationCount: 1_000 });
    expect(fashion.classes).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(fashion.classCounts).toEqual(Array(10).fill(1000));
  });

  it('refuses a size or validation split for it: they were fixed at import and would change nothing', async () => {
    const refused = { dataset: { id: fashion.id, size: 1000, validationSplit: 0.3 }, model: { family: 'pca', latentDim: 2 } };
    await expect(host.call('runs.start', { config: refused })).rejects.toMatchObject({
      code: 'invalid_input',
      issues: [
        { path: 'dataset.size', message: expect.stringMatching(/imported dataset: it has the 10000 samples/) },
        { path: 'dataset.validationSplit', message: expect.stringMatching(/\(9000 train, 1000 validation\)/) },
      ],
    });
    expect(((await host.call('runs.list', {})) as unknown[]).length).toBe(0);
  });

  it('trains a VAE on it; the dataset then cannot be deleted without saying so', async () => {
    const config = {
      dataset: { id: fashion.id },
      model: { family: 'vae', hidden: [64], latentDim: 4 },
      training: { epochs: 1, batchSize: 100 },
    };
    const { runId } = (await host.call('runs.start', { config })) as { runId: number };
    await host.runs.waitForFinish(runId);
    const run = (await host.call('runs.get', { runId })) as { status: string; final: Record<string, number> };
    expect(run.status).toBe('completed');
    // The best input-independent decoder predicts each pixel's mean: one epoch must beat it clearly.
    expect(run.final.val_recon).toBeLessThan(perPixelMeanNll(join(FASHION, 't10k-images-idx3-ubyte.gz')) - 30);

    await expect(host.call('datasets.delete', { datasetId: fashion.id })).rejects.toMatchObject({ code: 'conflict', message: new RegExp(`used by run ${runId}`) });
    expect(((await host.call('datasets.get', { datasetId: fashion.id })) as DatasetDetail).usedByRuns).toEqual([runId]);
    await host.call('datasets.delete', { datasetId: fashion.id, force: true });
    await expect(host.call('datasets.get', { datasetId: fashion.id })).rejects.toMatchObject({ code: 'not_found' });
    expect(existsSync(join(dir.path, 'data', 'datasets', fashion.id))).toBe(false);
  }, 120_000);
});

/** Bernoulli NLL (nats per image) of predicting every image by the per-pixel mean: computed from the file directly. */
function perPixelMeanNll(file: string): number {
  const bytes = gunzipSync(readFileSync(file)).subarray(16);
  const d = 784;
  const n = bytes.length / d;
  const mean = new Float64Array(d);
  for (let i = 0; i < bytes.length; i++) mean[i % d] += bytes[i] / 255 / n;
  let nll = 0;
  for (let i = 0; i < bytes.length; i++) {
    const x = bytes[i] / 255;
    const p = Math.min(1 - 1e-6, Math.max(1e-6, mean[i % d]));
    nll -= x * Math.log(p) + (1 - x) * Math.log(1 - p);
  }
  return nll / n;
}
