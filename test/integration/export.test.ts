import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { extract } from 'tar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHost, type Host } from '../../src-main/host/host';
import { forkTrainerLauncher } from '../../src-main/host/trainer-process';
import type { ApiError } from '../../src-shared/contract/api-error';
import type { RunDetail } from '../../src-shared/contract/types';
import type { ExportProgress, ExportResult } from '../../src-shared/export/export-options';
import { tempDir } from '../helpers/temp-dir';
import { tinyConfig } from '../helpers/tiny-config';

const TRAINER = join(__dirname, '..', '..', 'out', 'main', 'trainer.js');
const BIN = join(__dirname, '..', '..', 'bin', 'latent-lab.cjs');
const execFileAsync = promisify(execFile);

const dir = tempDir();
let host: Host;
let runId: number;
const out = (name: string) => join(dir.path, 'out', name);

async function trained(config: object): Promise<number> {
  const { runId: id } = (await host.call('runs.start', { config })) as { runId: number };
  await host.runs.waitForFinish(id);
  return id;
}

const exportRun = (input: Record<string, unknown>) => host.call('exports.start', { exportId: `t${Math.random().toString(36).slice(2, 10)}`, runId, ...input }) as Promise<ExportResult>;

/** What a rejected call carried: the error code and message. */
async function failure(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  const error = (await promise.then(
    () => null,
    (e: unknown) => e,
  )) as ApiError | null;
  expect(error, 'the call should have been refused').not.toBeNull();
  return { code: error!.code, message: error!.message };
}

/** The .npy header and data, read from numpy's format description. */
function readNpy(path: string): { descr: string; shape: number[]; data: Float32Array | Int32Array | Uint8Array } {
  const bytes = readFileSync(path);
  const headerLength = bytes.readUInt16LE(8);
  const header = bytes.subarray(10, 10 + headerLength).toString('latin1');
  const descr = /'descr': '([^']+)'/.exec(header)![1];
  const shape = /'shape': \(([^)]*)\)/.exec(header)![1].split(',').map((s) => s.trim()).filter(Boolean).map(Number);
  const body = new Uint8Array(bytes.subarray(10 + headerLength)).buffer;
  return { descr, shape, data: descr === '<f4' ? new Float32Array(body) : descr === '<i4' ? new Int32Array(body) : new Uint8Array(body) };
}

beforeAll(async () => {
  host = createHost({ dataDir: join(dir.path, 'data'), launchTrainer: forkTrainerLauncher(TRAINER), version: 'test', transport: 'cli' });
  runId = await trained(tinyConfig({ epochs: 2, size: 512, latentDim: 3 }));
  mkdirSync(join(dir.path, 'out'));
}, 120_000);

afterAll(async () => {
  await host?.close();
  dir.remove();
});

describe('export', () => {
  it('writes each format into a new folder, with progress, and nothing beside it', async () => {
    const progress: ExportProgress[] = [];
    host.events.on('export.progress', (p) => progress.push(p));
    const expected: Record<string, string[]> = {
      tfjs: ['README.md', 'autoencoder/model.json', 'autoencoder/weights.bin', 'decoder/model.json', 'decoder/weights.bin', 'encoder/model.json', 'encoder/weights.bin', 'latent-lab-export.json'],
      onnx: ['README.md', 'decoder.onnx', 'encoder.onnx', 'latent-lab-export.json'],
      'latents-csv': ['latent-lab-export.json', 'latents.csv'],
      'latents-npy': ['factors.npy', 'index.npy', 'latent-lab-export.json', 'mu.npy', 'sigma.npy', 'split.npy'],
      png: ['interpolation.png', 'latent-lab-export.json', 'reconstructions.png', 'samples.png', 'traversal.png'],
    };
    for (const [format, files] of Object.entries(expected)) {
      const result = await exportRun({ format, path: out(format) });
      expect(result.path).toBe(out(format));
      expect(result.files.map((f) => f.path).sort()).toEqual(files);
      for (const f of result.files) expect(readFileSync(join(out(format), f.path)).byteLength).toBe(f.bytes);
    }
    // Only the finished folders: no temporary ones left.
    expect(readdirSync(join(dir.path, 'out')).sort()).toEqual(Object.keys(expected).sort());
    const meta = JSON.parse(readFileSync(join(out('onnx'), 'latent-lab-export.json'), 'utf8')) as { run: { id: number }; input: { layout: string }; encoderOutputs: object };
    expect(meta.run.id).toBe(runId);
    expect(meta.input.layout).toMatch(/NHWC/);
    expect(Object.keys(meta.encoderOutputs)).toEqual(['mu', 'log_var']);
    expect(progress.some((p) => p.format === 'latents-npy' && p.phase.startsWith('encoding'))).toBe(true);
    expect(progress.filter((p) => p.phase === 'done').length).toBe(5);
  }, 60_000);

  it('writes latents whose CSV and NPY agree to the last bit, with labels, for every sample', async () => {
    const csv = readFileSync(join(out('latents-csv'), 'latents.csv'), 'utf8').trim().split('\n');
    const header = csv[0].split(',');
    expect(header.slice(0, 2)).toEqual(['index', 'split']);
    expect(header.filter((h) => h.startsWith('factor_')).length).toBeGreaterThan(0);
    expect(header.filter((h) => /^mu_\d$/.test(h))).toEqual(['mu_1', 'mu_2', 'mu_3']);
    expect(header.filter((h) => /^sigma_\d$/.test(h))).toEqual(['sigma_1', 'sigma_2', 'sigma_3']);
    const rows = csv.slice(1).map((line) => line.split(','));
    expect(rows.length).toBe(512);
    expect(rows.filter((r) => r[1] === 'train').length).toBe(448);

    const mu = readNpy(join(out('latents-npy'), 'mu.npy'));
    const sigma = readNpy(join(out('latents-npy'), 'sigma.npy'));
    const index = readNpy(join(out('latents-npy'), 'index.npy'));
    expect([mu.descr, mu.shape]).toEqual(['<f4', [512, 3]]);
    expect(sigma.shape).toEqual([512, 3]);
    expect(Array.from(index.data)).toEqual(rows.map((r) => Number(r[0])));
    const muAt = header.indexOf('mu_1');
    const sigmaAt = header.indexOf('sigma_1');
    rows.forEach((r, i) => {
      for (let j = 0; j < 3; j++) {
        expect(Math.fround(Number(r[muAt + j]))).toBe(mu.data[i * 3 + j]);
        expect(Math.fround(Number(r[sigmaAt + j]))).toBe(sigma.data[i * 3 + j]);
      }
    });
    expect(Array.from(sigma.data).every((s) => s > 0)).toBe(true);

    // Only the validation split.
    const validation = await exportRun({ format: 'latents-npy', path: out('validation-only'), options: { split: 'validation' } });
    expect(validation.files.find((f) => f.path === 'mu.npy')).toBeDefined();
    expect(readNpy(join(out('validation-only'), 'mu.npy')).shape).toEqual([64, 3]);
    expect(Array.from(readNpy(join(out('validation-only'), 'split.npy')).data).every((s) => s === 1)).toBe(true);
  });

  it('refuses an existing folder unless forced, options a format would ignore, and a run without a checkpoint', async () => {
    expect(await failure(exportRun({ format: 'onnx', path: out('onnx') }))).toMatchObject({ code: 'needs_confirmation', message: expect.stringMatching(/already exists.*--force/) });
    writeFileSync(join(out('onnx'), 'stale.txt'), 'old');
    await exportRun({ format: 'onnx', path: out('onnx'), force: true });
    expect(existsSync(join(out('onnx'), 'stale.txt'))).toBe(false);

    expect(await failure(exportRun({ format: 'onnx', path: out('x'), options: { split: 'train' } }))).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/options\.split/) });
    expect(await failure(exportRun({ format: 'png', path: out('x'), options: { figures: ['nope'] } }))).toMatchObject({ code: 'invalid_input' });

    // A run whose trainer dies in its first epoch never saved weights.
    const { runId: failed } = (await host.call('runs.start', { config: { ...tinyConfig({ epochs: 1, size: 20_000 }), name: 'dies' } })) as { runId: number };
    await new Promise<void>((resolve) => {
      const off = host.events.on('run.progress', (p) => {
        if (p.runId === failed && p.step > 0) {
          off();
          host.pool.killAll();
          resolve();
        }
      });
    });
    await host.runs.waitForFinish(failed);
    expect(((await host.call('runs.get', { runId: failed })) as RunDetail).status).toBe('failed');
    expect(await failure(host.call('exports.start', { exportId: 'nock', runId: failed, format: 'tfjs', path: out('x') }))).toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/no checkpoint.*failed before/),
    });
    expect(existsSync(out('x'))).toBe(false);
  }, 60_000);

  it('cancels an export and leaves nothing behind', async () => {
    const big = await trained({ ...tinyConfig({ epochs: 1, size: 8192 }), name: 'big' });
    const exportId = 'cancel-me';
    let cancelled = false;
    host.events.on('export.progress', (p) => {
      if (p.exportId === exportId && p.phase.startsWith('encoding') && !cancelled) {
        cancelled = true;
        void host.call('exports.cancel', { exportId });
      }
    });
    const result = failure(host.call('exports.start', { exportId, runId: big, format: 'latents-csv', path: out('cancelled') }));
    expect(await result).toMatchObject({ code: 'cancelled', message: expect.stringMatching(/nothing was written/) });
    expect(readdirSync(join(dir.path, 'out')).filter((f) => f.includes('cancelled'))).toEqual([]);
  }, 120_000);

  it('hands a download-mode export over as one .tar.gz, once', async () => {
    const result = await exportRun({ format: 'png', options: { figures: ['reconstructions'], scale: 2 } });
    const { fileName, bytes } = (await host.call('exports.download', { exportId: result.exportId })) as { fileName: string; bytes: Uint8Array };
    expect(fileName).toBe(`run-${runId}-tiny-test-run-png.tar.gz`);
    const archive = join(dir.path, fileName);
    writeFileSync(archive, bytes);
    const unpacked = join(dir.path, 'unpacked');
    mkdirSync(unpacked);
    await extract({ file: archive, cwd: unpacked });
    expect(readdirSync(join(unpacked, `run-${runId}-tiny-test-run-png`)).sort()).toEqual(['latent-lab-export.json', 'reconstructions.png']);
    expect((await failure(host.call('exports.download', { exportId: result.exportId }))).code).toBe('not_found');
  });

  it('exports from the CLI, with --json', async () => {
    await host.close();
    const { stdout } = await execFileAsync(process.execPath, [BIN, 'export', String(runId), '--format', 'tfjs', '--out', out('cli'), '--json', '--data-dir', join(dir.path, 'data')], { timeout: 120_000 });
    const result = JSON.parse(stdout) as ExportResult;
    expect(result.files.map((f) => f.path)).toContain('encoder/model.json');
    const refused = await execFileAsync(process.execPath, [BIN, 'export', String(runId), '--format', 'tfjs', '--out', out('cli'), '--data-dir', join(dir.path, 'data')]).catch((e: { code: number; stderr: string }) => e);
    expect(refused).toMatchObject({ code: 1, stderr: expect.stringMatching(/already exists/) });
  }, 120_000);
});
