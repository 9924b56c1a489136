import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../src-shared/contract/api';
import { launchBrowser, openPage, SCREENSHOTS } from '../helpers/browser';
import { startServe } from '../helpers/serve-process';
import { tempDir } from '../helpers/temp-dir';
import { tinyConfig } from '../helpers/tiny-config';
import { connectApi } from '../helpers/ws-api';

/**
 * The compare view in a real browser against `latent-lab serve`: three tiny runs (two VAEs that differ in β and
 * latent size, one deterministic AE) trained through the API, then opened at `#/compare/1,2,3`. Overlaid curves,
 * config diff, final/best table, reconstructions and prior samples, and the synchronized latent scrub.
 */
const dir = tempDir('latent-lab-compare-e2e-');
let browser: Browser;
let page: Page;
let server: Awaited<ReturnType<typeof startServe>>;
let api: ApiClient & { close(): void };
const pageErrors: string[] = [];
const runIds: number[] = [];

const shot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
const shotOf = (locator: Locator, name: string) => locator.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
const section = (heading: string) => page.locator('section.panel', { has: page.getByRole('heading', { name: heading, exact: true }) });

const configs = [
  { ...tinyConfig({ epochs: 3, latentDim: 2, beta: 1 }), name: 'VAE β=1 z=2' },
  { ...tinyConfig({ epochs: 3, latentDim: 4, beta: 4 }), name: 'VAE β=4 z=4' },
  (() => {
    const { objective: _objective, ...base } = tinyConfig({ epochs: 3, latentDim: 2 });
    return { ...base, name: 'AE z=2', model: { family: 'ae', hidden: [32], activation: 'relu', latentDim: 2, reconstruction: 'bernoulli' } };
  })(),
];

beforeAll(async () => {
  server = await startServe(dir.path);
  api = await connectApi(server.url);
  for (const config of configs) runIds.push((await api.call('runs.start', { config })).runId);
  // Queued one after another; wait until all three have finished.
  for (const deadline = Date.now() + 150_000; ; ) {
    const runs = await api.call('runs.list', {});
    if (runs.length === 3 && runs.every((r) => r.status === 'completed')) break;
    const failed = runs.find((r) => !['queued', 'running', 'completed'].includes(r.status));
    if (failed || Date.now() > deadline) throw new Error(`runs did not complete: ${JSON.stringify(runs.map((r) => [r.id, r.status, r.error]))}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  browser = await launchBrowser();
  page = await openPage(browser, pageErrors);
}, 200_000);

afterAll(async () => {
  api?.close();
  await browser?.close();
  await server?.stop();
  dir.remove();
});

/** A canvas' pixels as a data URL, to tell frames apart. */
const pixelsOf = (canvas: Locator) => canvas.evaluate((c) => (c as unknown as { toDataURL(): string }).toDataURL());

describe('compare view (serve mode, Chromium)', () => {
  it('opens at #/compare/<ids> with a colour chip, name, family, dataset and status per run', async () => {
    await page.goto(server.url);
    await page.getByRole('navigation', { name: 'main' }).waitFor();
    await page.evaluate((hash) => ((globalThis as unknown as { location: { hash: string } }).location.hash = hash), `#/compare/${runIds.join(',')}`);
    const items = page.getByRole('list', { name: 'compared runs' }).locator('li');
    await expect.poll(() => items.count()).toBe(3);
    await expect.poll(() => items.nth(2).innerText(), { timeout: 60_000 }).toMatch(/AE z=2\s*#3\s*ae · Sprites.*completed/is);
    expect(await items.nth(0).innerText()).toMatch(/VAE β=1 z=2\s*#1\s*vae ·/);
    const chipColours = await items.locator('.chip').evaluateAll((chips) => chips.map((c) => (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }).getComputedStyle(c).backgroundColor));
    expect(new Set(chipColours).size).toBe(3);
  }, 90_000);

  it('overlays every run on each metric panel and marks runs without the metric as absent', async () => {
    const stepPanels = page.getByTestId('step-panels');
    const loss = stepPanels.locator('[data-metric="loss"]');
    const kl = stepPanels.locator('[data-metric="kl"]');
    await loss.locator('canvas').waitFor();
    expect(await loss.getAttribute('data-traces')).toBe('3');
    expect(await kl.getAttribute('data-traces')).toBe('2');
    expect(await kl.locator('.absent').innerText()).toMatch(/Absent in AE z=2 #3/);
    expect(await page.getByTestId('epoch-panels').locator('[data-metric="val_loss"]').getAttribute('data-traces')).toBe('3');

    // Hovering a panel shows every run's value at that step.
    const box = (await loss.locator('canvas').boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.55, box.y + box.height * 0.45);
    const tooltip = loss.locator('.chart-tooltip');
    await expect.poll(() => tooltip.innerText(), { timeout: 5000 }).toMatch(/^step \d+/);
    const text = await tooltip.innerText();
    for (const name of ['VAE β=1 z=2 #1', 'VAE β=4 z=4 #2', 'AE z=2 #3']) expect(text).toContain(name);
    expect(text).toMatch(/: \d{3}\.\d \(raw \d{3}\.\d\)/); // smoothed and raw, 4 significant digits
    await shotOf(loss, 'compare-01a-tooltip');
    await shotOf(section('Curves'), 'compare-01-curves');

    // Shared controls: the epoch axis and log scale redraw every panel.
    await section('Curves').getByLabel('x-axis').first().selectOption('epoch');
    await section('Curves').getByText('log y').first().click();
    const newBox = (await loss.locator('canvas').boundingBox())!;
    await page.mouse.move(newBox.x + newBox.width * 0.3, newBox.y + newBox.height * 0.5);
    await page.mouse.move(newBox.x + newBox.width * 0.55, newBox.y + newBox.height * 0.45, { steps: 5 });
    await expect.poll(() => tooltip.innerText(), { timeout: 10_000 }).toMatch(/^epoch \d/);
    await shotOf(section('Curves'), 'compare-02-curves-epoch-log');
    await section('Curves').getByText('log y').first().click();

    // Relative wall time: every run on its own clock from its first point.
    await section('Curves').getByLabel('x-axis').first().selectOption('time');
    await page.mouse.move(newBox.x + newBox.width * 0.3, newBox.y + newBox.height * 0.5);
    await page.mouse.move(newBox.x + newBox.width * 0.55, newBox.y + newBox.height * 0.45, { steps: 5 });
    await expect.poll(() => tooltip.innerText(), { timeout: 10_000 }).toMatch(/^time \d+(\.\d+)? s|^time \d+:\d\d/);
    expect(await loss.getAttribute('data-traces')).toBe('3');
    await shotOf(section('Curves'), 'compare-02b-curves-time');
    await section('Curves').getByLabel('x-axis').first().selectOption('step');
  });

  it('shows only the config keys that differ, and all of them on request', async () => {
    const diff = page.getByTestId('config-diff');
    const keys = () => diff.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-key')));
    const differing = await keys();
    expect(differing).toEqual(expect.arrayContaining(['name', 'model.family', 'model.latentDim', 'objective.beta']));
    expect(differing).not.toContain('training.batchSize');
    expect(await diff.locator('tr[data-key="objective.beta"]').innerText()).toMatch(/objective\.beta\s+1\s+4\s+1/);
    await shotOf(section('Config'), 'compare-03-config-diff');
    await section('Config').getByLabel(/show all \d+ keys/).check();
    expect(await keys()).toContain('training.batchSize');
    expect((await keys()).length).toBeGreaterThan(differing.length);
    await section('Config').getByLabel(/show all \d+ keys/).uncheck();
  });

  it('highlights the best run of each metric row, lower or higher per metric', async () => {
    const table = page.getByTestId('metrics-table');
    const cellsOf = async (metric: string, kind: string) => {
      const row = table.locator(`tr[data-metric="${metric}"][data-kind="${kind}"]`);
      return row.locator('td').evaluateAll((tds) => tds.map((td) => ({ text: td.textContent ?? '', best: td.hasAttribute('data-best'), title: td.getAttribute('title') })));
    };
    const valLoss = await cellsOf('val_loss', 'final');
    const values = valLoss.map((c) => Number(c.title));
    expect(valLoss.filter((c) => c.best)).toHaveLength(1);
    expect(Number(valLoss.find((c) => c.best)!.title)).toBe(Math.min(...values));
    expect(valLoss.find((c) => c.best)!.text).toMatch(/best/);

    const psnr = await cellsOf('psnr', 'final');
    const psnrValues = psnr.map((c) => Number(c.title));
    expect(Number(psnr.find((c) => c.best)!.title)).toBe(Math.max(...psnrValues));

    const valKl = await cellsOf('val_kl', 'final');
    expect(valKl[2].text).toBe('absent');
    await shotOf(section('Final and best metrics'), 'compare-04-metrics-table');
  });

  it('shows every run reconstructing the same validation images, and prior samples for the VAEs only', async () => {
    const recon = page.getByTestId('reconstructions');
    for (const id of runIds) await expect.poll(() => recon.locator(`.image-row[data-run-id="${id}"] canvas`).count(), { timeout: 60_000 }).toBe(8);
    expect(await recon.locator('.image-row:not([data-run-id]) canvas').count()).toBe(8); // the inputs, once
    const samples = page.getByTestId('samples');
    await expect.poll(() => samples.locator(`.image-row[data-run-id="${runIds[0]}"] canvas`).count()).toBe(8);
    await expect.poll(() => samples.locator(`.image-row[data-run-id="${runIds[1]}"] canvas`).count()).toBe(8);
    expect(await samples.locator(`.image-row[data-run-id="${runIds[2]}"]`).innerText()).toMatch(/no prior: not a VAE/);
    await shotOf(section('Images'), 'compare-05-images');
  }, 200_000);

  it('moves every run’s frame with one slider (synchronized scrub)', async () => {
    const scrub = section('Synchronized latent scrub');
    const frames = runIds.map((id) => scrub.getByRole('img', { name: `run ${id} decoded frame` }));
    for (const id of runIds) await expect.poll(() => page.getByTestId(`frames-drawn-${id}`).innerText(), { timeout: 60_000 }).not.toBe('0');

    // Anchors from the picker: A = image 3, B = image 9.
    await scrub.locator('.picker .cell[data-index="3"]').click();
    await scrub.locator('.picker .cell[data-index="9"]').click();
    const slider = scrub.getByRole('slider', { name: 'synchronized interpolation t' });
    await slider.focus();
    await page.keyboard.press('Home');
    await expect.poll(() => page.getByTestId('sync-t').innerText()).toBe('0.00');
    // Wait until every run shows its frame decoded at t = 0 (newest wins: the last request sent is decoded).
    for (const frame of frames) await expect.poll(() => frame.getAttribute('data-t'), { timeout: 30_000 }).toBe('0');
    const atA = await Promise.all(frames.map(pixelsOf));
    const drawnAtA = await Promise.all(runIds.map(async (id) => Number(await page.getByTestId(`frames-drawn-${id}`).innerText())));

    const box = (await slider.boundingBox())!;
    await page.mouse.move(box.x + 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width - 2, box.y + box.height / 2, { steps: 30 });
    await page.mouse.up();
    await expect.poll(() => page.getByTestId('sync-t').innerText()).toBe('1.00');
    for (let i = 0; i < frames.length; i++) {
      await expect.poll(() => frames[i].getAttribute('data-t'), { timeout: 30_000 }).toBe('1');
      expect(await pixelsOf(frames[i])).not.toBe(atA[i]);
      expect(Number(await page.getByTestId(`frames-drawn-${runIds[i]}`).innerText())).toBeGreaterThan(drawnAtA[i]);
    }
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('PageDown');
    await page.waitForTimeout(500);
    await shotOf(scrub, 'compare-06-synchronized-scrub');
    await shot('compare-07-whole-page');
    expect(pageErrors).toEqual([]);
  }, 180_000);
});
