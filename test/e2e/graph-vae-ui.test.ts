import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../src-shared/contract/api';
import type { RunDetail } from '../../src-shared/contract/types';
import { SCREENSHOTS } from '../helpers/browser';
import { openServeSession, type ServeSession } from '../helpers/serve-session';
import { tempDir } from '../helpers/temp-dir';

/**
 * The lecture's GraphVAE in Chromium against `latent-lab serve` (issue 15): its train form (widths, the adjacency
 * decoder and what it means for permutations, generation fields for a set of graphs and the edge split for one),
 * a run on community-small trained from the form, and its report: generated graphs beside held-out ones with their
 * MMD², and the permutation check, flat for the inner-product decoder and spread for the MLP decoder.
 */
const dir = tempDir('latent-lab-e2e-graph-vae-');
let page: Page;
let session: ServeSession;
let api: ApiClient & { close(): void };
const pageErrors: string[] = [];

const shot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, `graph-vae-${name}.png`), fullPage: true });
const goHash = (hash: string) => page.evaluate(`location.hash = ${JSON.stringify(hash)}`);
const mainNav = (name: string) => page.getByRole('navigation', { name: 'main' }).getByRole('link', { name });
const trainButton = () => page.locator('form').getByRole('button', { name: 'Train', exact: true });

async function waitForStatus(runId: number, status: RunDetail['status'], timeoutMs = 240_000): Promise<RunDetail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await api.call('runs.get', { runId });
    if (run.status === status) return run;
    if (run.status === 'failed' && status !== 'failed') throw new Error(`run ${runId} failed: ${run.error}`);
    if (Date.now() > deadline) throw new Error(`run ${runId} is ${run.status}, not ${status}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function runNamed(name: string): Promise<number> {
  await expect.poll(async () => (await api.call('runs.list', {})).some((r) => r.name === name)).toBe(true);
  return (await api.call('runs.list', {})).find((r) => r.name === name)!.id;
}

/** Opens the form's collapsed section (once). */
async function openSection(id: string): Promise<void> {
  const section = page.locator(`details[data-section="${id}"]`);
  if (!(await section.evaluate((d) => (d as unknown as { open: boolean }).open))) await section.locator('summary').click();
}

beforeAll(async () => {
  session = await openServeSession(dir.path, pageErrors);
  ({ api, page } = session);
  await page.setViewportSize({ width: 1360, height: 880 });
  await page.goto(session.server.url);
  await mainNav('Train').click();
}, 60_000);

afterAll(async () => {
  await session?.close();
  dir.remove();
});

describe('the GraphVAE', () => {
  it('has its own train form: widths, the adjacency decoder and its permutation argument, generation fields for a set', async () => {
    await page.locator('select[name=preset] option[value="graph-vae"]').waitFor({ state: 'attached' });
    await page.locator('select[name=preset]').selectOption('graph-vae');
    await expect.poll(() => page.locator('select[name=dataset]').inputValue()).toBe('builtin:community-small');
    await page.locator('input[name=latentDim]').waitFor();
    expect(await page.getByTestId('family-note').innerText()).toMatch(/one graph per step/);
    // Sets and single graphs are both offered.
    for (const id of ['builtin:community-small', 'builtin:sbm', 'builtin:grids']) {
      expect(await page.locator(`select[name=dataset] option[value="${id}"]`).innerText(), id).not.toMatch(/not for this model/);
    }

    await openSection('architecture');
    expect(await page.locator('input[name=encoderHidden]').inputValue()).toBe('32');
    expect(await page.locator('input[name=decoderHidden]').inputValue()).toBe('32');
    expect(await page.locator('input[name=embeddingDim]').inputValue()).toBe('16');
    expect(await page.locator('input[name=adjacencyBias]').isChecked()).toBe(true);
    expect(await page.locator('input[name=permutationSamples]').inputValue()).toBe('16');
    expect(await page.locator('select[name=adjacencyDecoder]').inputValue()).toBe('inner-product');
    expect(await page.locator('[data-note-for=adjacencyDecoder]').innerText()).toMatch(/same under every ordering/);
    for (const name of ['beta', 'batchSize', 'earlyStoppingPatience', 'warmupSteps', 'capacity', 'likelihood', 'hidden', 'gcnHidden', 'datasetSize', 'layerSource']) {
      expect(await page.locator(`[name=${name}]`).count(), name).toBe(0);
    }
    await openSection('data');
    expect(await page.locator('input[name=heldOutGraphs]').inputValue()).toBe('0.2');
    expect(await page.locator('input[name=generatedGraphs]').inputValue()).toBe('64');
    expect(await page.locator('input[name=edgeSplitTest]').count()).toBe(0);

    // One graph: link prediction's edge split instead of the generation fields.
    await page.locator('select[name=dataset]').selectOption('builtin:sbm');
    await page.locator('input[name=edgeSplitTest]').waitFor();
    expect(await page.locator('input[name=generatedGraphs]').count()).toBe(0);
    await expect.poll(() => page.getByTestId('config-summary').innerText()).toMatch(/1,000 nodes, [\d,]+ edges \(5% held out for validation, 10% for test\)/);
    await page.locator('select[name=dataset]').selectOption('builtin:community-small');
    await page.locator('input[name=generatedGraphs]').waitFor();

    await page.locator('input[name=epochs]').fill('8');
    await page.locator('input[name=generatedGraphs]').fill('16');
    await page.locator('input[name=runName]').fill('graphvae community 8 epochs');
    await expect.poll(() => page.getByTestId('config-summary').innerText()).toMatch(/100 graphs \(20% held out\) · 16 generated at the end/);
    await expect.poll(() => trainButton().isDisabled()).toBe(false);
    await page.locator('.preview-graph canvas').waitFor();
    await shot('01-train-form');
    await trainButton().click();
    await runNamed('graphvae community 8 epochs');
  });

  it('shows the run: ELBO curves, then generated graphs beside held-out ones with their MMD², and an invariant ELBO', async () => {
    const id = await runNamed('graphvae community 8 epochs');
    const done = await waitForStatus(id, 'completed');
    expect(done.config.model).toMatchObject({ family: 'graph-vae', generatedGraphs: 16, adjacencyDecoder: 'inner-product' });
    expect(done.final.mmd_degree).toBeGreaterThanOrEqual(0);

    await goHash(`#/runs/${id}/curves`);
    const elbo = page.getByRole('region', { name: 'ELBO per graph, training and held-out, per epoch' });
    await elbo.locator('canvas').waitFor();
    expect(await elbo.getAttribute('data-traces')).toBe('2');
    expect(await page.getByRole('region', { name: 'Held-out ELBO terms, per epoch' }).getAttribute('data-traces')).toBe('3');
    expect(await page.locator('.finals').innerText()).toMatch(/MMD² degree/i);
    expect(await page.locator('[data-tab=posterior]').count()).toBe(0);
    expect(await page.getByTestId('export-button').isDisabled()).toBe(true);
    await shot('02-run-curves');

    await page.locator('[data-tab=latent]').click();
    expect(await page.locator('[data-tab=latent]').innerText()).toBe('Generated graphs and permutations');
    const gallery = page.getByTestId('graph-vae-gallery');
    await expect.poll(() => gallery.locator('[data-gallery=generated] .tile canvas').count()).toBe(12);
    await expect.poll(() => gallery.locator('[data-gallery=real] .tile canvas').count()).toBeGreaterThan(0);
    expect(await gallery.innerText()).toMatch(/16 sampled from the prior/);
    const mmd = await gallery.getByRole('table', { name: 'MMD squared' }).innerText();
    expect(mmd).toMatch(/Degree distribution\s+\S+\s+\S+/);
    expect(mmd).toMatch(/Clustering coefficients\s+\S+\s+\S+/);

    const check = page.getByTestId('permutation-check');
    await check.locator('canvas').waitFor();
    expect(await check.getAttribute('data-invariant')).toBe('true');
    expect(await check.locator('[data-fact=decoder]').innerText()).toMatch(/inner product/);
    expect(await check.getByTestId('permutation-verdict').innerText()).toMatch(/same under every ordering \(here to float tolerance/);
    expect(await check.innerText()).toMatch(/\|S\| = 16/);
    await shot('03-run-generated-graphs');

    await page.setViewportSize({ width: 960, height: 640 });
    await page.waitForTimeout(400);
    await shot('04-run-generated-graphs-960');
    await page.setViewportSize({ width: 1360, height: 880 });
  }, 300_000);

  it('trains the MLP decoder from its preset, whose ELBO changes with the node order', async () => {
    await mainNav('Train').click();
    await page.locator('select[name=preset]').selectOption('graph-vae-mlp');
    await page.locator('input[name=latentDim]').waitFor();
    await openSection('architecture');
    expect(await page.locator('select[name=adjacencyDecoder]').inputValue()).toBe('mlp');
    expect(await page.locator('[data-note-for=adjacencyDecoder]').innerText()).toMatch(/depends on the node ordering/);
    // The MLP reads neither H nor the logit bias.
    expect(await page.locator('input[name=embeddingDim]').count()).toBe(0);
    expect(await page.locator('input[name=adjacencyBias]').count()).toBe(0);
    await openSection('data');
    await page.locator('input[name=epochs]').fill('4');
    await page.locator('input[name=generatedGraphs]').fill('16');
    await page.locator('input[name=runName]').fill('graphvae mlp 4 epochs');
    await expect.poll(() => trainButton().isDisabled()).toBe(false);
    await trainButton().click();

    const id = await runNamed('graphvae mlp 4 epochs');
    await waitForStatus(id, 'completed');
    await goHash(`#/runs/${id}/latent`);
    const check = page.getByTestId('permutation-check');
    await check.locator('canvas').waitFor();
    expect(await check.getAttribute('data-invariant')).toBe('false');
    expect(await check.locator('[data-fact=decoder]').innerText()).toMatch(/MLP/);
    expect(await check.getByTestId('permutation-verdict').innerText()).toMatch(/depends on the ordering.*sums over permutations/s);
    const report = await api.call('runs.graphVae', { runId: id });
    expect(report?.permutation.relativeSpread).toBeGreaterThan(1e-3);
    await shot('05-run-mlp-permutations');
  }, 300_000);

  it('shows a GraphVAE on one graph as link prediction: AUC and AP on 0–1, ROC and precision–recall', async () => {
    const { runId } = await api.call('runs.start', { config: { name: 'graphvae sbm', dataset: { id: 'builtin:sbm' }, model: { family: 'graph-vae' }, training: { epochs: 3 } } });
    await waitForStatus(runId, 'completed');
    await goHash(`#/runs/${runId}/curves`);
    const ranking = page.getByRole('region', { name: 'Validation AUC and AP, per epoch' });
    await ranking.locator('canvas').waitFor();
    expect(await ranking.getAttribute('data-traces')).toBe('2');
    await page.locator('[data-tab=latent]').click();
    expect(await page.locator('[data-tab=latent]').innerText()).toBe('Link prediction and permutations');
    const panel = page.getByTestId('graph-vae');
    await panel.getByRole('region', { name: 'ROC curve' }).locator('canvas').waitFor();
    await panel.getByRole('region', { name: 'precision–recall curve' }).locator('canvas').waitFor();
    expect(await panel.getByRole('region', { name: 'link prediction scores' }).innerText()).toMatch(/Test\s+0\.\d{3}\s+0\.\d{3}/);
    expect(await page.getByTestId('graph-vae-gallery').count()).toBe(0);
    await page.getByTestId('permutation-check').locator('canvas').waitFor();
    await shot('06-run-one-graph');
  }, 300_000);

  it('logged no errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
