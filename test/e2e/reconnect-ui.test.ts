import { createServer } from 'node:net';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, SCREENSHOTS } from '../helpers/browser';
import { startServe } from '../helpers/serve-process';
import { tempDir } from '../helpers/temp-dir';

/**
 * A page whose `latent-lab serve` restarts under it: it shows that it is reconnecting, comes back on its own when
 * the server does (same port, same $LATENT_LAB_TOKEN), says plainly when a restarted server has a new token, and
 * logs no console errors through any of it.
 */
const dir = tempDir('latent-lab-e2e-reconnect-');
const TOKEN = 'reconnect-e2e-token-0123456789';
let port: number;
let browser: Browser;
let page: Page;
let server: Awaited<ReturnType<typeof startServe>>;
const pageErrors: string[] = [];

const banner = () => page.getByTestId('connection-banner');
const navButton = (name: string) => page.getByRole('navigation', { name: 'main' }).getByRole('link', { name });
const shot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port: free } = probe.address() as { port: number };
      probe.close(() => resolve(free));
    });
  });
}

beforeAll(async () => {
  port = await freePort();
  server = await startServe(dir.path, { port, token: TOKEN });
  browser = await launchBrowser();
  page = await openPage(browser, pageErrors);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  dir.remove();
});

describe('a page whose server restarts', () => {
  it('connects, with no reconnect banner', async () => {
    expect(server.url).toBe(`http://127.0.0.1:${port}/#token=${TOKEN}`);
    await page.goto(server.url);
    await expect.poll(() => page.getByTestId('backend-badge').innerText(), { timeout: 30_000 }).toMatch(/backend: \w+/);
    expect(await banner().count()).toBe(0);
    // Marks this page: a reload would lose it, so it still being there later shows the page reconnected by itself.
    await page.evaluate(() => ((globalThis as unknown as { reconnectMarker: number }).reconnectMarker = 7));
  });

  it('shows that it is reconnecting while the server is down, retrying with backoff', async () => {
    await server.stop();
    await expect.poll(() => banner().count(), { timeout: 10_000 }).toBe(1);
    expect(await banner().innerText()).toMatch(/^Reconnecting…/);
    await expect.poll(() => banner().innerText(), { timeout: 15_000 }).toMatch(/the server does not answer; tried [3-9] times, trying again/);
    expect(await page.getByTestId('backend-badge').innerText()).toMatch(/· reconnecting/);
    // Moving between screens while the server is down costs no failed requests either (none is logged below).
    await navButton('Runs').click();
    await navButton('Train').click();
    await page.locator('form').getByRole('button', { name: 'Train', exact: true }).waitFor();
    expect(await banner().innerText()).toMatch(/^Reconnecting…/);
    await shot('20-reconnecting');
  });

  it('reconnects by itself when the server is back, and its requests go through again', async () => {
    server = await startServe(dir.path, { port, token: TOKEN });
    await expect.poll(() => banner().count(), { timeout: 20_000 }).toBe(0);
    expect(await page.evaluate(() => (globalThis as unknown as { reconnectMarker?: number }).reconnectMarker)).toBe(7);
    await expect.poll(() => page.getByTestId('backend-badge').innerText(), { timeout: 30_000 }).toMatch(/^backend: \w+$/);
    await navButton('Datasets').click();
    await page.locator('[data-dataset-id="builtin:moons"]').click();
    await expect.poll(() => page.getByRole('heading', { level: 2, name: '2-D two moons' }).count(), { timeout: 15_000 }).toBe(1);
    await shot('21-reconnected');
  });

  it('says the token is refused when the server restarts with a new one, and reconnects once it takes the page’s again', async () => {
    await server.stop();
    server = await startServe(dir.path, { port, token: 'a-different-token-9876543210' });
    await expect.poll(() => banner().innerText(), { timeout: 20_000 }).toMatch(/^Not connected\s+this page’s access token is refused \(a restarted server makes a new one\): open the URL the server printed$/);
    await shot('22-token-refused');
    await server.stop();
    server = await startServe(dir.path, { port, token: TOKEN });
    await expect.poll(() => banner().count(), { timeout: 20_000 }).toBe(0);
    expect(await page.evaluate(() => (globalThis as unknown as { reconnectMarker?: number }).reconnectMarker)).toBe(7);
  }, 90_000);

  it('logged no errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
