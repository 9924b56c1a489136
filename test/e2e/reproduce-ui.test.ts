import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, SCREENSHOTS } from '../helpers/browser';
import { startServe } from '../helpers/serve-process';
import { tempDir } from '../helpers/temp-dir';

/** The Reproduce screen (serve mode, Chromium): run the PCA-30 recipe on real Fashion-MNIST and see it pass its band. */
const dir = tempDir('latent-lab-e2e-reproduce-');
let browser: Browser;
let page: Page;
let server: Awaited<ReturnType<typeof startServe>>;
const pageErrors: string[] = [];

beforeAll(async () => {
  server = await startServe(join(dir.path, 'data'));
  browser = await launchBrowser();
  page = await openPage(browser, pageErrors);
  await page.goto(server.url);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  dir.remove();
});

describe('Reproduce screen', () => {
  it('lists every recipe with its reference band, runs PCA-30 and shows it pass', async () => {
    await page.getByRole('navigation', { name: 'main' }).getByRole('link', { name: 'Reproduce' }).click();
    const pca = page.getByRole('region', { name: 'PCA, k = 30' });
    await pca.waitFor();
    expect(await page.locator('[data-recipe]').count()).toBe(5);
    expect(await pca.innerText()).toMatch(/test_explained_variance[\s\S]*\[0\.81\d\d, 0\.82\d\d\][\s\S]*not run yet/);
    await page.screenshot({ path: join(SCREENSHOTS, 'reproduce-01-list.png'), fullPage: true });
    await pca.getByRole('button', { name: 'Run' }).click();
    await expect.poll(() => pca.getByTestId('recipe-result').innerText(), { timeout: 120_000 }).toMatch(/run #1:\s*0\.81\d\d\s*pass/);
    await page.screenshot({ path: join(SCREENSHOTS, 'reproduce-02-pass.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  }, 180_000);
});
