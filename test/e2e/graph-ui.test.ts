import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../src-shared/contract/api';
import type { RunDetail } from '../../src-shared/contract/types';
import { SCREENSHOTS } from '../helpers/browser';
import { edgeRows, labelsCsv, sbmFixture, sparseFeatureCsv } from '../helpers/graph-fixtures';
import { openServeSession, type ServeSession } from '../helpers/serve-session';
import { tempDir } from '../helpers/temp-dir';

/**
 * Graph datasets and graph autoencoders in Chromium against `latent-lab serve` (issue 15): the Datasets screen on
 * one large graph (a sampled neighbourhood) and on a set of small graphs (a gallery), the train form offering
 * graphs only to graph families, a VGAE trained on the SBM graph from the form, and its run page: AUC/AP curves, the
 * ROC and precision–recall curves beside the feature-cosine baseline, and the node embeddings coloured by community.
 */
const dir = tempDir('latent-lab-e2e-graph-');
let page: Page;
let session: ServeSession;
let api: ApiClient & { close(): void };
const pageErrors: string[] = [];

const shot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, `graph-${name}.png`), fullPage: true });
const goHash = (hash: string) => page.evaluate(`location.hash = ${JSON.stringify(hash)}`);
const mainNav = (name: string) => page.getByRole('navigation', { name: 'main' }).getByRole('link', { name });

async function waitForStatus(runId: number, status: RunDetail['status'], timeoutMs = 120_000): Promise<RunDetail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await api.call('runs.get', { runId });
    if (run.status === status) return run;
    if (run.status === 'failed' && status !== 'failed') throw new Error(`run ${runId} failed: ${run.error}`);
    if (Date.now() > deadline) throw new Error(`run ${runId} is ${run.status}, not ${status}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

beforeAll(async () => {
  session = await openServeSession(dir.path, pageErrors);
  ({ api, page } = session);
  await page.setViewportSize({ width: 1360, height: 880 });
  await page.goto(session.server.url);
  await mainNav('Datasets').click();
}, 60_000);

afterAll(async () => {
  await session?.close();
  dir.remove();
});

describe('graph datasets and graph autoencoders', () => {
  it('shows one large graph: counts, density, clustering, degree histogram and a sampled neighbourhood by community', async () => {
    await page.locator('[data-dataset-id="builtin:sbm"]').click();
    await expect.poll(() => page.getByRole('heading', { level: 2, name: 'SBM graph, 1,000 nodes' }).count()).toBe(1);
    expect(await page.getByTestId('graph-nodes').innerText()).toBe('1,000');
    expect(Number((await page.getByTestId('graph-edges').innerText()).replace(/,/g, ''))).toBeGreaterThan(2000);
    expect(await page.getByTestId('graph-features').innerText()).toBe('200');
    await page.locator('.graph-drawing canvas').first().waitFor();
    await page.locator('.degree-histogram canvas').waitFor();
    expect(await page.getByTestId('drawing-title').innerText()).toMatch(/^400 of 1,000 nodes \(a sampled neighbourhood\)$/);
    expect(await page.locator('[data-fact="density"] dd').innerText()).toMatch(/% nonzero$/);
    expect(Number(await page.locator('[data-fact="clustering"] dd').innerText())).toBeGreaterThan(0);
    // Nodes per community: four classes of 250.
    await page.locator('.class-chart canvas').waitFor();
    expect(await page.getByRole('heading', { name: 'Nodes per class' }).count()).toBe(1);
    await shot('01-datasets-sbm');

    // Another sample of the neighbourhood, from the keyboard.
    const before = await page.locator('.graph-drawing').getAttribute('data-edges');
    await page.getByRole('button', { name: 'Another neighbourhood' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('button', { name: 'Another neighbourhood' }).isEnabled()).toBe(true);
    expect(await page.locator('.graph-drawing').getAttribute('data-edges')).not.toBeNull();
    expect(before).not.toBeNull();

    await page.setViewportSize({ width: 960, height: 640 });
    await page.waitForTimeout(300);
    await shot('01b-datasets-sbm-960');
    await page.setViewportSize({ width: 1360, height: 880 });
  });

  it('shows a set of small graphs: graph count, size range and a gallery of drawings', async () => {
    await page.locator('[data-dataset-id="builtin:community-small"]').click();
    await expect.poll(() => page.getByRole('heading', { level: 2, name: 'Community-small graphs' }).count()).toBe(1);
    expect(await page.getByTestId('dataset-count').innerText()).toBe('100');
    await expect.poll(() => page.locator('.gallery .tile canvas').count()).toBe(12);
    expect(await page.locator('[data-fact="sizes"] dd').innerText()).toMatch(/^1\d–20 nodes \(mean \d+\.\d\)$/);
    expect(await page.getByRole('heading', { name: /First 12 of 100 graphs/ }).count()).toBe(1);
    // No image or point panel stands empty for a graph.
    expect(await page.locator('.image-grid, .scatter').count()).toBe(0);
    await shot('02-datasets-community-small');
  });

  it('imports an edge list with a node-feature file and labels from the Datasets screen, and shows its graph', async () => {
    // 60 nodes in 3 communities with string ids, edges as CSV, sparse node,feature,value rows and a labels file.
    const graph = sbmFixture();
    const id = (i: number) => `paper-${i}`;
    writeFileSync(join(dir.path, 'cites.csv'), `${edgeRows(graph, id, ',').join('\n')}\n`);
    writeFileSync(join(dir.path, 'features.csv'), sparseFeatureCsv(graph, id));
    writeFileSync(join(dir.path, 'labels.csv'), labelsCsv(graph, id));
    await mainNav('Datasets').click();
    await page.locator('input[name=path]').fill(join(dir.path, 'cites.csv'));
    // An edge list asks for its companion files instead of image options.
    await page.locator('input[name=featuresPath]').waitFor();
    expect(await page.locator('input[name=size]').count()).toBe(0);
    await page.locator('input[name=featuresPath]').fill(join(dir.path, 'features.csv'));
    await page.locator('input[name=labelsPath]').fill(join(dir.path, 'labels.csv'));
    await page.locator('input[name=name]').fill('Citations (edge list)');
    await shot('01c-import-edge-list');
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await expect.poll(() => page.getByRole('heading', { level: 2, name: 'Citations (edge list)' }).count(), { timeout: 30_000 }).toBe(1);
    expect(await page.getByTestId('graph-nodes').innerText()).toBe('60');
    expect(Number(await page.getByTestId('graph-edges').innerText())).toBe(graph.edgeCount);
    expect(await page.getByTestId('graph-features').innerText()).toBe('12');
    await page.locator('.graph-drawing canvas').first().waitFor();
    await page.locator('.degree-histogram canvas').waitFor();
    await shot('01d-imported-edge-list');
  });

  it('offers graphs to graph families only, saying why', async () => {
    await mainNav('Train').click();
    const dataset = page.locator('select[name=dataset]');
    // The seven built-in graphs and the edge list imported above.
    await expect.poll(() => dataset.locator('optgroup[label="Graphs (for GAE, VGAE and GraphVAE)"] option').count()).toBe(8);
    // The default preset is an image VAE: every graph is marked, and picking one says what to do.
    expect(await dataset.locator('option[value="builtin:sbm"]').innerText()).toMatch(/— not for this model$/);
    expect(await dataset.locator('option[value="builtin:sbm"]').getAttribute('title')).toMatch(/graph dataset: train it with a graph family \(gae, vgae or graph-vae\)/);
    await dataset.selectOption('builtin:sbm');
    await expect.poll(() => page.getByTestId('dataset-mismatch').innerText()).toMatch(/graph dataset/);
    expect(await page.locator('form').getByRole('button', { name: 'Train', exact: true }).isDisabled()).toBe(true);
  });

  it('trains a VGAE on the SBM graph from the train form, with its own fields only', async () => {
    // A first short run on the graph, whose "Re-run with changes" fills the form with the vgae family.
    const { runId: first } = await api.call('runs.start', { config: { name: 'vgae first', dataset: { id: 'builtin:sbm' }, model: { family: 'vgae' }, training: { epochs: 2 } } });
    await waitForStatus(first, 'completed');
    await goHash(`#/runs/${first}`);
    await page.getByRole('button', { name: 'Re-run with changes' }).click();
    await page.locator('input[name=latentDim]').waitFor();
    await page.locator('details[data-section="architecture"] summary').click();

    // Its fields: latent size, GCN widths, edge split, β; none of those its training refuses.
    expect(await page.locator('input[name=latentDim]').inputValue()).toBe('16');
    expect(await page.locator('input[name=gcnHidden]').inputValue()).toBe('32');
    expect(await page.locator('input[name=beta]').count()).toBe(1);
    for (const name of ['batchSize', 'earlyStoppingPatience', 'warmupSteps', 'freeBits', 'capacity', 'iwaeSamples', 'likelihood', 'hidden', 'datasetSize', 'layerSource']) {
      expect(await page.locator(`[name=${name}]`).count(), name).toBe(0);
    }
    expect(await page.getByTestId('family-note').innerText()).toMatch(/one step per epoch/);
    await page.locator('details[data-section="data"] summary').click();
    expect(await page.locator('input[name=edgeSplitValidation]').inputValue()).toBe('0.05');
    expect(await page.locator('input[name=edgeSplitTest]').inputValue()).toBe('0.1');
    // Only the single graphs are offered to link prediction; the sets say why not.
    expect(await page.locator('select[name=dataset] option[value="builtin:community-small"]').getAttribute('title')).toMatch(/link prediction trains on one graph/);
    expect(await page.locator('select[name=dataset] option[value="builtin:sprites"]').innerText()).toMatch(/— not for this model$/);

    await page.locator('input[name=epochs]').fill('20');
    await page.locator('input[name=runName]').fill('vgae sbm 20 epochs');
    await expect.poll(() => page.getByTestId('config-summary').innerText()).toMatch(/1,000 nodes, [\d,]+ edges \(5% held out for validation, 10% for test\)/);
    await page.locator('.preview-graph canvas').waitFor();
    await shot('03-train-form-vgae');
    await page.locator('form').getByRole('button', { name: 'Train', exact: true }).click();
    await expect.poll(async () => (await api.call('runs.list', {})).length).toBe(2);
  });

  it('shows the run: AUC/AP curves, ROC and precision–recall beside the baseline, and embeddings by community', async () => {
    const runs = await api.call('runs.list', {});
    const run = runs.find((r) => r.name === 'vgae sbm 20 epochs')!;
    const done = await waitForStatus(run.id, 'completed');
    expect(done.config.training.epochs).toBe(20);
    expect(done.final.test_auc).toBeGreaterThan(0.5);

    await goHash(`#/runs/${run.id}/curves`);
    const ranking = page.getByRole('region', { name: 'Validation AUC and AP, per epoch' });
    await ranking.locator('canvas').waitFor();
    expect(await ranking.getAttribute('data-traces')).toBe('2');
    expect(await page.getByRole('region', { name: /Training loss, reconstruction and KL/ }).getAttribute('data-traces')).toBe('3');
    expect(await page.locator('.finals').innerText()).toMatch(/test AUC\s+0\.\d{3}/i);
    // Image-only views are not offered; export says why it is off.
    expect(await page.locator('[data-tab=posterior]').count()).toBe(0);
    expect(await page.getByTestId('export-button').isDisabled()).toBe(true);
    expect(await page.getByTestId('export-button').getAttribute('title')).toMatch(/not available for graph autoencoders/);
    await shot('04-run-curves');

    await page.locator('[data-tab=latent]').click();
    const panel = page.getByTestId('link-prediction');
    await panel.getByRole('table').waitFor();
    const table = await panel.getByRole('table').innerText();
    expect(table).toMatch(/Test\s+0\.\d{3}\s+0\.\d{3}/);
    expect(table).toMatch(/Baseline: feature cosine/);
    await panel.getByRole('region', { name: 'ROC curve' }).locator('canvas').waitFor();
    await panel.getByRole('region', { name: 'precision–recall curve' }).locator('canvas').waitFor();
    await panel.getByRole('region', { name: 'node embeddings' }).locator('canvas').waitFor();
    expect(await panel.getByRole('region', { name: 'node embeddings' }).innerText()).toMatch(/1,000 nodes, z = 16; colour: class/);
    await shot('05-run-link-prediction');

    await page.setViewportSize({ width: 960, height: 640 });
    await page.waitForTimeout(300);
    await shot('06-run-link-prediction-960');
    await page.setViewportSize({ width: 1360, height: 880 });
  });

  it('lists the graph runs beside the others on the Runs screen', async () => {
    await mainNav('Runs').click();
    await expect.poll(() => page.getByText('vgae sbm 20 epochs').count()).toBeGreaterThan(0);
    await shot('07-runs-list');
  });

  it('logged no errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
