import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient, RequestInput } from '../../src-shared/contract/api';
import type { RunDetail } from '../../src-shared/contract/types';
import { SCREENSHOTS } from '../helpers/browser';
import { openServeSession, type ServeSession } from '../helpers/serve-session';
import type { startServe } from '../helpers/serve-process';
import { tempDir } from '../helpers/temp-dir';

/**
 * Every option on screen, every screen addressable (issue 12), as a user meets them in Chromium against
 * `latent-lab serve`: the token-less page, a preset trained with the keyboard alone, every advanced option reaching
 * the stored config, a 2-D toy trained from the form with its vector field, the KL heatmap, the run page's controls
 * and its tabs across reload and back/forward, and the layout at the window's minimum size (960×640).
 */
const dir = tempDir('latent-lab-e2e-form-');
let page: Page;
let session: ServeSession;
let server: Awaited<ReturnType<typeof startServe>>;
let api: ApiClient & { close(): void };
const pageErrors: string[] = [];

const trainButton = () => page.locator('form').getByRole('button', { name: 'Train', exact: true });
const shot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, `form-${name}.png`), fullPage: true });
const tokenless = () => server.url.replace(/#.*$/, '');
/** Page-side expressions as strings: this file is type-checked without the DOM's globals. */
const goHash = (hash: string) => page.evaluate(`location.hash = ${JSON.stringify(hash)}`);
const focusedName = () => page.evaluate('document.activeElement?.getAttribute("name") ?? null');

async function waitForStatus(runId: number, status: RunDetail['status'], timeoutMs = 90_000): Promise<RunDetail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await api.call('runs.get', { runId });
    if (run.status === status) return run;
    if (Date.now() > deadline) throw new Error(`run ${runId} is ${run.status}, not ${status}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Does what starts a run (pressing Train by default) and returns the new run's id, found as the run that was not
 * there before: no test assumes the ids earlier tests used, so one failure cannot shift the others.
 */
async function startRun(start: () => Promise<void> = () => trainButton().click()): Promise<number> {
  const before = new Set((await api.call('runs.list', {})).map((r) => r.id));
  await start();
  let started: number | undefined;
  await expect
    .poll(async () => (started = (await api.call('runs.list', {})).find((r) => !before.has(r.id))?.id), { timeout: 20_000, message: 'a new run' })
    .toBeDefined();
  return started as number;
}

/** The id of the run an earlier test started under `name`. */
async function runNamed(name: string): Promise<number> {
  const run = (await api.call('runs.list', {})).find((r) => r.name === name);
  if (!run) throw new Error(`no run named '${name}': the test that starts it failed`);
  return run.id;
}

/** Opens one of the train form's collapsed sections (a no-op when it is open). */
async function openSection(id: string): Promise<void> {
  const section = page.locator(`details[data-section="${id}"]`);
  if (!(await section.evaluate((d) => d.hasAttribute('open')))) await section.locator('summary').click();
}

async function choosePreset(id: string): Promise<void> {
  await page.locator('select[name=preset]').selectOption(id);
}

beforeAll(async () => {
  session = await openServeSession(dir.path, pageErrors);
  ({ server, api, page } = session);
}, 60_000);

afterAll(async () => {
  await session?.close();
  dir.remove();
});

describe('every option on screen, every screen addressable', () => {
  it('says how to get the link on a page opened without its token, and connects when the link is pasted', async () => {
    await page.goto(tokenless());
    const notice = page.getByTestId('token-required');
    await notice.waitFor({ timeout: 20_000 });
    expect(await notice.innerText()).toMatch(/serving at http:\/\/127\.0\.0\.1:\d+\/#token=…/);
    expect(await trainButton().count()).toBe(0);
    await shot('01-token-required');

    // Pasting the printed URL into the address bar changes only the fragment: no reload.
    await page.evaluate('window.marker = 42');
    await goHash(new URL(server.url).hash);
    await trainButton().waitFor({ timeout: 20_000 });
    expect(await page.evaluate('window.marker')).toBe(42);
    expect(await notice.count()).toBe(0);
    expect(page.url()).not.toMatch(/token=/);
  });

  it('trains a preset with the keyboard alone', async () => {
    await page.locator('body').click({ position: { x: 5, y: 600 } });
    // Tab to the preset menu, choose PCA with the arrow keys, then submit from a field with Enter.
    for (let i = 0; i < 20 && (await focusedName()) !== 'preset'; i++) await page.keyboard.press('Tab');
    expect(await focusedName()).toBe('preset');
    // The presets arrive from the host after the page: arrow keys on an empty menu move nothing.
    await page.locator('select[name=preset] option[value=pca]').waitFor({ state: 'attached' });
    for (let i = 0; i < 20 && (await page.locator('select[name=preset]').inputValue()) !== 'pca'; i++) await page.keyboard.press('ArrowDown');
    expect(await page.locator('select[name=preset]').inputValue()).toBe('pca');
    // PCA shows only what PCA has.
    for (const name of ['epochs', 'batchSize', 'learningRate', 'beta', 'optimizer']) expect(await page.locator(`[name=${name}]`).count(), name).toBe(0);
    for (let i = 0; i < 10 && (await focusedName()) !== 'latentDim'; i++) await page.keyboard.press('Tab');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('5');
    const runId = await startRun(() => page.keyboard.press('Enter'));
    const run = await waitForStatus(runId, 'completed');
    expect(run.config.model).toEqual({ family: 'pca', latentDim: 5 });
    await page.getByTestId('pca-note').waitFor();
    expect(await page.getByTestId('rate').count()).toBe(0);
    await shot('02-keyboard-pca');
  });

  it('explains why a dataset does not fit the model instead of hiding it, and disables Train', async () => {
    await choosePreset('vae');
    await page.locator('select[name=dataset]').selectOption('builtin:moons');
    const mismatch = page.getByTestId('dataset-mismatch');
    await expect.poll(() => mismatch.innerText()).toMatch(/a Bernoulli decoder models pixels in \[0, 1\]; 'builtin:moons' holds real-valued vectors \(use 'gaussian'\)/);
    expect(await trainButton().isDisabled()).toBe(true);
    expect(await page.locator('details[data-section="likelihood"]').evaluate((d) => d.hasAttribute('open'))).toBe(true);
    await shot('03-dataset-mismatch');
    await page.locator('select[name=likelihood]').selectOption('gaussian-learned');
    await expect.poll(() => mismatch.count()).toBe(0);
    expect(await trainButton().isDisabled()).toBe(false);
    await page.locator('select[name=dataset]').selectOption('builtin:sprites');
  });

  it('keeps the low-rank Gaussian when PCA or the linear AE is chosen, and trains PCA on it from the form', async () => {
    const datasetMenu = page.locator('select[name=dataset]');
    await datasetMenu.selectOption('builtin:low-rank');
    await choosePreset('pca');
    expect(await datasetMenu.inputValue()).toBe('builtin:low-rank');
    await choosePreset('linear-ae');
    expect(await datasetMenu.inputValue()).toBe('builtin:low-rank');
    await choosePreset('pca');
    expect(await datasetMenu.inputValue()).toBe('builtin:low-rank');
    await page.locator('input[name=latentDim]').fill('3');
    const run = await waitForStatus(await startRun(), 'completed');
    expect(run.config.dataset.id).toBe('builtin:low-rank');
    expect(run.name).toBe('PCA k=3');
    // A preset whose model cannot train on it (a Bernoulli VAE on real-valued vectors) moves to its own dataset.
    await choosePreset('vae');
    expect(await datasetMenu.inputValue()).toBe('builtin:sprites');
  });

  it('sends every advanced option of a VAE into the stored run config', async () => {
    await choosePreset('vae');
    for (const id of ['architecture', 'likelihood', 'kl', 'optimizer', 'data']) await openSection(id);
    const fill = async (name: string, value: string) => page.locator(`input[name=${name}]`).fill(value);
    await fill('runName', 'every option');
    await fill('latentDim', '3');
    await fill('beta', '0.5');
    await fill('epochs', '2');
    await fill('batchSize', '32');
    await fill('learningRate', '0.002');
    await fill('seed', '7');
    await fill('hidden', '32, 16');
    await page.locator('select[name=activation]').selectOption('tanh');
    await page.locator('select[name=likelihood]').selectOption('gaussian');
    await fill('sigma', '0.25');
    await page.locator('select[name=outputActivation]').selectOption('sigmoid');
    await fill('warmupSteps', '10');
    await fill('freeBits', '0.05');
    await fill('iwaeSamples', '3');
    await page.locator('select[name=optimizer]').selectOption('rmsprop');
    await fill('momentum', '0.5');
    await fill('earlyStoppingPatience', '4');
    await fill('datasetSize', '320');
    await fill('validationSplit', '0.2');
    await shot('04-advanced-options');
    const run = await waitForStatus(await startRun(), 'completed');
    expect(run.config).toEqual({
      name: 'every option',
      dataset: { id: 'builtin:sprites', size: 320, validationSplit: 0.2 },
      model: { family: 'vae', latentDim: 3, hidden: [32, 16], activation: 'tanh', outputActivation: 'sigmoid', likelihood: 'gaussian', sigma: 0.25 },
      objective: { beta: 0.5, warmupSteps: 10, freeBits: 0.05, iwaeSamples: 3 },
      training: { epochs: 2, batchSize: 32, learningRate: 0.002, optimizer: 'rmsprop', momentum: 0.5, earlyStoppingPatience: 4, seed: 7 },
    });
  });

  it('sends capacity annealing, which replaces β and the warm-up, and the noise of a DAE', async () => {
    await choosePreset('beta-vae');
    await openSection('kl');
    await page.locator('input[name=capacity]').check();
    // β and the warm-up give way to γ and C.
    expect(await page.locator('input[name=beta]').count()).toBe(0);
    expect(await page.locator('input[name=warmupSteps]').count()).toBe(0);
    await page.locator('input[name=capacityGamma]').fill('50');
    await page.locator('input[name=capacityCMax]').fill('5');
    await page.locator('input[name=capacitySteps]').fill('40');
    await page.locator('input[name=epochs]').fill('1');
    await openSection('data');
    await page.locator('input[name=datasetSize]').fill('256');
    const vae = await waitForStatus(await startRun(), 'completed');
    expect(vae.config.objective).toEqual({ beta: 1, warmupSteps: 0, freeBits: 0, iwaeSamples: 64, capacity: { gamma: 50, cMax: 5, steps: 40 } });
    // Named by what weighs its KL term: C and γ, not the β it ignores.
    expect(vae.name).toBe('VAE z=8 C→5 γ=50');

    await choosePreset('dae');
    await page.locator('select[name=noiseKind]').selectOption('masking');
    expect(await page.locator('input[name=noiseSigma]').count()).toBe(0);
    await page.locator('input[name=noiseP]').fill('0.3');
    await openSection('architecture');
    await page.locator('select[name=reconstruction]').selectOption('bernoulli');
    await page.locator('input[name=epochs]').fill('1');
    await page.locator('input[name=datasetSize]').fill('256');
    const dae = await waitForStatus(await startRun(), 'completed');
    expect(dae.config.model).toMatchObject({ family: 'dae', noise: { kind: 'masking', p: 0.3 }, reconstruction: 'bernoulli' });
  });

  it('shows a run page with the whole config, architecture, timings and backend', async () => {
    await goHash(`#/runs/${await runNamed('every option')}/details`);
    const config = page.getByTestId('run-config');
    await config.waitFor();
    const row = (key: string) => config.locator(`[data-field="${key}"] dd`).innerText();
    expect(await row('freeBits')).toBe('0.05');
    expect(await row('warmupSteps')).toBe('10');
    expect(await row('likelihood')).toBe('Gaussian, fixed σ');
    expect(await row('optimizer')).toBe('RMSprop');
    expect(await row('earlyStoppingPatience')).toBe('4');
    expect(await page.getByTestId('dataset-link').getAttribute('href')).toBe('#/datasets/builtin%3Asprites');
    expect(await page.getByTestId('architecture-table').innerText()).toMatch(/latent_gaussian\s+latent\s+2×3/);
    expect(await page.getByTestId('training-time').innerText()).toMatch(/\d/);
    expect(await page.getByTestId('run-backend').first().innerText()).toMatch(/^(wasm|cpu) — tfjs-backend-(wasm|cpu)/);
    await shot('05-run-details');
  });

  it('draws the KL of each latent dimension over epochs and the active units', async () => {
    await page.locator('[data-tab="posterior"]').click();
    await expect.poll(() => page.url()).toMatch(new RegExp(`#/runs/${await runNamed('every option')}/posterior$`));
    const heatmap = page.getByTestId('kl-heatmap');
    await heatmap.waitFor();
    await expect.poll(() => heatmap.locator('canvas').count()).toBeGreaterThanOrEqual(2);
    expect(await heatmap.innerText()).toMatch(/3 dimensions · epochs 1–2/);
    await shot('06-kl-heatmap');
  });

  it('keeps the run page and its tab across a reload, and moves through tabs with back and forward', async () => {
    await page.locator('[data-tab="details"]').click();
    await page.reload();
    await page.getByTestId('run-config').waitFor();
    expect(await page.locator('[data-tab="details"]').getAttribute('aria-selected')).toBe('true');
    await page.goBack();
    await expect.poll(() => page.locator('[data-tab="posterior"]').getAttribute('aria-selected')).toBe('true');
    await page.goForward();
    await expect.poll(() => page.locator('[data-tab="details"]').getAttribute('aria-selected')).toBe('true');
    await page.getByTestId('dataset-link').click();
    await expect.poll(() => page.locator('.datasets-view .detail h2').first().innerText()).toBe('Sprites 28×28');
    await expect.poll(() => page.url()).toMatch(/#\/datasets\/builtin%3Asprites$/);
    await page.goBack();
    await page.getByTestId('run-config').waitFor();
  });

  it('opens a link in a new tab (Ctrl+click), connected without the token in its address', async () => {
    await goHash(`#/runs/${await runNamed('every option')}/details`);
    await page.getByTestId('run-config').waitFor();
    const [tab] = await Promise.all([page.context().waitForEvent('page'), page.getByTestId('dataset-link').click({ modifiers: ['Control'] })]);
    await tab.waitForLoadState();
    expect(tab.url()).toMatch(/#\/datasets\/builtin%3Asprites$/);
    await expect.poll(() => tab.locator('.datasets-view .detail h2').first().innerText(), { timeout: 20_000 }).toBe('Sprites 28×28');
    expect(await tab.getByTestId('token-required').count()).toBe(0);
    await tab.close();
  });

  it('opens the train form filled with a run\'s config from "Re-run with changes"', async () => {
    const runId = await runNamed('every option');
    await goHash(`#/runs/${runId}/details`);
    await page.getByRole('button', { name: 'Re-run with changes' }).click();
    await expect.poll(() => page.url()).toMatch(/#\/train$/);
    const note = page.getByTestId('rerun-note');
    await note.waitFor();
    expect(await note.innerText()).toMatch(new RegExp(`Starting from run #${runId} every option`));
    // Fields the run changed from its preset's (the VAE's z = 8, 10 epochs, MLP 256-128) show the run's values.
    const latentDim = page.locator('input[name=latentDim]');
    expect(await latentDim.isVisible()).toBe(true);
    expect(await latentDim.inputValue()).toBe('3');
    expect(await page.locator('input[name=epochs]').inputValue()).toBe('2');
    expect(await page.locator('input[name=beta]').inputValue()).toBe('0.5');
    await openSection('architecture');
    expect(await page.locator('input[name=hidden]').inputValue()).toMatch(/^32,\s*16$/);
    await openSection('optimizer');
    expect(await page.locator('select[name=optimizer]').inputValue()).toBe('rmsprop');
    // The name is left to be made anew.
    expect(await page.locator('input[name=runName]').inputValue()).toBe('');
    await shot('07a-rerun-form');
  });

  it('pauses, stops and resumes a run from its own page, and records the resume', async () => {
    const { runId } = await api.call('runs.start', {
      config: { name: 'long', dataset: { id: 'builtin:sprites', size: 4096 }, model: { family: 'ae', latentDim: 4, hidden: [32] }, training: { epochs: 200 } },
    });
    await goHash(`#/runs/${runId}`);
    await waitForStatus(runId, 'running', 30_000);
    await page.getByRole('button', { name: 'Pause' }).click();
    await expect.poll(() => api.call('runs.get', { runId }).then((r) => r.status)).toBe('paused');
    await page.getByRole('button', { name: 'Resume', exact: true }).click();
    await expect.poll(() => api.call('runs.get', { runId }).then((r) => r.status)).toBe('running');
    // Let an epoch end so there is a checkpoint to resume from, then stop.
    await expect.poll(() => api.call('runs.get', { runId }).then((r) => r.hasWeights), { timeout: 60_000 }).toBe(true);
    await page.getByRole('button', { name: 'Stop' }).click();
    await waitForStatus(runId, 'stopped');
    const resume = page.getByRole('button', { name: 'Resume training' });
    await resume.waitFor();
    await shot('07-run-stopped');
    await resume.click();
    await waitForStatus(runId, 'running', 30_000);
    await api.call('runs.stop', { runId });
    await waitForStatus(runId, 'stopped');
    await goHash(`#/runs/${runId}/details`);
    await expect.poll(() => page.getByTestId('resume').count(), { timeout: 20_000 }).toBe(1);
    expect(await page.getByTestId('resume').innerText()).toMatch(/resumed .* from epoch \d+ \(step [\d,]+\) after stop/);
  });

  it('trains a 2-D toy from the form and draws its data, reconstructions and denoising vector field', async () => {
    await goHash('#/train');
    await choosePreset('dae-2d');
    expect(await page.locator('select[name=dataset]').inputValue()).toBe('builtin:moons');
    // Under its heading the preview is drawn, or said to be loading: the heading never stands alone.
    expect(await page.locator('[data-testid=preview-loading], .preview-points').count()).toBe(1);
    await page.locator('input[name=runName]').fill('moons denoiser');
    await page.locator('input[name=epochs]').fill('3');
    expect(await page.locator('select[name=noiseKind]').inputValue()).toBe('gaussian');
    await page.locator('input[name=noiseSigma]').fill('0.2');
    await page.locator('.preview-points canvas').first().waitFor();
    const runId = await startRun();
    const run = await waitForStatus(runId, 'completed');
    expect(run.config.model).toMatchObject({ family: 'dae', noise: { kind: 'gaussian', sigma: 0.2 } });
    expect(run.config.dataset).toEqual({ id: 'builtin:moons', size: 2048, validationSplit: 0.1 });
    await goHash(`#/runs/${runId}/latent`);
    await page.getByTestId('vector-run-panel').waitFor({ timeout: 20_000 });
    await page.getByTestId('dae-vector-field').locator('canvas').first().waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('vector-run-panel').innerText()).not.toMatch(/could not load/);
    await shot('08-toy-vector-field');
  });

  it('closes popovers on Escape (focus back on their button) and on a click outside', async () => {
    const badge = page.getByTestId('backend-badge');
    const isOpen = () => badge.evaluate((d) => d.hasAttribute('open'));
    await badge.locator('summary').click();
    expect(await isOpen()).toBe(true);
    await page.keyboard.press('Escape');
    expect(await isOpen()).toBe(false);
    expect(await page.evaluate('document.activeElement?.tagName')).toBe('SUMMARY');
    await badge.locator('summary').click();
    await page.locator('main').click({ position: { x: 5, y: 5 } });
    expect(await isOpen()).toBe(false);
  });

  it('shows where the keyboard focus is: a focused button has a visible outline', async () => {
    await goHash('#/train');
    await trainButton().waitFor();
    await page.locator('body').click({ position: { x: 5, y: 600 } });
    for (let i = 0; i < 40 && (await page.evaluate('document.activeElement?.tagName')) !== 'BUTTON'; i++) await page.keyboard.press('Tab');
    const style = (await page.evaluate(`(() => {
      const el = document.activeElement;
      const s = getComputedStyle(el);
      return { tag: el.tagName, focusVisible: el.matches(':focus-visible'), style: s.outlineStyle, width: parseFloat(s.outlineWidth), color: s.outlineColor };
    })()`)) as { tag: string; focusVisible: boolean; style: string; width: number; color: string };
    expect(style.tag).toBe('BUTTON');
    expect(style.focusVisible).toBe(true);
    expect(style.style).not.toBe('none');
    expect(style.width).toBeGreaterThanOrEqual(2);
    expect(style.color).not.toMatch(/^rgba\(.*,\s*0\)$|transparent/);
    await shot('13a-focus-visible');
  });

  it('holds its layout at the window minimum, 960×640', async () => {
    await page.setViewportSize({ width: 960, height: 640 });
    const overflow = () => page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth') as Promise<number>;
    const vae = await runNamed('every option');
    for (const [hash, name, ready] of [
      ['#/train', '09-train-960', 'form'],
      [`#/runs/${vae}/details`, '10-run-details-960', '[data-testid=run-config]'],
      [`#/runs/${vae}/posterior`, '11-kl-heatmap-960', '[data-testid=kl-heatmap] canvas'],
      // One epoch: its held-out chart's epoch axis shows just "1"; long chart titles wrap.
      [`#/runs/${await runNamed('VAE z=8 C→5 γ=50')}/curves`, '11a-one-epoch-curves-960', '.chart-card canvas'],
      [`#/runs/${await runNamed('moons denoiser')}/latent`, '12-toy-960', '[data-testid=dae-vector-field] canvas'],
      ['#/runs', '13-runs-960', 'table'],
    ]) {
      await goHash(hash);
      await page.locator(ready).first().waitFor({ timeout: 20_000 });
      await page.waitForTimeout(300);
      expect(await overflow(), hash).toBeLessThanOrEqual(0);
      await shot(name);
    }
    await page.setViewportSize({ width: 1360, height: 900 });
  });

  it('trains one epoch with an architecture saved in the builder, and draws it on the run page', async () => {
    const conv: RequestInput<'architectures.save'>['spec'] = {
      encoder: [
        { type: 'conv2d', filters: 8, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu' },
        { type: 'flatten' },
      ],
      decoder: [
        { type: 'dense', units: 14 * 14 * 8, activation: 'relu' },
        { type: 'reshape', targetShape: [14, 14, 8] },
        { type: 'conv2dTranspose', filters: 1, kernelSize: 3, strides: 2, padding: 'same', activation: 'linear' },
      ],
    };
    const saved = await api.call('architectures.save', { name: 'tiny conv', spec: conv });
    await goHash('#/train');
    await choosePreset('vae');
    await openSection('architecture');
    await page.locator('select[name=layerSource]').selectOption(`saved:${saved.id}`);
    expect(await page.getByTestId('layer-spec-note').innerText()).toMatch(/Layers of the saved architecture tiny conv \(2 encoder, 3 decoder\)/);
    expect(await page.locator('input[name=hidden]').count()).toBe(0);
    await page.locator('input[name=epochs]').fill('1');
    await openSection('data');
    await page.locator('input[name=datasetSize]').fill('256');
    const run = await waitForStatus(await startRun(), 'completed');
    expect(run.config.model).toMatchObject({ family: 'vae', encoder: [{ type: 'conv2d', filters: 8 }, { type: 'flatten' }] });
    await goHash(`#/runs/${run.id}/details`);
    const diagram = page.getByTestId('architecture-diagram');
    await diagram.waitFor({ timeout: 20_000 });
    await expect.poll(() => diagram.locator('[data-node-id]').count()).toBeGreaterThanOrEqual(8);
    await shot('14-run-architecture-diagram');

    // On a dataset of another size the saved architecture is flagged, not adapted.
    await goHash('#/train');
    await page.locator('select[name=dataset]').selectOption('builtin:moons');
    await expect.poll(() => trainButton().isDisabled()).toBe(true);
    await page.locator('select[name=dataset]').selectOption('builtin:sprites');
  });

  it('opens the builder on the form\'s own layers from "Edit architecture"', async () => {
    await goHash('#/train');
    await choosePreset('conv-ae');
    await openSection('architecture');
    await page.getByRole('button', { name: 'Edit architecture in the builder…' }).click();
    await expect.poll(() => page.url()).toMatch(/#\/builder$/);
    await page.getByTestId('builder-canvas').waitFor();
    await expect.poll(() => page.getByTestId('builder-canvas').locator('[data-node-id]').count()).toBeGreaterThanOrEqual(9);
    expect(await page.getByTestId('builder-ok').innerText()).toMatch(/Fits 28×28×1/);
    await shot('15-builder-from-form');
  });

  it('raised no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
