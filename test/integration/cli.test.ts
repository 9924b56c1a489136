import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { makeImage, write } from '../helpers/image-fixtures';
import { tempDir } from '../helpers/temp-dir';
import { tinyConfig } from '../helpers/tiny-config';

const run = promisify(execFile);
const BIN = join(__dirname, '..', '..', 'bin', 'latent-lab.cjs');
let dir: ReturnType<typeof tempDir>;
afterEach(() => dir?.remove());

async function cli(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('latent-lab CLI', () => {
  it('trains from a config file and reports the run as JSON; runs list/show read it back', async () => {
    dir = tempDir();
    const config = join(dir.path, 'run.json');
    writeFileSync(config, JSON.stringify(tinyConfig()));
    const dataDir = join(dir.path, 'data');

    const trained = await cli(['train', '--config', config, '--data-dir', dataDir, '--json']);
    expect(trained.code, trained.stderr).toBe(0);
    const result = JSON.parse(trained.stdout) as { runId: number; status: string; backend: string; final: Record<string, number> };
    expect(result).toMatchObject({ runId: 1, status: 'completed' });
    expect(result.backend).toMatch(/^(tensorflow-gpu|tensorflow|wasm|cpu)$/);
    expect(Object.keys(result.final)).toEqual(
      expect.arrayContaining(['train_loss', 'val_loss', 'val_recon', 'val_kl', 'val_elbo', 'val_iwae', 'active_units', 'psnr', 'kl_dim_1', 'kl_dim_2']),
    );

    const list = JSON.parse((await cli(['runs', 'list', '--json', '--data-dir', dataDir])).stdout) as { id: number; status: string }[];
    expect(list).toMatchObject([{ id: 1, status: 'completed' }]);
    const show = JSON.parse((await cli(['runs', 'show', '1', '--json', '--data-dir', dataDir])).stdout) as {
      config: { model: { latentDim: number } };
      steps: { step: number[] };
    };
    expect(show.config.model.latentDim).toBe(2);
    expect(show.steps.step.length).toBe(14);
  });

  it('uses $LATENT_LAB_HOME when no --data-dir is given', async () => {
    dir = tempDir();
    const out = await cli(['runs', 'list', '--json'], { LATENT_LAB_HOME: dir.path });
    expect(out.code).toBe(0);
    expect(JSON.parse(out.stdout)).toEqual([]);
  });

  it.each([
    ['latent size 0', { model: { ...tinyConfig().model, latentDim: 0 } }, 'model.latentDim'],
    ['β < 0', { objective: { beta: -2 } }, 'objective.beta'],
    ['an unknown dataset', { dataset: { id: 'builtin:nope' } }, 'dataset.id'],
    ['an unknown field', { optimiser: 'adam' }, 'optimiser'],
  ])('refuses a config with %s: names the field, exits non-zero, writes no run', async (_what, patch, field) => {
    dir = tempDir();
    const config = join(dir.path, 'bad.json');
    writeFileSync(config, JSON.stringify({ ...tinyConfig(), ...patch }));
    const out = await cli(['train', '--config', config, '--data-dir', dir.path]);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain(`${field}:`);
    expect(JSON.parse((await cli(['runs', 'list', '--json', '--data-dir', dir.path])).stdout)).toEqual([]);
  });

  it('explains a config file that is missing or not JSON', async () => {
    dir = tempDir();
    const missing = await cli(['train', '--config', join(dir.path, 'nope.json'), '--data-dir', dir.path]);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/cannot read config file .*nope\.json: ENOENT/);
    const broken = join(dir.path, 'broken.json');
    writeFileSync(broken, '{ "model": ');
    const bad = await cli(['train', '--config', broken, '--data-dir', dir.path]);
    expect(bad.stderr).toMatch(/broken\.json is not valid JSON/);
  });

  it('doctor reports the backend it picked and why each better one was skipped', async () => {
    dir = tempDir();
    const out = await cli(['doctor', '--json', '--data-dir', dir.path]);
    expect(out.code, out.stderr).toBe(0);
    const report = JSON.parse(out.stdout) as { ok: boolean; backend: { chosen: string; skipped: { backend: string; reason: string }[] } };
    expect(report.ok).toBe(true);
    const order = ['tensorflow-gpu', 'webgpu', 'tensorflow', 'wasm', 'cpu'];
    expect(report.backend.skipped.map((s) => s.backend)).toEqual(order.slice(0, order.indexOf(report.backend.chosen)));
    for (const s of report.backend.skipped) expect(s.reason.length).toBeGreaterThan(10);
    // This machine (and CI) has Mesa's software Vulkan only: WebGPU finds it, names it and skips it.
    expect(report.backend.skipped.find((s) => s.backend === 'webgpu')?.reason).toMatch(/^the WebGPU adapter is a software one \(llvmpipe.*\): skipped, .* LATENT_LAB_BACKEND=webgpu uses it anyway$/);

    const forced = JSON.parse((await cli(['doctor', '--json', '--data-dir', dir.path], { LATENT_LAB_BACKEND: 'cpu' })).stdout) as typeof report;
    expect(forced.backend.chosen).toBe('cpu');
    expect(forced.backend.skipped.find((s) => s.backend === 'wasm')?.reason).toMatch(/LATENT_LAB_BACKEND=cpu/);
  });

  it('trains on webgpu in the built trainer process when asked by name (Dawn loads from node_modules)', async () => {
    dir = tempDir();
    const config = join(dir.path, 'run.json');
    writeFileSync(config, JSON.stringify(tinyConfig({ epochs: 1 })));
    const trained = await cli(['train', '--config', config, '--data-dir', join(dir.path, 'data'), '--json'], { LATENT_LAB_BACKEND: 'webgpu' });
    expect(trained.code, trained.stderr).toBe(0);
    const result = JSON.parse(trained.stdout) as { status: string; backend: string; final: Record<string, number> };
    expect(result).toMatchObject({ status: 'completed', backend: 'webgpu' });
    expect(Number.isFinite(result.final.val_elbo)).toBe(true);
  });

  it('imports, lists, shows and deletes datasets', async () => {
    dir = tempDir();
    const imported = await cli(['datasets', 'import', '/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz', '--name', 'fm', '--data-dir', dir.path, '--json']);
    expect(imported.code, imported.stderr).toBe(0);
    const dataset = JSON.parse(imported.stdout) as { id: string; count: number; classes: string[]; source: string };
    expect(dataset).toMatchObject({ count: 10_000, source: 'idx' });
    expect(dataset.classes).toHaveLength(10);

    const list = JSON.parse((await cli(['datasets', 'list', '--json', '--data-dir', dir.path])).stdout) as { id: string; builtin: boolean }[];
    expect(list.filter((d) => !d.builtin).map((d) => d.id)).toEqual([dataset.id]);
    const show = JSON.parse((await cli(['datasets', 'show', dataset.id, '--json', '--data-dir', dir.path])).stdout) as { name: string; skipped: unknown[] };
    expect(show).toMatchObject({ name: 'fm', skipped: [] });

    expect((await cli(['datasets', 'delete', dataset.id, '--data-dir', dir.path])).code).toBe(0);
    const missing = await cli(['datasets', 'show', dataset.id, '--data-dir', dir.path]);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/does not exist/);
  });

  it('fails an import of an empty folder with the reason and a non-zero exit', async () => {
    dir = tempDir();
    const empty = join(dir.path, 'empty');
    mkdirSync(empty);
    const out = await cli(['datasets', 'import', empty, '--data-dir', join(dir.path, 'data')]);
    expect(out.code).not.toBe(0);
    expect(out.stderr).toMatch(/no images found in/);
  });

  it('stops a run cleanly on Ctrl-C in a terminal (the whole process group gets SIGINT), keeping its weights', async () => {
    dir = tempDir();
    const config = join(dir.path, 'long.json');
    writeFileSync(config, JSON.stringify(tinyConfig({ epochs: 300, size: 512 })));
    const child = spawn(process.execPath, [BIN, 'train', '--config', config, '--data-dir', dir.path, '--json'], { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // Wait until the run has written its first checkpoint, then press Ctrl-C.
    await expect.poll(() => existsSync(join(dir.path, 'runs', '1', 'checkpoint.json')), { timeout: 30_000 }).toBe(true);
    process.kill(-(child.pid as number), 'SIGINT');
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    const result = JSON.parse(stdout) as { status: string; error: string | null };
    expect(result, stderr).toMatchObject({ status: 'stopped', error: null });
    expect(code).toBe(1);
    const show = JSON.parse((await cli(['runs', 'show', '1', '--json', '--data-dir', dir.path])).stdout) as { hasWeights: boolean; status: string };
    expect(show).toMatchObject({ status: 'stopped', hasWeights: true });
  });

  it('cancels an import on Ctrl-C, keeping nothing', async () => {
    dir = tempDir();
    const folder = join(dir.path, 'photos');
    for (let i = 0; i < 250; i++) write(folder, `p${i}.jpg`, await makeImage(640, 480, 3, 'jpeg'));
    const dataDir = join(dir.path, 'data');
    const child = spawn(process.execPath, [BIN, 'datasets', 'import', folder, '--data-dir', dataDir], { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // Wait until the import has started writing into its temporary folder, then press Ctrl-C.
    await expect.poll(() => existsSync(join(dataDir, 'latent-lab.sqlite')), { timeout: 20_000 }).toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    process.kill(-(child.pid as number), 'SIGINT');
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).not.toBe(0);
    expect(stderr).toMatch(/cancelled; nothing was written/);
    const list = JSON.parse((await cli(['datasets', 'list', '--json', '--data-dir', dataDir])).stdout) as { builtin: boolean }[];
    expect(list.filter((d) => !d.builtin)).toEqual([]);
    expect(readdirSync(join(dataDir, 'datasets'))).toEqual([]);
  }, 60_000);
});
