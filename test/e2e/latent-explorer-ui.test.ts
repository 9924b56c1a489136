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
    expect(tabs.map((t) => t.trim())).toEqual(['Interpolation', 'Projector', 'Traversals', 'Prior samples', 'Reconstructions', 'Disentanglement']);
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

  it('projects the codes coloured by shape: hovering shows a point, clicking sets anchor A, UMAP lays them out in a worker', async () => {
    await view('Projector').click();
    const panel = page.getByTestId('projector-panel');
    const chart = panel.getByTestId('projector-chart').locator('canvas').first();
    await chart.waitFor({ timeout: 30_000 });
    await expect.poll(() => panel.getByTestId('projector-summary').innerText()).toMatch(/^32 validation codes \(6-d\), encoded in \d+ ms · PCA in \d+ ms; PC 1 holds \d+\.\d % of the variance, PC 2 \d+\.\d %$/);
    expect(await panel.locator('select[name=projectorColour]').inputValue()).toBe('shape');
    await page.waitForTimeout(300);
    await shot('09-projector-pca');

    // Find a drawn point on the canvas: a saturated pixel inside the plot, away from the white anchor marks.
    const pointAt = () =>
      chart.evaluate((c) => {
        const canvas = c as unknown as { width: number; height: number; clientWidth: number; getContext(k: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } };
        const { width, height } = canvas;
        const data = canvas.getContext('2d').getImageData(0, 0, width, height).data;
        const scale = width / canvas.clientWidth;
        const px = (x: number, y: number) => data.subarray((y * width + x) * 4, (y * width + x) * 4 + 3);
        const white: [number, number][] = [];
        for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) if (px(x, y).every((v) => v > 245)) white.push([x, y]);
        for (let y = Math.round(50 * scale); y < height - 45 * scale; y++) {
          for (let x = Math.round(60 * scale); x < width - 20 * scale; x++) {
            const [r, g, b] = px(x, y);
            if (Math.max(r, g, b) - Math.min(r, g, b) < 80) continue;
            if (white.some(([wx, wy]) => Math.hypot(wx - x, wy - y) < 16 * scale)) continue;
            return { x: x / scale, y: y / scale };
          }
        }
        return null;
      });
    const point = await pointAt();
    expect(point, 'a coloured point on the projector').not.toBeNull();
    await chart.hover({ position: { x: point!.x + 1, y: point!.y + 1 } });
    const hover = panel.getByTestId('projector-hover');
    await expect.poll(() => hover.locator('h4').count(), { timeout: 10_000 }).toBe(1);
    const heading = await hover.locator('h4').innerText();
    expect(heading).toMatch(/^#\d+ · (square|ellipse|triangle|heart)$/);
    const index = Number(/^#(\d+)/.exec(heading)![1]);
    expect(await hover.getByRole('img', { name: 'hovered image' }).count()).toBe(1);
    expect(await hover.getByRole('img', { name: 'its reconstruction' }).count()).toBe(1);
    await shot('10-projector-hover');
    await chart.click({ position: { x: point!.x + 1, y: point!.y + 1 } });
    await expect.poll(() => panel.locator('.click-sets').innerText()).toMatch(new RegExp(`A #${index},`));
    expect(await panel.getByRole('radio', { name: 'B' }).isChecked()).toBe(true);

    // Colour by a continuous factor: a visual map instead of a legend (drawn on the canvas; the chart changes).
    const pca = await pixelsOf(chart);
    await panel.locator('select[name=projectorColour]').selectOption('x');
    await expect.poll(() => pixelsOf(chart)).not.toBe(pca);
    await shot('11-projector-colour-x');

    await panel.locator('select[name=projectorMethod]').selectOption('umap');
    await expect.poll(() => panel.getByTestId('projector-summary').innerText(), { timeout: 60_000 }).toMatch(/UMAP \(15 neighbours, min dist 0\.1, seed 1\)/);
    await expect.poll(() => panel.getByTestId('umap-progress').count(), { timeout: 60_000 }).toBe(0);
    await page.waitForTimeout(300);
    await shot('12-projector-umap');

    // The scrub now starts from the clicked point.
    await view('Interpolation').click();
    await expect.poll(() => page.getByTestId('interpolation-panel').locator('figcaption').first().innerText()).toBe(`A · #${index}`);
  });

  it('finds any validation image in the picker by index or by label', async () => {
    const panel = page.getByTestId('interpolation-panel');
    const picker = panel.getByTestId('validation-picker');
    await expect.poll(() => picker.getByTestId('picker-range').innerText()).toBe('1–32 of 32');
    const endpointB = () => panel.locator('figcaption').last().innerText();
    // Picking alternates A then B: the projector's click set A, so the picker's next pick is A again here.
    await picker.locator('input[name=pickerIndex]').fill('20');
    await picker.locator('input[name=pickerIndex]').press('Enter');
    await expect.poll(() => panel.locator('figcaption').first().innerText()).toBe('A · #20');
    await picker.locator('select[name=pickerLabel]').selectOption('heart');
    await expect.poll(() => picker.getByTestId('picker-range').innerText()).toMatch(/^1–\d+ of \d+ 'heart'$/);
    const labels = await picker.locator('.caption').allInnerTexts();
    expect(labels.length).toBeGreaterThan(0);
    expect(new Set(labels)).toEqual(new Set(['heart']));
    const first = picker.locator('.cell').first();
    const name = (await first.getAttribute('aria-label'))!;
    await first.click();
    await expect.poll(endpointB).toBe(`B · #${/image (\d+)/.exec(name)![1]}`);
    await picker.locator('input[name=pickerIndex]').fill('99');
    await picker.locator('input[name=pickerIndex]').press('Enter');
    await expect.poll(() => picker.getByRole('alert').innerText()).toMatch(/There is no validation image #99: the split has 32 \(0–31\)/);
    await shot('13-picker-hearts');
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
      [runIds[0], 'Projector', 'projector-panel'],
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
