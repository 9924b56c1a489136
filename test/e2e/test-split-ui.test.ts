import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../src-shared/contract/api';
import { launchBrowser, openPage, SCREENSHOTS } from '../helpers/browser';
import { makeImage, write } from '../helpers/image-fixtures';
import { startServe } from '../helpers/serve-process';
import { tempDir } from '../helpers/temp-dir';
import { connectApi } from '../helpers/ws-api';

/**
 * A test split in the browser (serve mode): imported from the Datasets screen with a test fraction, shown with the
 * dataset's splits, scored at the end of a run and shown apart from the validation numbers on its page.
 */
const dir = tempDir('latent-lab-e2e-test-split-');
const folder = join(dir.path, 'tiles');
let browser: Browser;
let page: Page;
let server: Awaited<ReturnType<typeof startServe>>;
let api: ApiClient & { close(): void };
const pageErrors: string[] = [];
const go = (hash: string) => page.evaluate((h) => ((globalThis as unknown as { location: { hash: string } }).location.hash = h), hash);

beforeAll(async () => {
  for (let i = 0; i < 30; i++) write(folder, `light/l${i}.png`, await makeImage(12 + (i % 5), 12, 1, 'png'));
  for (let i = 0; i < 30; i++) write(folder, `dark/d${i}.png`, await makeImage(12, 12 + (i % 3), 1, 'png'));
  server = await startServe(join(dir.path, 'data'));
  api = await connectApi(server.url);
  browser = await launchBrowser();
  page = await openPage(browser, pageErrors);
  await page.goto(server.url);
}, 60_000);

afterAll(async () => {
  api?.close();
  await browser?.close();
  await server?.stop();
  dir.remove();
});

describe('a fixed test split (serve mode, Chromium)', () => {
  it('imports a folder with a test fraction and shows train / validation / test', async () => {
    await page.getByRole('navigation', { name: 'main' }).getByRole('link', { name: 'Datasets' }).click();
    await page.locator('input[name=path]').fill(folder);
    await page.locator('input[name=testSplit]').fill('0.2');
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await expect.poll(() => page.getByRole('heading', { level: 2, name: 'tiles' }).count(), { timeout: 30_000 }).toBe(1);
    expect((await page.getByTestId('dataset-splits').innerText()).replace(/\s+/g, ' ')).toBe('43 / 5 / 12');
    await page.screenshot({ path: join(SCREENSHOTS, 'test-split-01-dataset.png') });
  }, 60_000);

  it('shows the test metrics of a finished run apart from its validation metrics', async () => {
    const [dataset] = (await api.call('datasets.list', {})).filter((d) => d.name === 'tiles');
    const { runId } = await api.call('runs.start', { config: { name: 'AE on tiles', dataset: { id: dataset.id }, model: { family: 'ae', hidden: [16], latentDim: 2 }, training: { epochs: 2, batchSize: 8 } } });
    for (const deadline = Date.now() + 60_000; (await api.call('runs.get', { runId })).status !== 'completed'; ) {
      if (Date.now() > deadline) throw new Error('the run did not complete');
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    await go(`#/runs/${runId}`);
    const test = page.getByRole('region', { name: 'test split' });
    await test.waitFor();
    expect(await test.innerText()).toMatch(/Test split \(12 images, never trained or validated on/);
    const cells = await test.getByTestId('test-metrics').locator('dt').allTextContents();
    expect(cells).toEqual(expect.arrayContaining(['loss', 'recon', 'PSNR dB']));
    await page.screenshot({ path: join(SCREENSHOTS, 'test-split-02-run.png') });
    expect(pageErrors).toEqual([]);
  }, 90_000);
});
