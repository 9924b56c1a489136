import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, SCREENSHOTS } from '../helpers/browser';
import { makeImage, write } from '../helpers/image-fixtures';
import { startServe } from '../helpers/serve-process';
import { tempDir } from '../helpers/temp-dir';

/** The datasets screen as a user drives it in a browser against `latent-lab serve`. */
const dir = tempDir('latent-lab-e2e-datasets-');
const folder = join(dir.path, 'shapes');
let browser: Browser;
let page: Page;
let server: Awaited<ReturnType<typeof startServe>>;
const pageErrors: string[] = [];

const shot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });

beforeAll(async () => {
  for (let i = 0; i < 12; i++) write(folder, `bright/b${i}.png`, await makeImage(40 + i, 40, 3, 'png'));
  for (let i = 0; i < 8; i++) write(folder, `dark/d${i}.jpg`, await makeImage(32, 32 + i, 1, 'jpeg'));
  write(folder, 'dark/empty.png', Buffer.alloc(0));
  write(folder, 'dark/notes.txt', 'not an image');
  write(folder, 'bright/half.png', (await makeImage(64, 64, 3, 'png')).subarray(0, 200));
  server = await startServe(join(dir.path, 'data'));
  browser = await launchBrowser();
  page = await openPage(browser, pageErrors);
  await page.goto(server.url);
  await page.getByRole('navigation', { name: 'main' }).getByRole('link', { name: 'Datasets' }).click();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  dir.remove();
});

describe('datasets screen', () => {
  it('lists the built-in generators, with a scatter of a 2-D toy', async () => {
    await page.locator('[data-dataset-id="builtin:spiral"]').click();
    await expect.poll(() => page.getByRole('heading', { level: 2, name: '2-D spiral' }).count()).toBe(1);
    await page.locator('.scatter canvas').waitFor();
    await shot('10-datasets-spiral');
  });

  it('imports a dragged-in folder by path, with classes, thumbnails and every skipped file', async () => {
    await page.locator('input[name=path]').fill(folder);
    await page.locator('select[name=color]').selectOption('rgb');
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await expect.poll(() => page.getByRole('heading', { level: 2, name: 'shapes' }).count(), { timeout: 30_000 }).toBe(1);
    expect(await page.getByTestId('dataset-count').innerText()).toBe('20');
    await expect.poll(() => page.locator('.class-chart canvas').count()).toBe(1);
    expect(await page.locator('.image-grid .cell').count()).toBe(20);
    expect(await page.locator('.image-grid .caption').allInnerTexts()).toEqual(expect.arrayContaining(['bright', 'dark']));
    const skipped = await page.getByRole('table', { name: 'skipped files' }).innerText();
    expect(skipped).toMatch(/dark\/empty\.png\s+empty file \(0 bytes\)/);
    expect(skipped).toMatch(/dark\/notes\.txt\s+not an image file/);
    expect(skipped).toMatch(/bright\/half\.png\s+corrupt or truncated image/);
    await shot('11-datasets-imported-folder');
  });

  it('explains that a browser cannot tell the path of a dropped folder', async () => {
    // A drop as the browser delivers it: a File with a name and no path.
    await page.evaluate(`(() => {
      const transfer = new DataTransfer();
      transfer.items.add(new File(['x'], 'holiday-photos'));
      document.querySelector('.import').dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    })()`);
    await expect.poll(() => page.getByRole('status').innerText()).toMatch(/does not reveal where 'holiday-photos' lives/);
  });

  it('imports real Fashion-MNIST (IDX) with a progress bar', async () => {
    await page.locator('input[name=path]').fill('/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz');
    await page.locator('input[name=name]').fill('Fashion-MNIST test');
    await page.locator('select[name=color]').selectOption('grayscale');
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await expect.poll(() => page.getByRole('heading', { level: 2, name: 'Fashion-MNIST test' }).count(), { timeout: 60_000 }).toBe(1);
    expect(await page.getByTestId('dataset-count').innerText()).toBe('10,000');
    await page.locator('.image-grid canvas').first().waitFor();
    await shot('12-datasets-fashion-mnist');
  });

  it('refuses a bad path, naming it, and adds nothing', async () => {
    const before = await page.locator('.list .item').count();
    await page.locator('input[name=path]').fill(join(dir.path, 'no-such-folder'));
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await expect.poll(() => page.getByTestId('import-error').innerText()).toMatch(/no such file or folder: .*no-such-folder/);
    expect(await page.locator('.list .item').count()).toBe(before);
    await shot('13-datasets-bad-path');
  });

  it('cancels a long import from its progress bar, keeping nothing', async () => {
    const big = join(dir.path, 'big');
    for (let i = 0; i < 300; i++) write(big, `p${i}.jpg`, await makeImage(640, 480, 3, 'jpeg'));
    const before = await page.locator('.list .item').count();
    await page.locator('input[name=path]').fill(big);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await expect.poll(() => page.getByTestId('import-progress').innerText(), { timeout: 20_000 }).toMatch(/decoding · \d+ \/ 300 files/);
    await shot('14-datasets-import-progress');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => page.getByTestId('import-error').innerText()).toMatch(/cancelled; nothing was written/);
    expect(await page.locator('.list .item').count()).toBe(before);
  }, 60_000);

  it('offers the imported datasets on the train screen', async () => {
    await page.getByRole('navigation', { name: 'main' }).getByRole('link', { name: 'Train' }).click();
    const options = () => page.getByLabel('Dataset').locator('option').allInnerTexts();
    await expect.poll(options).toEqual(expect.arrayContaining(['Sprites 28×28', 'shapes (20 samples)', 'Fashion-MNIST test (10000 samples)']));
    // The VAE preset's Bernoulli decoder cannot model the 2-D toys: they are offered, marked, and say why.
    expect(await options()).toContain('2-D spiral — not for this model');
    expect(await page.getByLabel('Dataset').locator('option[value="builtin:spiral"]').getAttribute('title')).toMatch(/a Bernoulli decoder models pixels in \[0, 1\]/);
  });

  it('logged no errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
