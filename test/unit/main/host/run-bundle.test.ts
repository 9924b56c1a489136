import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Header, Parser, type ReadEntry } from 'tar';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHost, type Host } from '../../../../src-main/host/host';
import type { TrainerLauncher } from '../../../../src-main/host/trainer-process';
import { openDatabase } from '../../../../src-main/store/database';
import { DatasetsRepo } from '../../../../src-main/store/datasets-repo';
import { MetricsRepo } from '../../../../src-main/store/metrics-repo';
import { RunsRepo } from '../../../../src-main/store/runs-repo';
import { parseRunConfig } from '../../../../src-shared/config/parse-run-config';
import type { MetricPoint, RunDetail, RunStatus, RunSummary } from '../../../../src-shared/contract/types';
import type { DatasetDetail } from '../../../../src-shared/datasets/types';
import type { RunBundleExport, RunBundleImport } from '../../../../src-shared/runs/run-bundle';
import { tempDir } from '../../../helpers/temp-dir';
import { tinyConfig } from '../../../helpers/tiny-config';

/**
 * Run bundles without a trainer: runs, metrics, checkpoint files and datasets are seeded straight into a data dir,
 * exported and imported through a real host. The table of hostile bundles (STYLE.md 5) rebuilds a valid bundle
 * with one thing wrong each; every one must be refused with its own message and leave the importing data dir as
 * it was.
 */
const root = tempDir();
let dirs = 0;
const newDir = () => {
  const dir = join(root.path, `d${++dirs}`);
  mkdirSync(dir);
  return dir;
};
afterAll(() => root.remove());

const noTrainer: TrainerLauncher = () => {
  throw new Error('these tests start no trainer');
};
const hosts: Host[] = [];
function startHost(dataDir: string): Host {
  const host = createHost({ dataDir, launchTrainer: noTrainer, version: 'test', transport: 'cli' });
  hosts.push(host);
  return host;
}
afterEach(async () => {
  await Promise.all(hosts.splice(0).map((h) => h.close()));
});

const DATASET_ID = 'ds-0123abcd';
/** 40 grey 1×4×4 images, 32 for training. */
const datasetBytes = (seed: number) => ({
  images: Buffer.from(Array.from({ length: 40 * 16 }, (_, i) => (i * 7 + seed) % 256)),
  labels: Buffer.from(new Int32Array(Array.from({ length: 40 }, (_, i) => i % 2)).buffer),
});

/** Writes an imported dataset (files and row) into a data dir, as DatasetImporter leaves one. */
function seedDataset(dataDir: string, seed = 1): void {
  const dir = join(dataDir, 'datasets', DATASET_ID);
  mkdirSync(dir, { recursive: true });
  const { images, labels } = datasetBytes(seed);
  writeFileSync(join(dir, 'images.u8'), images);
  writeFileSync(join(dir, 'labels.i32'), labels);
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ format: 'latent-lab-dataset/1', count: 40 }));
  const db = openDatabase(join(dataDir, 'latent-lab.sqlite'));
  new DatasetsRepo(db, join(dataDir, 'datasets')).insert({
    id: DATASET_ID,
    name: 'squares',
    kind: 'image',
    source: 'image-folder',
    sourcePath: '/data/squares',
    count: 40,
    trainCount: 32,
    testCount: 0,
    sampleShape: [1, 4, 4],
    classes: ['a', 'b'],
    classCounts: [20, 20],
    options: { size: 4 },
    dir,
    skipped: [{ file: 'broken.png', reason: 'not an image' }],
  });
  db.close();
}

/** Step points 1…20 (two epochs of 10) in two chunks, with a NaN and wall times; epoch points at 10 and 20. */
function points(): MetricPoint[][] {
  const step = (s: number): MetricPoint => ({
    scope: 'step',
    step: s,
    epoch: Math.ceil(s / 10),
    values: { loss: 100 / s + 0.1, recon: s === 7 ? Number.NaN : 90 / s, kl: Math.sqrt(s) },
    time: 1_760_000_000_000 + s * 13.5,
  });
  const epoch = (s: number): MetricPoint => ({ scope: 'epoch', step: s, epoch: s / 10, values: { val_loss: 50 / s, val_elbo: -40 / s }, time: 1_760_000_000_000 + s * 14 });
  return [
    [...Array.from({ length: 12 }, (_, i) => step(i + 1)), epoch(10)],
    [...Array.from({ length: 8 }, (_, i) => step(i + 13)), epoch(20)],
  ];
}

/**
 * A run as a trainer and host leave it: rows, metrics, and a committed checkpoint set beside the leftovers of a
 * killed write (which a bundle must not carry). Returns the run's id.
 */
function seedRun(dataDir: string, options: { datasetId?: string; checkpoint?: boolean; status?: RunStatus } = {}): number {
  const parsed = parseRunConfig({ ...tinyConfig(), dataset: options.datasetId ? { id: options.datasetId } : tinyConfig().dataset });
  if (!parsed.ok) throw new Error('fixture config');
  const db = openDatabase(join(dataDir, 'latent-lab.sqlite'));
  const runs = new RunsRepo(db);
  const metrics = new MetricsRepo(db);
  const run = runs.create(parsed.config, 'fixture-host');
  runs.markStarted(run.id, 'wasm', 1234);
  for (const batch of points()) metrics.append(run.id, batch);
  runs.update(run.id, { tags: ['baseline', 'gpu-box'], notes: 'trained overnight' });
  runs.finish(run.id, options.status ?? 'stopped', null);
  if (options.checkpoint ?? true) {
    const runDir = join(dataDir, 'runs', String(run.id));
    const set = join(runDir, 'ckpt-000020');
    mkdirSync(set, { recursive: true });
    writeFileSync(join(set, 'weights.llw'), Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 31) % 256)));
    writeFileSync(join(set, 'optimizer.llw'), Buffer.from(Array.from({ length: 500 }, (_, i) => (i * 17) % 256)));
    writeFileSync(join(set, 'state.json'), JSON.stringify({ epoch: 3, batchesDone: 0, step: 20 }));
    writeFileSync(join(runDir, 'checkpoint.json'), JSON.stringify({ dir: 'ckpt-000020', step: 20, epoch: 2 }));
    // A killed write's leftovers: a half-written set and a temporary pointer.
    mkdirSync(join(runDir, 'ckpt-000030'));
    writeFileSync(join(runDir, 'ckpt-000030', 'weights.llw'), 'partial');
    writeFileSync(join(runDir, 'checkpoint.json.tmp-4242'), '{"dir":"ckpt-000030"');
    runs.setWeights(run.id, join(set, 'weights.llw'));
  }
  db.close();
  return run.id;
}

const get = (h: Host, runId: number) => h.call('runs.get', { runId, maxPoints: 200_000 }) as Promise<RunDetail>;
const exportRun = (h: Host, runId: number, path: string, extra: { withDataset?: boolean; force?: boolean } = {}) =>
  h.call('runs.exportBundle', { runId, path, ...extra }) as Promise<RunBundleExport>;
const importBundle = (h: Host, path: string) => h.call('runs.importBundle', { path }) as Promise<RunBundleImport>;
const filesUnder = (dir: string): string[] =>
  existsSync(dir) ? readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(dir.length + 1)).sort() : [];

describe('a run bundle', () => {
  it('carries a run to a fresh data dir: rows, every metric point, and the committed checkpoint only', async () => {
    const a = newDir();
    const runId = seedRun(a);
    const source = startHost(a);
    const bundle = join(root.path, 'round-trip.llrun');
    const exported = await exportRun(source, runId, bundle);
    expect(exported).toMatchObject({ path: bundle, files: 7, checkpoint: { step: 20, epoch: 2 }, dataset: { id: 'builtin:sprites', bundled: false }, notes: [] });
    expect(exported.bytes).toBe(readFileSync(bundle).length);
    expect(readdirSync(root.path).filter((n) => n.includes('.tmp-'))).toEqual([]);

    const b = newDir();
    const target = startHost(b);
    const imported = await importBundle(target, bundle);
    expect(imported).toMatchObject({ runId: 1, sourceRunId: runId, status: 'stopped', checkpoint: { step: 20, epoch: 2 }, dataset: { outcome: 'builtin' } });
    const [before, after] = [await get(source, runId), await get(target, imported.runId)];
    for (const key of ['name', 'status', 'family', 'datasetId', 'config', 'tags', 'notes', 'backend', 'params', 'createdAt', 'startedAt', 'finishedAt', 'final', 'best', 'hasWeights', 'timings'] as const) {
      expect(after[key], key).toEqual(before[key]);
    }
    expect(after.steps).toEqual(before.steps);
    expect(after.epochs).toEqual(before.epochs);
    expect(after.steps.values.recon[6]).toBeNaN();
    expect(after.steps.time).toHaveLength(20);
    expect(((await target.call('runs.metricsCsv', { runId: 1 })) as { csv: string }).csv).toBe(((await source.call('runs.metricsCsv', { runId })) as { csv: string }).csv);
    // The committed set and its pointer, byte for byte; no leftovers of killed writes.
    expect(filesUnder(join(b, 'runs', '1'))).toEqual(['checkpoint.json', 'ckpt-000020/optimizer.llw', 'ckpt-000020/state.json', 'ckpt-000020/weights.llw']);
    for (const f of ['ckpt-000020/optimizer.llw', 'ckpt-000020/state.json', 'ckpt-000020/weights.llw']) {
      expect(readFileSync(join(b, 'runs', '1', f))).toEqual(readFileSync(join(a, 'runs', String(runId), f)));
    }

    // Never over an existing run: a second import is a new run.
    const again = await importBundle(target, bundle);
    expect(again.runId).toBe(2);
    expect(((await target.call('runs.list', {})) as RunSummary[]).map((r) => r.id)).toEqual([2, 1]);
    expect(readdirSync(b).filter((n) => n.startsWith('.bundle-'))).toEqual([]);
  });

  it('carries a run of the old checkpoint layout (its files directly in the run folder) as it is', async () => {
    const a = newDir();
    const runId = seedRun(a, { checkpoint: false });
    const runDir = join(a, 'runs', String(runId));
    mkdirSync(runDir, { recursive: true });
    writeFileSync(join(runDir, 'weights.llw'), 'old weights');
    writeFileSync(join(runDir, 'optimizer.llw'), 'old optimizer');
    writeFileSync(join(runDir, 'state.json'), JSON.stringify({ epoch: 3, batchesDone: 0, step: 20 }));
    const bundle = join(a, 'legacy.llrun');
    expect(await exportRun(startHost(a), runId, bundle)).toMatchObject({ checkpoint: { step: 20, epoch: 2 }, files: 6 });
    const b = newDir();
    const h = startHost(b);
    expect(await importBundle(h, bundle)).toMatchObject({ checkpoint: { step: 20, epoch: 2 } });
    expect(filesUnder(join(b, 'runs', '1'))).toEqual(['optimizer.llw', 'state.json', 'weights.llw']);
    expect((await get(h, 1)).hasWeights).toBe(true);
  });

  it('refuses to replace an existing file without force, and never leaves a partial file', async () => {
    const a = newDir();
    const runId = seedRun(a);
    const h = startHost(a);
    const out = join(a, 'out.llrun');
    writeFileSync(out, 'keep me');
    await expect(exportRun(h, runId, out)).rejects.toMatchObject({ code: 'needs_confirmation', message: expect.stringMatching(/already exists; export with --force/) });
    expect(readFileSync(out, 'utf8')).toBe('keep me');
    await expect(exportRun(h, runId, a)).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/is a folder/) });
    await expect(exportRun(h, runId, join(a, 'nowhere', 'x.llrun'))).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/does not exist/) });
    await expect(exportRun(h, 99, join(a, 'y.llrun'))).rejects.toMatchObject({ code: 'not_found' });
    expect((await exportRun(h, runId, out, { force: true })).bytes).toBeGreaterThan(100);
    expect(readdirSync(a).filter((n) => n.includes('.tmp-') || n.startsWith('.bundle-'))).toEqual([]);
  });

  it('exports a run without a checkpoint as its metrics, and says so on both ends', async () => {
    const a = newDir();
    const runId = seedRun(a, { checkpoint: false, status: 'failed' });
    const exported = await exportRun(startHost(a), runId, join(a, 'metrics-only.llrun'));
    expect(exported.checkpoint).toBeNull();
    expect(exported.notes.join(' ')).toMatch(/has no checkpoint .* metrics only/);
    const imported = await importBundle(startHost(newDir()), join(a, 'metrics-only.llrun'));
    expect(imported).toMatchObject({ status: 'failed', checkpoint: null });
    expect(imported.notes.join(' ')).toMatch(/no checkpoint: the run has its metrics only/);
  });

  it('takes a run that was training on the source as interrupted, so it can be resumed here', async () => {
    const a = newDir();
    const runId = seedRun(a);
    const bundle = join(a, 'x.llrun');
    await exportRun(startHost(a), runId, bundle);
    const running = join(a, 'running.llrun');
    const training = (m: Manifest) => {
      m.run.status = 'running';
      // Training since just before its first metric point, still going on at the export.
      const startedAt = new Date(1_760_000_000_000).toISOString();
      Object.assign((m.run.sessions as { sessions: Record<string, unknown>[] }).sessions[0], { startedAt, endedAt: null, endStatus: null, endedAtSource: null });
    };
    writeFileSync(running, rebuild(await entriesOf(bundle), { manifest: training }));
    const h = startHost(newDir());
    const imported = await importBundle(h, running);
    expect(imported.status).toBe('interrupted');
    const run = await get(h, imported.runId);
    expect(run.error).toMatch(/^Exported while running on another machine: resume it to continue from its checkpoint \(step 20\)/);
    // Its training session ends, as after a crash, at its last metric point (step 20's time).
    expect(run.timings.sessions).toMatchObject([{ endedAt: new Date(1_760_000_000_000 + 20 * 14).toISOString(), endStatus: 'interrupted', endedAtSource: 'last-metric' }]);
  });

  it('takes a run from a bundle written before training sessions were recorded with its training time unknown', async () => {
    const a = newDir();
    const bundle = join(a, 'x.llrun');
    await exportRun(startHost(a), seedRun(a), bundle);
    const old = join(a, 'old.llrun');
    writeFileSync(old, rebuild(await entriesOf(bundle), { manifest: (m) => delete m.run.sessions }));
    const h = startHost(newDir());
    const imported = await importBundle(h, old);
    expect((await get(h, imported.runId)).timings).toMatchObject({ recordedFromStart: false, trainingMs: null, sessions: [] });
  });

  it('removes the staging folders of bundles whose process died', () => {
    const a = newDir();
    mkdirSync(join(a, '.bundle-99999999-dead'), { recursive: true });
    writeFileSync(join(a, '.bundle-99999999-dead', 'half'), 'x');
    startHost(a);
    expect(existsSync(join(a, '.bundle-99999999-dead'))).toBe(false);
  });
});

describe('a run bundle with an imported dataset', () => {
  let withDataset: string;
  let withoutDataset: string;
  beforeAll(async () => {
    const a = newDir();
    seedDataset(a);
    const runId = seedRun(a, { datasetId: DATASET_ID, status: 'completed' });
    const h = startHost(a);
    withDataset = join(root.path, 'with-dataset.llrun');
    withoutDataset = join(root.path, 'without-dataset.llrun');
    const exported = await exportRun(h, runId, withDataset, { withDataset: true });
    expect(exported).toMatchObject({ dataset: { id: DATASET_ID, bundled: true }, files: 11 });
    const plain = await exportRun(h, runId, withoutDataset);
    expect(plain.notes.join(' ')).toMatch(/dataset 'squares' \(ds-0123abcd\) is not in the bundle/);
    await h.close();
    hosts.splice(hosts.indexOf(h), 1);
  });

  it('brings the dataset under its id when this machine lacks it, then finds it present', async () => {
    const b = newDir();
    const h = startHost(b);
    const first = await importBundle(h, withDataset);
    expect(first.dataset).toMatchObject({ id: DATASET_ID, outcome: 'imported', name: 'squares' });
    const dataset = (await h.call('datasets.get', { datasetId: DATASET_ID })) as DatasetDetail;
    expect(dataset).toMatchObject({ name: 'squares', count: 40, trainCount: 32, sampleShape: [1, 4, 4], skipped: [{ file: 'broken.png', reason: 'not an image' }], usedByRuns: [1] });
    expect(filesUnder(join(b, 'datasets', DATASET_ID))).toEqual(['images.u8', 'labels.i32', 'manifest.json']);
    expect(readFileSync(join(b, 'datasets', DATASET_ID, 'images.u8'))).toEqual(datasetBytes(1).images);
    expect((await get(h, 1)).error).toBeNull();
    const second = await importBundle(h, withDataset);
    expect(second.dataset).toMatchObject({ id: DATASET_ID, outcome: 'present' });
  });

  it('imports the run without its dataset, and the run says which dataset it needs', async () => {
    const h = startHost(newDir());
    const imported = await importBundle(h, withoutDataset);
    expect(imported).toMatchObject({ status: 'completed', dataset: { id: DATASET_ID, outcome: 'missing' } });
    const run = await get(h, imported.runId);
    expect(run.error).toMatch(/needs dataset 'squares' \(ds-0123abcd: 40 images of 1×4×4, imported from \/data\/squares on the source\), which is not on this machine/);
    expect(run.steps.step).toHaveLength(20);
  });

  it('refuses a dataset of the same id with other content, or keeps both when the bundle brings its own copy', async () => {
    const c = newDir();
    seedDataset(c, 2);
    const h = startHost(c);
    await expect(importBundle(h, withoutDataset)).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/dataset ds-0123abcd on this machine is not the one run #1 was trained on \(the same counts and shape, but different content .*\).*nothing was imported$/),
    });
    expect((await h.call('runs.list', {})) as RunSummary[]).toEqual([]);

    const kept = await importBundle(h, withDataset);
    expect(kept.dataset.outcome).toBe('imported-copy');
    expect(kept.dataset.id).toMatch(/^ds-[0-9a-f]{8}$/);
    expect(kept.dataset.message).toMatch(/both are kept: the bundle's copy was imported as ds-/);
    expect((await get(h, kept.runId)).config.dataset.id).toBe(kept.dataset.id);
    expect(readFileSync(join(c, 'datasets', kept.dataset.id, 'images.u8'))).toEqual(datasetBytes(1).images);
    expect(readFileSync(join(c, 'datasets', DATASET_ID, 'images.u8'))).toEqual(datasetBytes(2).images);
  });
});

interface Entry {
  path: string;
  body: Buffer;
  type?: string;
  linkpath?: string;
}

/** The entries of a bundle, in order. */
async function entriesOf(file: string): Promise<Entry[]> {
  const entries: Entry[] = [];
  const parser = new Parser();
  parser.on('entry', (entry: ReadEntry) => {
    const chunks: Buffer[] = [];
    entry.on('data', (c: Buffer) => chunks.push(c));
    entry.on('end', () => entries.push({ path: entry.path, body: Buffer.concat(chunks) }));
  });
  await new Promise<void>((resolve) => {
    parser.on('end', () => resolve());
    parser.end(readFileSync(file));
  });
  return entries;
}

/** A gzipped tar of exactly these entries, header by header (tar.create would refuse to write most of the hostile ones). */
function tarOf(entries: Entry[]): Buffer {
  const blocks: Buffer[] = [];
  for (const e of entries) {
    const type = e.type ?? 'File';
    const size = type === 'File' ? e.body.length : 0;
    const header = new Header({ path: e.path, type: type as 'File', size, mode: 0o644, uid: 0, gid: 0, mtime: new Date(0), linkpath: e.linkpath ?? '' });
    header.encode();
    blocks.push(header.block as Buffer);
    if (size > 0) blocks.push(e.body, Buffer.alloc((512 - (size % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(blocks));
}

type Manifest = {
  version: number;
  format: string;
  run: Record<string, unknown> & { status: string; config: { model: { latentDim: number } } };
  dataset: Record<string, unknown>;
  files: { path: string; size: number; sha256: string }[];
};

/** A bundle from entries: the manifest edited, and (unless told not to) its file list made to match the entries. */
function rebuild(entries: Entry[], options: { manifest?: (m: Manifest) => void; relist?: boolean; raw?: (entries: Entry[]) => Entry[] } = {}): Buffer {
  const [head, ...rest] = entries;
  const manifest = JSON.parse(head.body.toString('utf8')) as Manifest;
  if (options.relist) {
    manifest.files = rest.map((e) => ({ path: e.path, size: e.body.length, sha256: createHash('sha256').update(e.body).digest('hex') }));
  }
  options.manifest?.(manifest);
  const all = [{ path: 'manifest.json', body: Buffer.from(JSON.stringify(manifest)) }, ...rest];
  return tarOf(options.raw ? options.raw(all) : all);
}

const replaceEntry = (entries: Entry[], path: string, body: Buffer) => entries.map((e) => (e.path === path ? { ...e, body } : e));
const WEIGHTS = 'run/ckpt-000020/weights.llw';

interface HostileRow {
  what: string;
  bundle: (valid: Entry[], bytes: Buffer) => Buffer;
  code?: string;
  message: RegExp;
}

/** The table of hostile bundles: what each is, how it is made from a valid one, and what the refusal must say. */
const HOSTILE: HostileRow[] = [
  { what: 'a bundle cut in half', bundle: (_, bytes) => bytes.subarray(0, Math.floor(bytes.length / 2)), message: /the file is truncated/ },
  { what: 'a bundle missing its last bytes (the gzip trailer)', bundle: (_, bytes) => bytes.subarray(0, bytes.length - 3), message: /the file is truncated/ },
  {
    what: 'a bundle with corrupt compressed data',
    bundle: (_, bytes) => {
      const bad = Buffer.from(bytes);
      for (let i = 200; i < 240; i++) bad[i] ^= 0x5a;
      return bad;
    },
    message: /corrupt|damaged|truncated/,
  },
  { what: 'a text file', bundle: () => Buffer.from('these are my notes, not a run'), message: /not a run bundle \(not a gzipped tar archive\)/ },
  { what: 'an empty file', bundle: () => Buffer.alloc(0), message: /not a run bundle|empty/ },
  { what: 'an archive without entries', bundle: () => tarOf([]), message: /not a run bundle/ },
  { what: 'a manifest from a newer bundle version', bundle: (v) => rebuild(v, { manifest: (m) => (m.version = 2) }), message: /written by a newer Latent Lab \(bundle version 2; this build reads version 1\): upgrade/ },
  { what: 'a manifest of another format', bundle: (v) => rebuild(v, { manifest: (m) => (m.format = 'zip-of-stuff') }), message: /does not describe a Latent Lab run bundle \(format "zip-of-stuff"\)/ },
  { what: 'a manifest that is not JSON', bundle: (v) => tarOf([{ path: 'manifest.json', body: Buffer.from('{"format":') }, ...v.slice(1)]), message: /manifest.json is not JSON/ },
  { what: 'a manifest without its run', bundle: (v) => rebuild(v, { manifest: (m) => delete (m as Partial<Manifest>).run }), message: /manifest.json is invalid at run/ },
  { what: 'a manifest that is not the first entry', bundle: (v) => tarOf([...v.slice(1), v[0]]), message: /the first entry is 'run\/checkpoint.json', not manifest.json: not a run bundle/ },
  { what: 'a file whose sha256 does not match', bundle: (v) => rebuild(replaceEntry(v, WEIGHTS, Buffer.alloc(300, 1))), message: /entry 'run\/ckpt-000020\/weights.llw' is damaged: its sha256 is [0-9a-f]{64}, manifest.json says/ },
  { what: 'a file of another size than listed', bundle: (v) => rebuild(replaceEntry(v, WEIGHTS, Buffer.alloc(301, 1))), message: /entry 'run\/ckpt-000020\/weights.llw' is 301 bytes; manifest.json says 300/ },
  { what: 'a listed file missing', bundle: (v) => rebuild(v.filter((e) => e.path !== WEIGHTS)), message: /'run\/ckpt-000020\/weights.llw' is listed in manifest.json but missing/ },
  { what: 'a file not listed', bundle: (v) => rebuild([...v, { path: 'run/ckpt-000020/extra.bin', body: Buffer.from('x') }]), message: /entry 'run\/ckpt-000020\/extra.bin' is not listed in manifest.json/ },
  { what: 'a file listed twice', bundle: (v) => rebuild(v, { manifest: (m) => m.files.push(m.files[0]) }), message: /manifest.json lists 'run\/checkpoint.json' twice/ },
  { what: 'an entry that appears twice', bundle: (v) => rebuild([...v, v.find((e) => e.path === WEIGHTS) as Entry]), message: /entry 'run\/ckpt-000020\/weights.llw' appears twice/ },
  { what: 'a second manifest', bundle: (v) => rebuild([...v, v[0]]), message: /manifest.json appears twice/ },
  { what: 'an absolute path', bundle: (v) => rebuild([...v, { path: '/tmp/latent-lab-bundle-escape', body: Buffer.from('x') }]), message: /entry '\/tmp\/latent-lab-bundle-escape' has an absolute path/ },
  { what: 'a Windows drive path', bundle: (v) => rebuild([...v, { path: 'C:/escape.txt', body: Buffer.from('x') }]), message: /entry 'C:\/escape.txt' has an absolute path/ },
  { what: "a path climbing out with '..'", bundle: (v) => rebuild([...v, { path: 'run/../../escape.txt', body: Buffer.from('x') }]), message: /entry 'run\/..\/..\/escape.txt' climbs out of the bundle/ },
  { what: 'a backslash path', bundle: (v) => rebuild([...v, { path: 'run\\..\\..\\escape.txt', body: Buffer.from('x') }]), message: /has a backslash in its path/ },
  { what: 'a path outside the layout', bundle: (v) => rebuild([...v, { path: 'notes/readme.txt', body: Buffer.from('x') }]), message: /entry 'notes\/readme.txt' is not part of a run bundle's layout/ },
  {
    what: "a manifest listing a path with '..'",
    bundle: (v) => rebuild(v, { manifest: (m) => m.files.push({ path: '../escape.txt', size: 1, sha256: '0'.repeat(64) }) }),
    message: /manifest.json: entry '..\/escape.txt' climbs out of the bundle/,
  },
  {
    what: 'a symbolic link',
    bundle: (v) => rebuild(v, { raw: (all) => [...all.filter((e) => e.path !== WEIGHTS), { path: WEIGHTS, body: Buffer.alloc(0), type: 'SymbolicLink', linkpath: '/etc/passwd' }] }),
    message: /entry 'run\/ckpt-000020\/weights.llw' is a symbolic link \(to '\/etc\/passwd'\); a run bundle holds regular files only/,
  },
  {
    what: 'a hard link',
    bundle: (v) => rebuild(v, { raw: (all) => [...all.filter((e) => e.path !== WEIGHTS), { path: WEIGHTS, body: Buffer.alloc(0), type: 'Link', linkpath: '../../../../etc/shadow' }] }),
    message: /is a hard link \(to '..\/..\/..\/..\/etc\/shadow'\)/,
  },
  { what: 'a character device', bundle: (v) => rebuild([...v, { path: 'run/tty', body: Buffer.alloc(0), type: 'CharacterDevice' }]), message: /entry 'run\/tty' is a character device/ },
  { what: 'a block device', bundle: (v) => rebuild([...v, { path: 'run/sda', body: Buffer.alloc(0), type: 'BlockDevice' }]), message: /entry 'run\/sda' is a block device/ },
  { what: 'a FIFO', bundle: (v) => rebuild([...v, { path: 'run/pipe', body: Buffer.alloc(0), type: 'FIFO' }]), message: /entry 'run\/pipe' is a FIFO \(named pipe\)/ },
  { what: 'a folder entry', bundle: (v) => rebuild([v[0], { path: 'run/', body: Buffer.alloc(0), type: 'Directory' }, ...v.slice(1)]), message: /entry 'run\/' is a folder entry/ },
  {
    what: 'step data that does not match its index',
    bundle: (v) => rebuild(replaceEntry(v, 'metrics/steps.bin', (v.find((e) => e.path === 'metrics/steps.bin') as Entry).body.subarray(8)), { relist: true }),
    message: /metrics\/steps.bin is \d+ bytes; metrics\/steps.json describes \d+/,
  },
  {
    what: 'metrics that disagree with the manifest’s counts',
    bundle: (v) => rebuild(v, { manifest: (m) => ((m.run.metrics as { epochRows: number }).epochRows = 3) }),
    message: /the metrics files hold 2 step chunks, 20 steps and 4 epoch rows; manifest.json says 2, 20 and 3/,
  },
  { what: 'epoch rows that are not rows', bundle: (v) => rebuild(replaceEntry(v, 'metrics/epochs.json', Buffer.from('[[1,2]]')), { relist: true }), message: /metrics\/epochs.json is invalid at 0/ },
  {
    what: 'a checkpoint pointer naming a missing set',
    bundle: (v) => rebuild(replaceEntry(v, 'run/checkpoint.json', Buffer.from('{"dir":"ckpt-000099","step":99,"epoch":9}')), { relist: true }),
    message: /the bundle's checkpoint is damaged \(.*names the checkpoint ckpt-000099, whose files are missing/,
  },
  {
    what: 'training sessions of which one before the last is open',
    bundle: (v) =>
      rebuild(v, {
        manifest: (m) => {
          const stored = m.run.sessions as { sessions: Record<string, unknown>[] };
          stored.sessions = [{ ...stored.sessions[0], endedAt: null }, stored.sessions[0]];
        },
      }),
    message: /manifest.json is invalid at run.sessions.sessions: only the last training session can be open/,
  },
  { what: 'a run config this build refuses', bundle: (v) => rebuild(v, { manifest: (m) => (m.run.config.model.latentDim = 0) }), message: /its run config is not one this version of Latent Lab accepts \(model.latentDim/ },
  {
    what: 'a bundled dataset whose id is a path',
    bundle: (v) => rebuild(v, { manifest: (m) => {
      const config = m.run.config as unknown as { dataset: { id: string } };
      config.dataset.id = m.run.datasetId = m.dataset.id = '../../escape';
    } }),
    message: /its dataset id "..\/..\/escape" is not a valid dataset id/,
  },
  {
    what: 'a bundled dataset smaller than its description',
    bundle: (v) => rebuild(v, { manifest: (m) => (m.dataset.count = 41) }),
    message: /its dataset ds-0123abcd does not match its description \(41 samples of 1×4×4 need 656 image bytes/,
  },
];

describe('a hostile or broken bundle', () => {
  let valid: Entry[];
  let validBytes: Buffer;
  let target: string;
  let host: Host;
  beforeAll(async () => {
    const a = newDir();
    seedDataset(a);
    const runId = seedRun(a, { datasetId: DATASET_ID });
    const source = createHost({ dataDir: a, launchTrainer: noTrainer, version: 'test', transport: 'cli' });
    const file = join(a, 'valid.llrun');
    await exportRun(source, runId, file, { withDataset: true });
    await source.close();
    valid = await entriesOf(file);
    validBytes = readFileSync(file);
    target = newDir();
  });

  /** Everything an import could leave behind in the target data dir. */
  const snapshot = async () => ({
    runs: ((await host.call('runs.list', {})) as RunSummary[]).length,
    datasets: ((await host.call('datasets.list', {})) as { builtin: boolean }[]).filter((d) => !d.builtin).length,
    files: filesUnder(target).filter((f) => !f.startsWith('latent-lab.sqlite') && f !== '.disk-reserve'),
    folders: readdirSync(target).sort(),
  });

  it('imports the valid bundle the table starts from, rebuilt entry by entry', async () => {
    const dir = newDir();
    const file = join(dir, 'valid.llrun');
    writeFileSync(file, rebuild(valid));
    expect(await importBundle(startHost(dir), file)).toMatchObject({ runId: 1, dataset: { outcome: 'imported' } });
  });

  it.each(HOSTILE)('refuses $what, naming the problem, and writes nothing', async ({ bundle, message, code }) => {
    host = startHost(target);
    const before = await snapshot();
    const file = join(root.path, 'hostile.llrun');
    writeFileSync(file, bundle(valid, validBytes));
    const error = await importBundle(host, file).then(
      () => null,
      (e: unknown) => e as { code: string; message: string },
    );
    expect(error, 'the import must fail').not.toBeNull();
    expect(error?.code).toBe(code ?? 'invalid_input');
    expect(error?.message).toMatch(message);
    expect(error?.message).toMatch(/^\/.* cannot be imported: .*; nothing was imported$/s);
    expect(await snapshot()).toEqual(before);
    for (const escaped of ['/tmp/latent-lab-bundle-escape', join(target, '..', 'escape.txt'), join(target, 'escape.txt'), join(root.path, 'escape.txt')]) {
      expect(existsSync(escaped), escaped).toBe(false);
    }
  });
});
