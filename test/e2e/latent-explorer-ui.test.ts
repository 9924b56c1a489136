import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../src-shared/contract/api';
import { SCREENSHOTS } from '../helpers/browser';
import { openServeSession, type ServeSession } from '../helpers/serve-session';
import type { startServe } from '../helpers/serve-process';
import { tempDir } from '../helpers/temp-dir';
import { tinyConfig } from '../helpers/tiny-config';

/**
 * The run page's latent space views in Chromium against `latent-lab serve`, for two VAEs trained on sprites through
 * the API (z = 6 with β = 4, and z = 2 for the manifold): every view opened, its controls used, screenshots taken at
 * the usual size and at the window minimum (960×640).
 */
const dir = tempDir('latent-lab-latent-e2e-');
let page: Page;
let session: ServeSession;
let server: Awaited<ReturnType<typeof startServe>>;
let api: ApiClient & { close(): void };
const pageErrors: string[] = [];
const runIds: number[] = [];

const shot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, `latent-${name}.png`), fullPage: true });
const goHash = (hash: string) => page.evaluate(`location.hash = ${JSON.stringify(hash)}`);
const view = (name: string) => page.getByRole('tablist', { name: 'latent space views' }).getByRole('tab', { name, exact: true });
const pixelsOf = (canvas: Locator) => canvas.evaluate((c) => (c as unknown as { toDataURL(): string }).toDataURL());
const overflow = () => page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth') as Promise<number>;

const configs = [
  { ...tinyConfig({ epochs: 4, latentDim: 6, beta: 4 }), name: 'VAE β=4 z=6', model: { family: 'vae', hidden: [64], activation: 'relu', latentDim: 6, likelihood: 'bernoulli' } },
  { ...tinyConfig({ epochs: 3, latentDim: 2 }), name: 'VAE z=2' },
];

beforeAll(async () => {
  session = await openServeSession(dir.path, pageErrors);
  ({ server, api, page } = session);
  for (const config of configs) runIds.push((await api.call('runs.start', { config })).runId);
  for (const deadline = Date.now() + 150_000; ; ) {
    const runs = await api.call('runs.list', {});
    if (runs.length === configs.length && runs.every((r) => r.status === 'completed')) break;
    const failed = runs.find((r) => !['queued', 'running', 'completed'].includes(r.status));
    if (failed || Date.now() > deadline) throw new Error(`runs did not complete: ${JSON.stringify(runs.map((r) => [r.id, r.status, r.error]))}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}, 200_000);

afterAll(async () => {
  await session?.close();
  dir.remove();
});

describe('latent space views (serve mode, Chromium)', () => {
  it('opens on the interpolation scrub and offers the views this run has', async () => {
    await page.goto(server.url);
    await page.getByRole('navigation', { name: 'main' }).waitFor();
    await goHash(`#/runs/${runIds[0]}/latent`);
    await expect.poll(() => page.getByTestId('frames-drawn').innerText(), { timeout: 30_000 }).toBe('1');
    const tabs = await page.getByRole('tablist', { name: 'latent space views' }).getByRole('tab').allInnerTexts();
    // z = 6: no manifold grid.
    expect(tabs.map((t) => t.trim())).toEqual(['Interpolation', 'Traversals', 'Prior samples', 'Reconstructions', 'Disentanglement']);
    await shot('01-interpolation');
  });

  it('draws traversals sorted by KL with inactive dimensions marked, and follows range, steps and the anchor', async () => {
    await view('Traversals').click();
    const panel = page.getByTestId('traversals-panel');
    const rows = panel.locator('[data-testid=traversal-rows] .row[data-dim]');
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(6);
    const run = await api.call('runs.get', { runId: runIds[0] });
    const dims = await rows.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-dim'))));
    const kl = dims.map((d) => run.final[`kl_dim_${d + 1}`]);
    expect(kl).toEqual([...kl].sort((a, b) => b - a));
    // Every dimension under 0.01 nats is marked inactive (the active-unit criterion may mark more), each with its tag.
    const inactive = await panel.locator('.row.inactive').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-dim'))));
    expect(inactive).toEqual(expect.arrayContaining(dims.filter((_, i) => kl[i] < 0.01)));
    expect(await panel.locator('.row.inactive .tag').count()).toBe(inactive.length);
    await shot('02-traversals');

    const firstRow = rows.first().locator('canvas');
    const before = await firstRow.evaluate((c) => (c as unknown as { width: number }).width);
    await panel.locator('input[name=traversalSteps]').fill('7');
    await panel.locator('input[name=traversalSteps]').press('Enter');
    await panel.locator('input[name=traversalSteps]').blur();
    // 7 images of 28 pixels with one-pixel gaps instead of 11.
    await expect.poll(() => firstRow.evaluate((c) => (c as unknown as { width: number }).width)).toBe(7 * 29 - 1);
    expect(before).toBe(11 * 29 - 1);

    const anchorBefore = await pixelsOf(panel.getByRole('img', { name: 'traversal anchor' }));
    await panel.locator('details.picker summary').click();
    await panel.locator('details.picker .cell[data-index="9"]').click();
    await expect.poll(() => panel.locator('details.picker summary').innerText()).toMatch(/#9/);
    await expect.poll(() => pixelsOf(panel.getByRole('img', { name: 'traversal anchor' }))).not.toBe(anchorBefore);
    await shot('03-traversals-anchor-9');
  });

  it('keeps each view as it was: back on the scrub, it still scrubs', async () => {
    await view('Interpolation').click();
    expect(await page.getByTestId('frames-drawn').innerText()).toBe('1');
    const slider = page.getByRole('slider', { name: 'interpolation t' });
    await slider.focus();
    await page.keyboard.press('Home');
    await expect.poll(() => page.getByTestId('t-value').innerText()).toBe('0.00');
    await expect.poll(() => page.getByTestId('frames-drawn').innerText()).toBe('2');
    // The great circle instead of the line: another frame is decoded, and the formula shown follows.
    await page.keyboard.press('End');
    await expect.poll(() => page.getByTestId('frames-drawn').innerText()).toBe('3');
    await page.getByRole('radio', { name: 'spherical (slerp)' }).check();
    await expect.poll(() => page.getByTestId('frames-drawn').innerText()).toBe('4');
    expect(await page.getByTestId('interpolation-panel').innerText()).toMatch(/sin\(\(1 − t\)Ω\)\/sin Ω/);
    // Save strip: 11 frames from A to B on the chosen path, one PNG row at 4×.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('save-strip').click()]);
    expect(download.suggestedFilename()).toMatch(/^run-\d+-interpolation-\d+-\d+-slerp\.png$/);
    const png = await readFile((await download.path())!);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    // IHDR: width of 11 frames of 28 px with 2 px gaps, times 4; height 28 × 4.
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([(11 * 28 + 10 * 2) * 4, 28 * 4]);
    await view('Traversals').click();
    expect(await page.getByTestId('traversals-panel').locator('details.picker summary').innerText()).toMatch(/#9/);
  });

  it('draws prior samples from a seed: the same seed draws the same grid', async () => {
    await view('Prior samples').click();
    const panel = page.getByTestId('prior-samples-panel');
    const grid = panel.getByRole('img', { name: 'prior samples' });
    await grid.waitFor({ timeout: 20_000 });
    await expect.poll(() => panel.getByTestId('prior-seed').innerText()).toBe('0');
    const seed0 = await pixelsOf(grid);
    await panel.getByRole('button', { name: 'Next seed' }).click();
    await expect.poll(() => panel.getByTestId('prior-seed').innerText()).toBe('1');
    expect(await pixelsOf(grid)).not.toBe(seed0);
    await panel.locator('input[name=priorSeed]').fill('0');
    await panel.locator('input[name=priorSeed]').press('Enter');
    await panel.locator('input[name=priorSeed]').blur();
    await expect.poll(() => panel.getByTestId('prior-seed').innerText()).toBe('0');
    await expect.poll(() => pixelsOf(grid)).toBe(seed0);
    await panel.locator('select[name=priorGrid]').selectOption('16');
    await expect.poll(() => grid.evaluate((c) => (c as unknown as { width: number }).width)).toBe(16 * 29 - 1);
    await shot('04-prior-samples-16');
  });

  it('pages through reconstructions, inputs above outputs', async () => {
    await view('Reconstructions').click();
    const panel = page.getByTestId('reconstructions-panel');
    await expect.poll(() => panel.getByTestId('reconstructions-range').innerText(), { timeout: 20_000 }).toMatch(/images 0–15 of the 32 validation images/);
    expect(await panel.getByRole('img', { name: /^inputs/ }).count()).toBe(2);
    expect(await panel.getByRole('img', { name: /^reconstructions/ }).count()).toBe(2);
    await panel.getByRole('button', { name: 'next page' }).click();
    await expect.poll(() => panel.getByTestId('reconstructions-range').innerText()).toMatch(/images 16–31/);
    expect(await panel.getByRole('button', { name: 'next page' }).isDisabled()).toBe(true);
    await shot('05-reconstructions');
  });

  it('shows the recorded disentanglement scores and their breakdown when scored again', async () => {
    await view('Disentanglement').click();
    const panel = page.getByTestId('disentanglement-panel');
    const run = await api.call('runs.get', { runId: runIds[0] });
    await expect.poll(() => panel.getByTestId('mig-value').innerText(), { timeout: 20_000 }).toBe(run.final.mig.toFixed(3));
    expect(await panel.getByTestId('beta-vae-value').innerText()).toBe(run.final.beta_vae_score.toFixed(3));
    await panel.getByRole('button', { name: /Score again/ }).click();
    await panel.getByTestId('mig-factors').waitFor({ timeout: 60_000 });
    expect(await panel.getByTestId('mig-factors').locator('tbody tr').count()).toBe(5);
    expect(await panel.getByTestId('mig-factors').locator('thead th').count()).toBe(2 + 6 + 1);
    expect(await panel.getByTestId('mig-value').innerText()).toBe(run.final.mig.toFixed(3));
    expect(await panel.getByTestId('disentanglement-cost').innerText()).toMatch(/2,048 sprites for MIG and 200 \+ 100 batches of 64 pairs/);
    await shot('06-disentanglement');
  });

  it('draws the manifold grid of a 2-d latent space', async () => {
    await goHash(`#/runs/${runIds[1]}/latent`);
    await expect.poll(() => page.getByTestId('frames-drawn').innerText(), { timeout: 30_000 }).toBe('1');
    await view('Manifold').click();
    const panel = page.getByTestId('manifold-panel');
    const grid = panel.getByRole('img', { name: 'manifold grid' });
    await grid.waitFor({ timeout: 20_000 });
    expect(await grid.evaluate((c) => (c as unknown as { width: number }).width)).toBe(15 * 29 - 1);
    expect(await panel.innerText()).toMatch(/z₂ = 1\.83[\s\S]*z₂ = -1\.83[\s\S]*z₁ = -1\.83[\s\S]*z₁ = 1\.83/);
    await panel.locator('select[name=manifoldSide]').selectOption('8');
    await expect.poll(() => grid.evaluate((c) => (c as unknown as { width: number }).width)).toBe(8 * 29 - 1);
    await shot('07-manifold');
  });

  it('fits every view in the window minimum, 960×640', async () => {
    await page.setViewportSize({ width: 960, height: 640 });
    for (const [runId, name, testId] of [
      [runIds[1], 'Manifold', 'manifold-panel'],
      [runIds[0], 'Interpolation', 'interpolation-panel'],
      [runIds[0], 'Traversals', 'traversals-panel'],
      [runIds[0], 'Prior samples', 'prior-samples-panel'],
      [runIds[0], 'Reconstructions', 'reconstructions-panel'],
      [runIds[0], 'Disentanglement', 'disentanglement-panel'],
    ] as const) {
      await goHash(`#/runs/${runId}/latent`);
      await view(name).click();
      await page.getByTestId(testId).locator('canvas, [data-testid=mig-value]').first().waitFor({ timeout: 30_000 });
      await page.waitForTimeout(400);
      expect(await overflow(), name).toBeLessThanOrEqual(0);
      await shot(`08-960-${testId}`);
    }
    await page.setViewportSize({ width: 1360, height: 900 });
  }, 120_000);

  it('raised no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
