import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHost, type Host } from '../../src-main/host/host';
import { forkTrainerLauncher } from '../../src-main/host/trainer-process';
import { readGraphSet } from '../../src-main/trainer/graph/graph-files-io';
import type { ImportProgress } from '../../src-shared/datasets/import-options';
import type { DatasetDetail, DatasetInfo } from '../../src-shared/datasets/types';
import { unpackGraphs } from '../../src-shared/graphs/graph-files';
import type { Graph } from '../../src-shared/graphs/graph';
import { cycleGraph, gridGraph, ladderGraph } from '../../src-shared/graphs/small-graphs';
import { edgeRows, labelsCsv, linqsClass, linqsFiles, sbmFixture, sparseFeatureCsv, tuFiles } from '../helpers/graph-fixtures';
import { makeImage, write } from '../helpers/image-fixtures';
import { tempDir } from '../helpers/temp-dir';

const TRAINER = join(__dirname, '..', '..', 'out', 'main', 'trainer.js');
const BIN = join(__dirname, '..', '..', 'bin', 'latent-lab.cjs');
const run = promisify(execFile);

const dir = tempDir('latent-lab-graph-import-');
const src = join(dir.path, 'src');
const dataDir = join(dir.path, 'data');
const datasetsDir = () => readdirSync(join(dataDir, 'datasets')).sort();
let host: Host;
const progress: ImportProgress[] = [];
let importCounter = 0;

function importPath(path: string, options: Record<string, unknown> = {}, importId = `g${++importCounter}`) {
  return host.call('datasets.import', { importId, options: { path, ...options } }) as Promise<DatasetDetail>;
}

function writeFiles(folder: string, files: Record<string, string>): string {
  mkdirSync(folder, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(folder, name), text);
  return folder;
}

/** The stored graph's CSR, features and labels equal the source's (labels compared by class name). */
function expectSameGraph(stored: Graph, source: Graph, className = (name: string) => name): void {
  expect(stored.nodeCount).toBe(source.nodeCount);
  expect(Array.from(stored.rowPtr)).toEqual(Array.from(source.rowPtr));
  expect(Array.from(stored.colIdx)).toEqual(Array.from(source.colIdx));
  expect(stored.features?.count).toBe(source.features?.count);
  expect(Array.from(stored.features?.values ?? [])).toEqual(Array.from(source.features?.values ?? []));
  const names = (g: Graph) => Array.from(g.labels?.values ?? [], (c) => (c < 0 ? null : g.labels!.classes[c]));
  expect(names(stored)).toEqual(names(source).map((n) => (n === null ? null : className(n))));
}

const sbm = sbmFixture();
const id = (i: number) => String(i);
const smallGraphs = [cycleGraph(6), gridGraph(2, 4), ladderGraph(3), cycleGraph(3), gridGraph(3, 3)];

beforeAll(() => {
  writeFiles(join(src, 'sbm'), {
    'sbm.tsv': `# an SBM graph, written by the test\nsource\ttarget\n${edgeRows(sbm, id, '\t').join('\n')}\n`,
    'features.csv': sparseFeatureCsv(sbm, id),
    'labels.csv': labelsCsv(sbm, id),
  });
  writeFiles(join(src, 'cora'), { ...Object.fromEntries(Object.entries(linqsFiles(sbm, (i) => `p${31 * i + 5}`)).map(([k, v]) => [`cora.${k}`, v])), README: 'as distributed' });
  const tu = tuFiles(smallGraphs, [0, 1, 1, 0, 1]);
  writeFiles(join(src, 'SHAPES'), Object.fromEntries(Object.entries(tu).map(([role, text]) => [`SHAPES_${role}.txt`, text])));
  host = createHost({ dataDir, launchTrainer: forkTrainerLauncher(TRAINER), version: 'test', transport: 'cli' });
  host.events.on('dataset.importProgress', (p) => progress.push(p));
});

afterAll(async () => {
  await host.close();
  dir.remove();
});

describe('importing an edge list with sparse features and a labels file', () => {
  let dataset: DatasetDetail;

  it('stores exactly the graph it was written from, atomically, with its summary', async () => {
    progress.length = 0;
    dataset = await importPath(join(src, 'sbm', 'sbm.tsv'), { featuresPath: join(src, 'sbm', 'features.csv'), labelsPath: join(src, 'sbm', 'labels.csv') });
    expect(dataset).toMatchObject({
      kind: 'graph',
      source: 'edge-list',
      name: 'sbm.tsv',
      description: `Imported edge list: ${join(src, 'sbm', 'sbm.tsv')}`,
      sampleShape: [12],
      count: 60,
      trainCount: 60,
      validationCount: 0,
      testCount: 0,
      classes: ['community 1', 'community 2', 'community 3'],
      classCounts: [20, 20, 20],
      graph: { graphs: 1, nodes: 60, edges: sbm.edgeCount, featureCount: 12 },
      options: { path: join(src, 'sbm', 'sbm.tsv'), featuresPath: join(src, 'sbm', 'features.csv'), labelsPath: join(src, 'sbm', 'labels.csv') },
      skipped: [],
    });
    const folder = join(dataDir, 'datasets', dataset.id);
    const [stored] = unpackGraphs(readGraphSet(folder));
    expectSameGraph(stored, sbm);
    expect(JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8'))).toMatchObject({ kind: 'graph', source: 'edge-list', graph: dataset.graph });
    expect(existsSync(join(folder, 'owner.pid'))).toBe(false);
    expect(datasetsDir().filter((n) => n.startsWith('.importing-'))).toEqual([]);
  });

  it('reported progress: scanning, each file parsed, then writing', () => {
    const phases = progress.map((p) => `${p.phase} ${p.done}/${p.total}`);
    expect(phases[0]).toBe('scanning 0/3');
    expect(phases).toContain('decoding 3/3');
    expect(phases[phases.length - 1]).toBe('writing 60/60');
  });

  it('is listed and looked up with its graph summary, and survives a restart of the host', async () => {
    const listed = ((await host.call('datasets.list', {})) as DatasetInfo[]).find((d) => d.id === dataset.id);
    expect(listed?.graph).toEqual(dataset.graph);
    const second = createHost({ dataDir, launchTrainer: forkTrainerLauncher(TRAINER), version: 'test', transport: 'cli' });
    try {
      expect(((await second.call('datasets.get', { datasetId: dataset.id })) as DatasetDetail).graph).toEqual(dataset.graph);
    } finally {
      await second.close();
    }
    expect(existsSync(join(dataDir, 'datasets', dataset.id))).toBe(true);
  });
});

describe('importing graph folders', () => {
  it('recognises a LINQS pair and stores it in .content order, with its ids and classes', async () => {
    const dataset = await importPath(join(src, 'cora'));
    expect(dataset).toMatchObject({ kind: 'graph', source: 'linqs', name: 'cora', count: 60, sampleShape: [12], graph: { graphs: 1, nodes: 60, featureCount: 12 } });
    expect(dataset.classes).toEqual(['community_1', 'community_2', 'community_3']);
    expect(dataset.skipped).toEqual([{ file: 'README', reason: 'not read: not part of the LINQS pair cora.content + cora.cites' }]);
    const set = readGraphSet(join(dataDir, 'datasets', dataset.id));
    expect(set.manifest.nodeIds).toEqual(Array.from({ length: 60 }, (_, i) => `p${31 * i + 5}`));
    expectSameGraph(unpackGraphs(set)[0], sbm, linqsClass);
  });

  it('recognises a TU Dortmund set: a sample is a graph, classes are the graph labels', async () => {
    const dataset = await importPath(join(src, 'SHAPES'));
    const nodes = smallGraphs.reduce((n, g) => n + g.nodeCount, 0);
    const edges = smallGraphs.reduce((n, g) => n + g.edgeCount, 0);
    const degrees = [...new Set(smallGraphs.flatMap((g) => Array.from({ length: g.nodeCount }, (_, i) => g.rowPtr[i + 1] - g.rowPtr[i])))];
    expect(dataset).toMatchObject({
      kind: 'graph',
      source: 'tu-dortmund',
      count: 5,
      trainCount: 5,
      validationCount: 0,
      classes: ['0', '1'],
      classCounts: [2, 3],
      sampleShape: [degrees.length],
      graph: { graphs: 5, nodes, edges, featureCount: degrees.length },
      skipped: [],
    });
    const stored = unpackGraphs(readGraphSet(join(dataDir, 'datasets', dataset.id)));
    stored.forEach((g, k) => {
      expect(Array.from(g.rowPtr)).toEqual(Array.from(smallGraphs[k].rowPtr));
      expect(Array.from(g.colIdx)).toEqual(Array.from(smallGraphs[k].colIdx));
    });
  });
});

describe('bad input gets a report or a refusal, never a crash', () => {
  it('reports bad rows with their line numbers, dropped edges and unknown nodes in the dataset detail', async () => {
    const folder = writeFiles(join(src, 'messy'), {
      'messy.csv': ['# messy', 'a,b', 'b,c', 'c,c', 'b,a', 'd', 'c,a'].join('\n'),
      'features.csv': 'node,x,label\na,1,red\nb,2,blue\nzz,3,red\n',
    });
    const dataset = await importPath(join(folder, 'messy.csv'), { featuresPath: join(folder, 'features.csv') });
    expect(dataset.graph).toEqual({ graphs: 1, nodes: 3, edges: 3, featureCount: 1 });
    expect(dataset.skipped).toEqual([
      { file: 'messy.csv', reason: 'line 6: one field ("d"): an edge needs two node ids' },
      { file: 'messy.csv', reason: '1 self-loop(s) dropped' },
      { file: 'messy.csv', reason: '1 duplicate edge(s) dropped (rows repeating an edge, in either direction)' },
      { file: 'features.csv', reason: 'line 4: node "zz" is not in the graph' },
      { file: 'features.csv', reason: '1 node(s) of messy.csv have no row here: their features are zeros' },
    ]);
    expect((await host.call('datasets.get', { datasetId: dataset.id })) as DatasetDetail).toMatchObject({ skipped: dataset.skipped });
  });

  it('refuses a malformed file, naming it and the line, and leaves nothing behind', async () => {
    const before = datasetsDir();
    const folder = writeFiles(join(src, 'ragged'), { 'g.csv': '0,1\n1,2\n', 'f.csv': 'node,a,b\n0,1,2\n1,3\n' });
    await expect(importPath(join(folder, 'g.csv'), { featuresPath: join(folder, 'f.csv') })).rejects.toMatchObject({
      code: 'invalid_input',
      message: 'f.csv: line 3: 2 field(s) where the header has 3 (node, a, b)',
      issues: [{ path: 'featuresPath' }],
    });
    expect(datasetsDir()).toEqual(before);
  });

  it('refuses image options for a graph and a features file for images, naming the field', async () => {
    await expect(importPath(join(src, 'sbm', 'sbm.tsv'), { size: 64 })).rejects.toMatchObject({ code: 'invalid_input', issues: [{ path: 'size', message: /graphs are not resized; leave size out/ }] });
    const images = join(src, 'images');
    write(images, 'a/one.png', await makeImage(8, 8, 1, 'png'));
    await expect(importPath(images, { featuresPath: join(src, 'sbm', 'features.csv') })).rejects.toMatchObject({ code: 'invalid_input', issues: [{ path: 'featuresPath' }] });
  });

  it('a cancelled import writes nothing', async () => {
    const before = datasetsDir();
    const listed = await host.call('datasets.list', {});
    const importId = 'graph-to-cancel';
    const scanning = new Promise<void>((resolve) => host.events.on('dataset.importProgress', (p) => p.importId === importId && p.phase === 'scanning' && resolve()));
    const pending = importPath(join(src, 'cora'), {}, importId);
    await scanning;
    expect(await host.call('datasets.cancelImport', { importId })).toEqual({ cancelled: true });
    await expect(pending).rejects.toMatchObject({ code: 'cancelled', message: /nothing was written/ });
    expect(datasetsDir()).toEqual(before);
    expect(await host.call('datasets.list', {})).toEqual(listed);
  });

  it('deletes a graph dataset with its folder', async () => {
    const dataset = await importPath(join(src, 'SHAPES'), { name: 'to delete' });
    expect(await host.call('datasets.delete', { datasetId: dataset.id, force: false })).toEqual({ ok: true });
    expect(existsSync(join(dataDir, 'datasets', dataset.id))).toBe(false);
    await expect(host.call('datasets.get', { datasetId: dataset.id })).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('latent-lab datasets import', () => {
  async function cli(args: string[]) {
    try {
      const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { timeout: 60_000 });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  }

  it('imports an edge list with --features and --labels and prints it with --json', async () => {
    const cliData = join(dir.path, 'cli-data');
    const folder = join(src, 'sbm');
    const result = await cli(['datasets', 'import', join(folder, 'sbm.tsv'), '--features', join(folder, 'features.csv'), '--labels', join(folder, 'labels.csv'), '--name', 'SBM', '--data-dir', cliData, '--json']);
    expect(result.code, result.stderr).toBe(0);
    const dataset = JSON.parse(result.stdout) as DatasetDetail;
    expect(dataset).toMatchObject({ name: 'SBM', kind: 'graph', source: 'edge-list', count: 60, classCounts: [20, 20, 20], graph: { graphs: 1, nodes: 60, edges: sbm.edgeCount, featureCount: 12 } });
    expectSameGraph(unpackGraphs(readGraphSet(join(cliData, 'datasets', dataset.id)))[0], sbm);

    const shown = await cli(['datasets', 'show', dataset.id, '--data-dir', cliData]);
    expect(shown.stdout).toContain(`1 graph, 60 nodes, ${sbm.edgeCount} edges, 12 features per node`);
  });

  it('says which option does not apply, and exits with 2', async () => {
    const result = await cli(['datasets', 'import', join(src, 'cora'), '--labels', join(src, 'sbm', 'labels.csv'), '--data-dir', join(dir.path, 'cli-data')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/labelsPath: labelsPath applies to an edge list; .* is a LINQS folder and its \.content file holds the features and class labels: leave labelsPath out/);
  });
});
