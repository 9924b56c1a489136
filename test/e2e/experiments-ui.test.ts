import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, SCREENSHOTS } from '../helpers/browser';
import { startServe } from '../helpers/serve-process';
import { tempDir } from '../helpers/temp-dir';

/**
 * Experiments in a real browser against `latent-lab serve`: queue runs while one trains and reorder or cancel
 * them, change how many train at once, queue a 2×2 sweep from the train form and read its page, and work the
 * runs table (sort, filter, select, rename, tags, delete, compare). Screens are addressable (#/runs/7): back,
 * forward and reload keep the place. Screenshots land in test-results/.
 */
const dir = tempDir('latent-lab-experiments-');
let browser: Browser;
let page: Page;
let server: Awaited<ReturnType<typeof startServe>>;
const pageErrors: string[] = [];

const navButton = (name: string) => page.getByRole('navigation', { name: 'main' }).getByRole('link', { name });
const trainButton = () => page.locator('form').getByRole('button', { name: 'Train', exact: true });
const shot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, `experiments-${name}.png`), fullPage: true });
const hash = () => page.evaluate(() => (globalThis as unknown as { location: { hash: string } }).location.hash);
const queuePanel = () => page.getByTestId('queue-panel');
const waitingIds = async () =>
  queuePanel()
    .locator('[data-queued-run-id]')
    .evaluateAll((items) => items.map((li) => Number(li.getAttribute('data-queued-run-id'))));
const tableIds = (scope = page.locator('body')) =>
  scope.locator('table[aria-label="run history"] tbody tr').evaluateAll((rows) => rows.map((tr) => Number(tr.getAttribute('data-run-id'))));

/** Opens one of the train form's collapsed sections (a no-op when it is open). */
async function openSection(id: string): Promise<void> {
  const section = page.locator(`details[data-section="${id}"]`);
  if (!(await section.evaluate((d) => d.hasAttribute('open')))) await section.locator('summary').click();
}

/** Fills the train form with a small MLP VAE. */
async function fillForm(epochs: number, latentDim = 2): Promise<void> {
  await page.locator('input[name=latentDim]').fill(String(latentDim));
  await page.locator('input[name=beta]').fill('1');
  await openSection('architecture');
  await page.locator('input[name=hidden]').fill('32');
  await page.locator('input[name=epochs]').fill(String(epochs));
}

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

describe('experiments in a browser (serve mode)', () => {
  it('takes the token from the URL and shows the Train screen at its own address', async () => {
    await page.goto(server.url);
    await trainButton().waitFor();
    expect(await hash()).toBe('#/train');
    expect(page.url()).not.toContain('token=');
  });

  it('queues runs pressed while one trains, and reorders and cancels them', async () => {
    await fillForm(200);
    await trainButton().click();
    await expect.poll(() => page.getByTestId('run-status').innerText(), { timeout: 30_000 }).toBe('running');
    // Paused, the run keeps its trainer (new runs wait for it) and the live charts stay still on a busy machine.
    await page.getByRole('button', { name: 'Pause' }).click();
    await expect.poll(() => page.getByTestId('run-status').innerText()).toBe('paused');

    await page.locator('input[name=seed]').fill('1');
    await trainButton().click();
    await expect.poll(() => page.getByTestId('queued-note').innerText()).toBe('Queued as #2 (1 ahead: 1 paused)');
    await page.locator('input[name=seed]').fill('2');
    await trainButton().click();
    await expect.poll(() => page.getByTestId('queued-note').innerText()).toBe('Queued as #3 (2 ahead: 1 paused, 1 waiting)');
    // The run on screen is still the one training; the compact queue lists the waiting ones in order.
    expect(await page.locator('.progress-panel h2').innerText()).toMatch(/#1$/);
    await expect.poll(waitingIds).toEqual([2, 3]);
    await queuePanel().getByRole('button', { name: 'move run 3 up' }).click();
    await expect.poll(waitingIds).toEqual([3, 2]);
    await shot('20-train-with-queue');

    await navButton('Runs').click();
    expect(await hash()).toBe('#/runs');
    await expect.poll(waitingIds).toEqual([3, 2]);
    await queuePanel().getByRole('button', { name: 'cancel run 2' }).click();
    await expect.poll(waitingIds).toEqual([3]);
    await expect.poll(() => page.locator('tr[data-run-id="2"]').innerText()).toMatch(/stopped/);
    await shot('21-runs-queue-panel');

    // Two at once: the waiting run starts beside the one training.
    await queuePanel().getByLabel('runs at once').selectOption('2');
    await expect.poll(waitingIds, { timeout: 20_000 }).toEqual([]);
    await expect.poll(() => queuePanel().getByRole('list', { name: 'training now' }).locator('li').count(), { timeout: 30_000 }).toBe(2);
    await shot('21b-two-at-once');
    await queuePanel().getByLabel('runs at once').selectOption('1');

    // Stop both from the queue panel, so the sweep below has the trainer.
    await queuePanel().getByRole('button', { name: 'stop run 1' }).click();
    await queuePanel().getByRole('button', { name: 'stop run 3' }).click();
    await expect.poll(() => page.locator('tr[data-run-id="1"]').innerText(), { timeout: 30_000 }).toMatch(/stopped/);
    await expect.poll(() => page.locator('tr[data-run-id="3"]').innerText(), { timeout: 30_000 }).toMatch(/stopped/);
    await expect.poll(() => queuePanel().innerText()).toMatch(/Nothing training or waiting/);
  }, 120_000);

  it('queues a 2×2 sweep from the train form, checked before it is sent', async () => {
    await navButton('Train').click();
    await fillForm(1);
    await page.getByRole('button', { name: 'Sweep…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Sweep' });
    await dialog.waitFor();
    // β is offered first; a bad value is named before anything is sent.
    await dialog.getByLabel('objective.beta values', { exact: true }).fill('0.5, -1');
    await expect.poll(() => dialog.locator('[data-field="objective.beta"] .field-error').innerText()).toMatch(/objective\.beta = -1: must be at least 0/);
    expect(await dialog.getByRole('button', { name: 'Queue sweep' }).isDisabled()).toBe(true);
    await shot('22a-sweep-dialog-issue');
    await dialog.getByLabel('objective.beta values', { exact: true }).fill('0.5, 4');
    await dialog.locator('select[name=addField]').selectOption('model.latentDim');
    await dialog.getByLabel('model.latentDim values', { exact: true }).fill('2, 4');
    await dialog.locator('select[name=addField]').selectOption('dataset.size');
    await dialog.getByLabel('dataset.size values', { exact: true }).fill('256');
    await dialog.locator('input[name=sweepName]').fill('β × z, tiny');
    await expect.poll(() => dialog.getByTestId('sweep-size').innerText()).toBe('4 runs (2 × 2 × 1)');
    await shot('22-sweep-dialog');
    await dialog.getByRole('button', { name: 'Queue sweep' }).click();
    await expect.poll(hash).toBe('#/sweeps/1');
  });

  it('shows the sweep page with its progress, charts and runs once it finishes', async () => {
    await expect.poll(() => page.getByTestId('count-done').innerText(), { timeout: 120_000 }).toBe('4');
    expect(await page.getByTestId('count-failed').innerText()).toBe('0');
    expect(await page.getByTestId('count-queued').innerText()).toBe('0');
    await expect.poll(() => page.getByTestId('sweep-lines').locator('canvas').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('sweep-parallel').locator('canvas').count()).toBeGreaterThan(0);
    const sweepRuns = page.locator('.sweep-view');
    await expect.poll(() => tableIds(sweepRuns)).toHaveLength(4);
    await page.waitForTimeout(300);
    await shot('23-sweep-page');

    await page.getByRole('radio', { name: 'Heatmap' }).check();
    await expect.poll(() => page.getByTestId('sweep-heatmap').locator('canvas').count()).toBeGreaterThan(0);
    await page.waitForTimeout(300);
    await page.locator('.sweep-chart').screenshot({ path: join(SCREENSHOTS, 'experiments-24-sweep-heatmap.png') });

    // A reload keeps the place (the token stays in this tab's session).
    await page.reload();
    await expect.poll(() => page.getByTestId('count-done').innerText(), { timeout: 20_000 }).toBe('4');
    expect(await hash()).toBe('#/sweeps/1');

    // The list of sweeps, reachable from the Runs screen, leads back to the page.
    await page.locator('.crumbs').getByRole('link', { name: 'Sweeps' }).click();
    expect(await hash()).toBe('#/sweeps');
    const row = page.locator('tr[data-sweep-id="1"]');
    await expect.poll(() => row.innerText()).toMatch(/β × z, tiny\s+grid\s+objective\.beta × model\.latentDim × dataset\.size\s+4\s+4 done of 4/);
    await shot('23b-sweeps-list');
    await row.getByRole('link', { name: 'β × z, tiny' }).click();
    await expect.poll(hash).toBe('#/sweeps/1');
  }, 150_000);

  it('sorts, filters, selects and compares runs in the table', async () => {
    await navButton('Runs').click();
    const table = page.locator('table[aria-label="run history"]');
    await expect.poll(() => tableIds()).toEqual([7, 6, 5, 4, 3, 2, 1]); // newest first by default

    // Sort by the β column, on the host; ties keep newest first.
    await table.locator('th button[data-sort-key="beta"]').click();
    await expect.poll(() => table.locator('th[aria-sort="ascending"]').innerText()).toMatch(/β/);
    // The grid's first field varies slowest: #4 β=0.5 z=2, #5 β=0.5 z=4, #6 β=4 z=2, #7 β=4 z=4; #1–#3 have β = 1.
    await expect.poll(() => tableIds()).toEqual([5, 4, 3, 2, 1, 7, 6]);

    // A metric sorts best first (lower val loss), runs without it last, never as zero.
    await table.locator('th button[data-sort-key="final.val_loss"]').click();
    await expect.poll(() => table.locator('th[aria-sort="ascending"]').innerText()).toMatch(/VAL LOSS/);
    const valLossColumn = (await table.locator('th').allInnerTexts()).findIndex((t) => /^VAL LOSS/.test(t.trim()));
    await expect
      .poll(async () => (await tableIds()).slice(4))
      .toEqual([3, 2, 1]);
    const losses = (await table.locator(`tbody tr td:nth-child(${valLossColumn + 1})`).allInnerTexts()).map((t) => t.trim());
    expect(losses.slice(4)).toEqual(['–', '–', '–']);
    const numbers = losses.slice(0, 4).map(Number);
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    await table.locator('th button[data-sort-key="beta"]').click();
    await expect.poll(() => tableIds()).toEqual([5, 4, 3, 2, 1, 7, 6]);

    // Text filter (debounced) and the sweep filter.
    await page.getByLabel('filter runs').fill('latentDim=4');
    await expect.poll(() => tableIds()).toHaveLength(2);
    await page.getByLabel('filter runs').fill('');
    await page.getByLabel('sweep filter').selectOption({ label: 'Sweep #1 β × z, tiny (4 runs)' });
    await expect.poll(() => tableIds()).toHaveLength(4);
    await page.getByLabel('sweep filter').selectOption({ label: 'All runs' });
    await expect.poll(() => tableIds()).toHaveLength(7);

    // A column from the chooser, remembered across a reload.
    await page.locator('.chooser summary').click();
    await page.getByLabel('find a column').fill('best.val_loss');
    await page.locator('.chooser-pop label', { hasText: /^best val loss$/ }).locator('input').check();
    await page.locator('.chooser summary').click();
    await expect.poll(() => table.locator('th').allInnerTexts()).toContain('BEST VAL LOSS');

    // Select with a click and a shift-click range, then compare.
    await table.locator('tr[data-run-id="5"] input[type=checkbox]').click();
    await table.locator('tr[data-run-id="3"] input[type=checkbox]').click({ modifiers: ['Shift'] });
    await expect.poll(() => page.getByTestId('selection-count').innerText()).toBe('3 selected');
    await shot('25-runs-table-selected');
    await page.getByRole('button', { name: 'Compare' }).click();
    await expect.poll(hash).toBe('#/compare/5,4,3'); // in the table's order (β ascending)
    await page.waitForTimeout(1500);
    await shot('26-compare-from-table');

    // Back returns to the table; forward to the comparison; the chosen column survives a reload.
    await page.goBack();
    await expect.poll(hash).toBe('#/runs');
    await page.goForward();
    await expect.poll(hash).toBe('#/compare/5,4,3');
    await page.goBack();
    await page.reload();
    await table.waitFor();
    await expect.poll(() => table.locator('th').allInnerTexts()).toContain('BEST VAL LOSS');
    await expect.poll(() => tableIds()).toEqual([5, 4, 3, 2, 1, 7, 6]);
  }, 60_000);

  it('renames inline, tags and annotates a run, and keyboard works on rows', async () => {
    const table = page.locator('table[aria-label="run history"]');
    await table.locator('tr[data-run-id="4"]').focus();
    await page.keyboard.press('F2');
    await page.getByLabel('rename run 4').fill('β=0.5 z=2 keeper');
    await page.keyboard.press('Enter');
    await expect.poll(() => table.locator('tr[data-run-id="4"] td.name').innerText()).toMatch(/β=0.5 z=2 keeper/);

    await table.locator('tr[data-run-id="4"] td.num').first().click();
    const details = page.getByTestId('run-details');
    await details.waitFor();
    await details.locator('input[name=newTag]').fill('baseline');
    await page.keyboard.press('Enter');
    await details.locator('textarea[name=notes]').fill('Best ELBO of the grid.');
    await details.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => details.innerText()).toMatch(/Saved/);
    await expect.poll(() => table.locator('tr[data-run-id="4"] .tag').innerText()).toBe('baseline');
    await page.getByLabel('filter runs').fill('baseline');
    await expect.poll(() => tableIds()).toEqual([4]);
    await shot('27-run-details');
    await page.getByLabel('filter runs').fill('');
    await expect.poll(() => tableIds()).toHaveLength(7);

    // Space toggles selection on a focused row; Enter opens it.
    await table.locator('tr[data-run-id="1"]').focus();
    await page.keyboard.press('Space');
    await expect.poll(() => table.locator('tr[data-run-id="1"]').getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('Space');
    await page.keyboard.press('Enter');
    await expect.poll(hash).toBe('#/runs/1');
    await page.goBack();
    await table.waitFor();
  });

  it('fills the train form from a run for "Re-run with changes"', async () => {
    const table = page.locator('table[aria-label="run history"]');
    await table.locator('tr[data-run-id="4"] td.num').first().click();
    await page.getByTestId('run-details').getByRole('button', { name: 'Re-run with changes' }).click();
    await expect.poll(hash).toBe('#/train');
    expect(await page.getByTestId('rerun-note').innerText()).toMatch(/Starting from run #4/);
    expect(await page.locator('input[name=latentDim]').inputValue()).toBe('2');
    expect(await page.locator('input[name=beta]').inputValue()).toBe('0.5');
    expect(await page.locator('input[name=epochs]').inputValue()).toBe('1');
    await shot('28-rerun-prefilled');
  });

  it('deletes a run after a confirm that says its checkpoints go too', async () => {
    await navButton('Runs').click();
    const table = page.locator('table[aria-label="run history"]');
    await table.locator('tr[data-run-id="2"] input[type=checkbox]').click();
    await page.getByRole('toolbar', { name: 'runs table' }).getByRole('button', { name: 'Delete…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete runs' });
    expect(await dialog.getByTestId('delete-summary').innerText()).toMatch(/Delete 1 run \(#2\)\? Its metrics and checkpoints are deleted too/);
    await shot('29-delete-confirm');
    await dialog.getByRole('button', { name: 'Delete 1 run' }).click();
    await expect.poll(() => tableIds()).toEqual([5, 4, 3, 1, 7, 6]);
  });

  it('says plainly when an address names no screen', async () => {
    await page.evaluate(() => ((globalThis as unknown as { location: { hash: string } }).location.hash = '#/nowhere'));
    await expect.poll(() => page.locator('.not-found h2').innerText()).toBe('No screen at #/nowhere');
  });

  it('logged no errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
