import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { extract } from 'tar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../src-shared/contract/api';
import { launchBrowser, openPage, SCREENSHOTS } from '../helpers/browser';
import { startServe } from '../helpers/serve-process';
import { tempDir } from '../helpers/temp-dir';
import { tinyConfig } from '../helpers/tiny-config';
import { connectApi } from '../helpers/ws-api';

/**
 * Exporting from a run's page in serve mode (Chromium): the Export dialog, a PNG export with chosen figures that
 * arrives as a browser download, and a deterministic AE's dialog saying why it has no samples.
 */
const dir = tempDir('latent-lab-export-e2e-');
let browser: Browser;
let page: Page;
let server: Awaited<ReturnType<typeof startServe>>;
let api: ApiClient & { close(): void };
const pageErrors: string[] = [];
let vae: number;
let ae: number;

beforeAll(async () => {
  server = await startServe(dir.path);
  api = await connectApi(server.url);
  vae = (await api.call('runs.start', { config: { ...tinyConfig({ epochs: 2, latentDim: 2 }), name: 'export me' } })).runId;
  const { objective: _objective, ...base } = tinyConfig({ epochs: 1, latentDim: 2 });
  ae = (await api.call('runs.start', { config: { ...base, name: 'plain AE', model: { family: 'ae', hidden: [32], activation: 'relu', latentDim: 2 } } })).runId;
  for (const deadline = Date.now() + 120_000; ; ) {
    const runs = await api.call('runs.list', {});
    if (runs.length === 2 && runs.every((r) => r.status === 'completed')) break;
    if (Date.now() > deadline) throw new Error(`runs did not complete: ${JSON.stringify(runs.map((r) => [r.id, r.status, r.error]))}`);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  browser = await launchBrowser();
  page = await openPage(browser, pageErrors);
}, 180_000);

afterAll(async () => {
  api?.close();
  await browser?.close();
  await server?.stop();
  dir.remove();
});

describe('export from the run page (serve mode, Chromium)', () => {
  it('exports chosen figures as a .tar.gz download, with progress and the files listed', async () => {
    await page.goto(server.url);
    await page.getByRole('navigation', { name: 'main' }).waitFor();
    await page.evaluate((hash) => ((globalThis as unknown as { location: { hash: string } }).location.hash = hash), `#/runs/${vae}`);
    await page.getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByRole('dialog', { name: `Export run #${vae}` });
    await dialog.waitFor();
    await dialog.getByLabel(/Figures as PNG/).check();
    await dialog.getByLabel(/Interpolation strip/).uncheck();
    await dialog.getByLabel(/Scale/).fill('3');
    await page.screenshot({ path: join(SCREENSHOTS, 'export-01-dialog.png') });

    const downloading = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Export…' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe(`run-${vae}-export-me-png.tar.gz`);
    const archive = join(dir.path, download.suggestedFilename());
    await download.saveAs(archive);
    const unpacked = join(dir.path, 'unpacked');
    mkdirSync(unpacked);
    await extract({ file: archive, cwd: unpacked });
    expect(readdirSync(join(unpacked, `run-${vae}-export-me-png`)).sort()).toEqual(['latent-lab-export.json', 'reconstructions.png', 'samples.png', 'traversal.png']);

    const result = dialog.getByTestId('export-result');
    await result.waitFor();
    expect(await result.innerText()).toMatch(new RegExp(`Downloaded run-${vae}-export-me-png\\.tar\\.gz[\\s\\S]*reconstructions\\.png[\\s\\S]*samples\\.png[\\s\\S]*traversal\\.png`));
    await page.screenshot({ path: join(SCREENSHOTS, 'export-02-downloaded.png') });
    await dialog.getByRole('button', { name: 'Close', exact: true }).last().click();
    await expect.poll(() => dialog.count()).toBe(0);
  }, 60_000);

  it('says which figures and formats a run cannot have, and exports its latents', async () => {
    await page.evaluate((hash) => ((globalThis as unknown as { location: { hash: string } }).location.hash = hash), `#/runs/${ae}`);
    await page.getByRole('heading', { name: /plain AE/ }).waitFor();
    await page.getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByRole('dialog', { name: `Export run #${ae}` });
    await dialog.getByLabel(/Figures as PNG/).check();
    expect(await dialog.getByLabel(/Samples from the prior/).isDisabled()).toBe(true);
    expect(await dialog.getByText('(VAEs only)').count()).toBe(1);
    await dialog.getByLabel(/Latents as NumPy/).check();
    await dialog.getByLabel('validation', { exact: true }).check();
    const downloading = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Export…' }).click();
    expect((await downloading).suggestedFilename()).toBe(`run-${ae}-plain-ae-latents-npy.tar.gz`);
    await dialog.getByTestId('export-result').waitFor();
    expect(await dialog.getByTestId('export-result').innerText()).toContain('z.npy');
    await page.screenshot({ path: join(SCREENSHOTS, 'export-03-ae-latents.png') });
    await dialog.getByRole('button', { name: 'Close', exact: true }).last().click();
  }, 60_000);

  it('carries a run to another history: a bundle downloaded from its page, uploaded with Import run…', async () => {
    await page.evaluate((hash) => ((globalThis as unknown as { location: { hash: string } }).location.hash = hash), `#/runs/${vae}`);
    await page.getByRole('heading', { name: /export me/ }).waitFor();
    await page.getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByRole('dialog', { name: `Export run #${vae}` });
    await dialog.getByLabel(/Run bundle/).check();
    const downloading = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Export…' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe(`run-${vae}.llrun`);
    const bundle = join(dir.path, download.suggestedFilename());
    await download.saveAs(bundle);
    await dialog.getByRole('button', { name: 'Close', exact: true }).last().click();

    await page.evaluate((hash) => ((globalThis as unknown as { location: { hash: string } }).location.hash = hash), '#/runs');
    await page.getByRole('button', { name: 'Import run…' }).waitFor();
    await page.getByLabel('run bundle file').setInputFiles(bundle);
    const result = page.getByTestId('import-result');
    await result.waitFor({ timeout: 30_000 });
    expect(await result.innerText()).toMatch(new RegExp(`Imported as run #3 \\(was #${vae} on the source\\), completed`));
    await expect.poll(() => page.locator('tbody tr', { hasText: 'export me' }).count(), { timeout: 10_000 }).toBe(2);
    await page.screenshot({ path: join(SCREENSHOTS, 'export-04-imported.png') });
    const runs = await api.call('runs.list', {});
    const imported = runs.find((r) => r.id === 3)!;
    expect(imported.name).toBe('export me');
    const [a, b] = await Promise.all([api.call('runs.get', { runId: vae }), api.call('runs.get', { runId: 3 })]);
    expect(b.epochs.values).toEqual(a.epochs.values);
    expect(b.steps.values).toEqual(a.steps.values);
    await result.getByRole('link', { name: 'run #3' }).click();
    await page.getByRole('heading', { name: /export me\s*#3/ }).waitFor();
    expect(pageErrors).toEqual([]);
  }, 90_000);
});

