import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, SCREENSHOTS } from '../helpers/browser';
import { startServe } from '../helpers/serve-process';
import { tempDir } from '../helpers/temp-dir';

/**
 * The whole walking skeleton as a user does it, in a real browser against `latent-lab serve`:
 * pick dataset and VAE preset, set z and β, train and watch, pause/resume, find the run in the history
 * after a restart, and scrub its latent space. Screenshots of every screen land in test-results/.
 */
const dir = tempDir('latent-lab-e2e-');
let browser: Browser;
let page: Page;
let server: Awaited<ReturnType<typeof startServe>>;
const pageErrors: string[] = [];

const navButton = (name: string) => page.getByRole('navigation', { name: 'main' }).getByRole('link', { name });
const trainButton = () => page.locator('form').getByRole('button', { name: 'Train', exact: true });
const shot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });

beforeAll(async () => {
  server = await startServe(dir.path);
  browser = await launchBrowser();
  page = await openPage(browser, pageErrors);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  dir.remove();
});

describe('Latent Lab in a browser (serve mode)', () => {
  it('shows the train screen with the backend the trainer picked', async () => {
    await page.goto(server.url);
    await trainButton().waitFor();
    await expect.poll(() => page.getByTestId('backend-badge').innerText(), { timeout: 20_000 }).toMatch(/backend: (wasm|cpu|tensorflow)/);
    expect(await page.getByLabel('Dataset').inputValue()).toBe('builtin:sprites');
    await expect.poll(() => page.locator('.image-grid canvas').count()).toBe(24);
    await shot('01-train-screen');
  });

  it('opens the backend badge to say which kernels the trainer runs and why better backends were skipped', async () => {
    await page.getByTestId('backend-badge').locator('summary').click();
    const details = page.getByTestId('backend-badge').locator('.popover');
    await expect.poll(() => details.innerText()).toMatch(/wasm — tfjs-backend-wasm .*Latent Lab SIMD kernels: GEMM/);
    expect(await details.innerText()).toMatch(/tensorflow-gpu skipped: .*tfjs-node-gpu/);
    await shot('01b-backend-details');
    await page.getByTestId('backend-badge').locator('summary').click();
  });

  it('names the bad field and disables Train when the latent size is 0', async () => {
    await page.locator('input[name=latentDim]').fill('0');
    await expect.poll(() => page.locator('.field-error').first().innerText()).toBe('must be at least 1');
    expect(await trainButton().isDisabled()).toBe(true);
    expect(await page.getByTestId('train-blocked').innerText()).toMatch(/Fix the field marked in red/);
    await shot('02-invalid-latent-size');
    await navButton('Runs').click();
    await page.getByText('No runs yet').waitFor();
    await navButton('Train').click();
  });

  it('trains a β-VAE with live curves, progress, pause and resume', async () => {
    await page.locator('input[name=latentDim]').fill('4');
    await page.locator('input[name=beta]').fill('2');
    await page.locator('details[data-section="architecture"] summary').click();
    await page.locator('input[name=hidden]').fill('128');
    await page.locator('input[name=epochs]').fill('12');
    await trainButton().click();

    // 3,686 training images in batches of 64: 58 steps an epoch, 696 in all.
    await expect.poll(() => page.getByTestId('step').innerText(), { timeout: 30_000 }).toMatch(/^[1-9][\d,]* \/ 696$/);
    await page.getByRole('button', { name: 'Pause' }).click();
    await expect.poll(() => page.getByTestId('run-status').innerText()).toBe('paused');
    await expect.poll(() => page.locator('.chart canvas').count()).toBeGreaterThanOrEqual(3);
    const stepWhilePaused = await page.getByTestId('step').innerText();
    await page.waitForTimeout(500);
    expect(await page.getByTestId('step').innerText()).toBe(stepWhilePaused);
    await shot('03-training-paused');

    await page.getByRole('button', { name: 'Resume' }).click();
    await expect.poll(() => page.getByTestId('run-status').innerText(), { timeout: 90_000 }).toBe('completed');
    expect(await page.getByTestId('step').innerText()).toBe('696 / 696');
    expect(await page.getByTestId('epoch').innerText()).toBe('12 / 12');
    await expect.poll(() => page.locator('.chart canvas').count()).toBeGreaterThanOrEqual(4);
    await shot('04-training-done');
  }, 120_000);

  it('keeps the run in the history across a restart of the app', async () => {
    await server.stop();
    server = await startServe(dir.path);
    await page.goto('about:blank');
    await page.goto(server.url);
    await navButton('Runs').click();
    const row = page.locator('tr[data-run-id="1"]');
    await row.waitFor();
    expect(await row.innerText()).toMatch(/completed/);
    expect(await row.innerText()).toMatch(/Sprites 28×28\s+4\s+2/); // dataset by name, then z and β
    await shot('05-run-history');

    await row.locator('td.name').getByRole('link').click();
    await expect.poll(() => page.locator('.chart canvas').count()).toBe(2);
    expect(await page.locator('.meta').innerText()).toMatch(/Sprites 28×28 · VAE MLP 128 · z=4 · β = 2/);
    await shot('06-run-curves-after-restart');
  });

  it('scrubs the latent interpolation with frames decoded live', async () => {
    await page.getByRole('tab', { name: 'Latent space' }).click();
    await expect.poll(() => page.getByTestId('frames-drawn').innerText(), { timeout: 20_000 }).toBe('1');
    const decoded = page.getByRole('img', { name: 'decoded interpolation' });
    const frameAt = () => decoded.evaluate((c) => (c as unknown as { toDataURL(): string }).toDataURL());

    await page.locator('.latent .cell[data-index="7"]').click(); // endpoint A
    await page.locator('.latent .cell[data-index="12"]').click(); // endpoint B
    const slider = page.getByRole('slider', { name: 'interpolation t' });
    await slider.focus();
    await page.keyboard.press('Home');
    await expect.poll(() => page.getByTestId('t-value').innerText()).toBe('0.00');
    const atA = await frameAt();

    // Drag the thumb across the track: many input events while the mouse moves.
    const box = (await slider.boundingBox())!;
    await page.mouse.move(box.x + 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width - 2, box.y + box.height / 2, { steps: 40 });
    await page.mouse.up();
    await expect.poll(() => page.getByTestId('t-value').innerText()).toBe('1.00');
    await page.waitForTimeout(500);
    const atB = await frameAt();
    expect(atB).not.toBe(atA);
    expect(Number(await page.getByTestId('frames-drawn').innerText())).toBeGreaterThan(2);

    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => page.getByTestId('t-value').innerText()).toBe('0.99');
    await page.keyboard.press('PageDown');
    await page.waitForTimeout(300);
    await shot('07-latent-scrub');
  });

  it('trains the PCA baseline from its preset and shows its own metrics', async () => {
    await navButton('Train').click();
    await page.getByLabel('Model preset').selectOption('pca');
    expect(await page.locator('input[name=beta]').count()).toBe(0); // β belongs to VAEs only
    await page.locator('input[name=latentDim]').fill('8');
    await trainButton().click();
    await expect.poll(() => page.getByTestId('run-status').innerText(), { timeout: 60_000 }).toBe('completed');
    await navButton('Runs').click();
    await page.locator('tr[data-run-id="2"] td.name').getByRole('link').click();
    await expect.poll(() => page.locator('.finals').innerText()).toMatch(/EXPLAINED VAR\.\s+0\.\d{3}/i);
    expect(await page.locator('.meta').innerText()).toMatch(/Sprites 28×28 · PCA k=8 ·/);
    await shot('08-pca-baseline');
  }, 90_000);

  it('stops a convolutional run and resumes it from its checkpoint', async () => {
    await navButton('Train').click();
    await page.getByLabel('Model preset').selectOption('conv-ae');
    await page.locator('details[data-section="architecture"] summary').click();
    await expect.poll(() => page.locator('.config').innerText()).toMatch(/Layers from the preset's spec \(3 encoder, 4 decoder\)/);
    await page.locator('input[name=epochs]').fill('3');
    await trainButton().click();
    // Stop after the first epoch's checkpoint.
    await expect.poll(() => page.getByTestId('epoch').innerText(), { timeout: 90_000 }).toMatch(/^2 \/ 3$/);
    await page.getByRole('button', { name: 'Stop' }).click();
    await expect.poll(() => page.getByTestId('run-status').innerText(), { timeout: 30_000 }).toBe('stopped');
    await navButton('Runs').click();
    await page.locator('tr[data-run-id="3"] td.name').getByRole('link').click();
    await page.getByRole('button', { name: 'Resume training' }).click();
    await expect.poll(() => page.getByTestId('run-status').innerText(), { timeout: 120_000 }).toBe('completed');
    expect(await page.getByTestId('epoch').innerText()).toBe('3 / 3');
    await shot('09-conv-ae-resumed');
  }, 240_000);

  it('logged no errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
