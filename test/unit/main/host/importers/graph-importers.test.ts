import { closeSync, mkdirSync, openSync, ftruncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importOptionsSchema, type ImportOptionsInput } from '../../../../../src-shared/datasets/import-options';
import { edgePairs } from '../../../../../src-shared/graphs/graph';
import { unpackGraphs } from '../../../../../src-shared/graphs/graph-files';
import { cycleGraph, gridGraph } from '../../../../../src-shared/graphs/small-graphs';
import { edgeListImporter } from '../../../../../src-main/host/importers/edge-list';
import { MAX_GRAPH_FILE_BYTES, MAX_LISTED_ROWS } from '../../../../../src-main/host/importers/graph-source';
import { idxImporter } from '../../../../../src-main/host/importers/idx';
import { imageFolderImporter } from '../../../../../src-main/host/importers/image-folder';
import { importerFor } from '../../../../../src-main/host/importers/index';
import { linqsImporter } from '../../../../../src-main/host/importers/linqs';
import { tuDortmundImporter } from '../../../../../src-main/host/importers/tu-dortmund';
import type { GraphImporter, ImportedGraphs } from '../../../../../src-main/host/importers/types';
import { edgeRows, labelsCsv, linqsClass, linqsFiles, sbmFixture, sparseFeatureCsv, tuFiles } from '../../../../helpers/graph-fixtures';
import { tempDir } from '../../../../helpers/temp-dir';

const dir = tempDir('latent-lab-graph-importers-');
afterAll(() => dir.remove());
let caseCounter = 0;

/** Writes files into a fresh folder and returns their paths by name. */
function folder(files: Record<string, string>): { root: string; path: (name: string) => string } {
  const root = join(dir.path, `case-${++caseCounter}`);
  mkdirSync(root, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(root, name), text);
  return { root, path: (name) => join(root, name) };
}

const progress: [string, number, number][] = [];
function run(importer: GraphImporter, path: string, options: Partial<ImportOptionsInput> = {}, signal = new AbortController().signal): Promise<ImportedGraphs> {
  const parsed = importOptionsSchema.parse({ path, ...options });
  return importer.run(path, parsed, { signal, onProgress: (phase, done, total) => progress.push([phase, done, total]) });
}

const reasons = (imported: ImportedGraphs) => imported.skipped.map((s) => `${s.file}: ${s.reason}`);

describe('choosing the importer', () => {
  it('reads a folder as LINQS, TU Dortmund, IDX pair or images, and a file as IDX or an edge list by its name', async () => {
    const linqs = folder({ 'cora.content': '1\t0\tA\n', 'cora.cites': '1\t1\n', README: 'x' });
    const tu = folder({ 'MUTAG_A.txt': '1, 2\n', 'MUTAG_graph_indicator.txt': '1\n1\n' });
    const idx = folder({ 'train-images-idx3-ubyte.gz': '', 't10k-images-idx3-ubyte.gz': '' });
    const images = folder({ 'a.png': '' });
    const files = folder({ 'g.edges': '', 'g.edgelist': '', 'g.el': '', 'g.CSV': '', 'g.tsv': '', 'g.txt': '', 'photo.png': '' });
    expect(await importerFor(linqs.root)).toBe(linqsImporter);
    expect(await importerFor(tu.root)).toBe(tuDortmundImporter);
    expect(await importerFor(idx.root)).toBe(idxImporter);
    expect(await importerFor(images.root)).toBe(imageFolderImporter);
    for (const name of ['g.edges', 'g.edgelist', 'g.el', 'g.CSV', 'g.tsv', 'g.txt']) expect(await importerFor(files.path(name))).toBe(edgeListImporter);
    await expect(importerFor(files.path('photo.png'))).rejects.toMatchObject({
      code: 'invalid_input',
      message: /photo\.png is a file that is not IDX .* or an edge list \(\.edges, \.edgelist, \.el, \.csv, \.tsv, \.txt\); to import images, a LINQS pair or a TU Dortmund set, give their folder/,
    });
  });
});

describe('edge list importer', () => {
  const graph = sbmFixture();
  const id = (i: number) => String(i);

  it('stores the graph it was written from: edges, sparse features, labels from a labels file', async () => {
    const rows = edgeRows(graph, id, '\t');
    const f = folder({
      'g.tsv': `# an SBM graph\nsource\ttarget\n${rows.join('\n')}\n`,
      'features.csv': sparseFeatureCsv(graph, id),
      'labels.csv': labelsCsv(graph, id),
    });
    progress.length = 0;
    const imported = await run(edgeListImporter, f.path('g.tsv'), { featuresPath: f.path('features.csv'), labelsPath: f.path('labels.csv') });
    const [stored] = unpackGraphs(imported.set);
    expect(Array.from(stored.rowPtr)).toEqual(Array.from(graph.rowPtr));
    expect(Array.from(stored.colIdx)).toEqual(Array.from(graph.colIdx));
    expect(stored.features!.count).toBe(graph.features!.count);
    expect(Array.from(stored.features!.values)).toEqual(Array.from(graph.features!.values));
    expect(stored.labels!.classes).toEqual(graph.labels!.classes);
    expect(Array.from(stored.labels!.values)).toEqual(Array.from(graph.labels!.values));
    expect(imported).toMatchObject({ source: 'edge-list', shape: 'one-graph', classes: graph.labels!.classes, skipped: [] });
    expect(imported.classCounts).toEqual([20, 20, 20]);
    expect(imported.set.manifest).toMatchObject({ graphs: 1, nodes: 60, edges: graph.edgeCount, featureCount: 12 });
    expect(progress).toEqual([
      ['scanning', 0, 3],
      ['decoding', 1, 3],
      ['decoding', 2, 3],
      ['decoding', 3, 3],
    ]);
  });

  it('reports bad rows by line, counts the self-loops and duplicates it drops, and notes ignored weight columns', async () => {
    const text = ['# a weighted edge list', 'source,target,weight', '0,1,1', '1,0,1', '2,2,2', 'lonely', '2,0,1', '', '# done'].join('\n');
    const f = folder({ 'g.csv': text });
    const imported = await run(edgeListImporter, f.path('g.csv'));
    expect(imported.set.manifest).toMatchObject({ nodes: 3, edges: 2, featureCount: 0 });
    expect(imported.set.manifest.nodeIds).toBeUndefined();
    expect(reasons(imported)).toEqual([
      'g.csv: line 6: one field ("lonely"): an edge needs two node ids',
      'g.csv: 1 self-loop(s) dropped',
      'g.csv: 1 duplicate edge(s) dropped (rows repeating an edge, in either direction)',
      expect.stringMatching(/^g\.csv: 4 row\(s\) have more than two fields \(first: line 3\): only the first two/),
    ]);
  });

  it('reads dense features with a label column keyed by string ids, and reports rows of nodes not in the graph', async () => {
    const f = folder({
      'g.edges': 'x y\ny z\n',
      'features.csv': 'node,f1,f2,Label\nx,1,2,red\nz,0.5,-1,blue\nw,9,9,red\n',
    });
    const imported = await run(edgeListImporter, f.path('g.edges'), { featuresPath: f.path('features.csv') });
    const [stored] = unpackGraphs(imported.set);
    expect(Array.from(stored.features!.values)).toEqual([1, 2, 0, 0, 0.5, -1]);
    expect(imported.classes).toEqual(['red', 'blue']);
    expect(imported.classCounts).toEqual([1, 1]);
    expect(Array.from(stored.labels!.values)).toEqual([0, -1, 1]);
    expect(reasons(imported)).toEqual(['features.csv: line 4: node "w" is not in the graph', 'features.csv: 1 node(s) of g.edges have no row here: their features are zeros']);
  });

  it('says when a first row that looks like a header of string ids was read as an edge', async () => {
    const f = folder({ 'g.csv': 'source,target\nann,bob\nbob,cy\n' });
    const imported = await run(edgeListImporter, f.path('g.csv'));
    expect(imported.set.manifest).toMatchObject({ nodes: 5, edges: 3, nodeIds: ['source', 'target', 'ann', 'bob', 'cy'] });
    expect(reasons(imported)).toEqual(['g.csv: the first row ("source", "target") was read as an edge joining two nodes no other row names: if it is a header, delete it']);
    const clean = await run(edgeListImporter, folder({ 'g.csv': 'ann,bob\nbob,cy\n' }).path('g.csv'));
    expect(clean.skipped).toEqual([]);
  });

  it('lists the first skipped rows one by one and counts the rest', async () => {
    const bad = Array.from({ length: MAX_LISTED_ROWS + 5 }, () => 'alone');
    const f = folder({ 'g.txt': ['1 2', ...bad].join('\n') });
    const imported = await run(edgeListImporter, f.path('g.txt'));
    expect(imported.skipped).toHaveLength(MAX_LISTED_ROWS + 1);
    expect(imported.skipped[0].reason).toMatch(/^line 2: one field/);
    expect(imported.skipped[MAX_LISTED_ROWS].reason).toBe(`5 more skipped row(s), not listed (after line ${MAX_LISTED_ROWS + 1})`);
  });
});

/**
 * Inputs an import must refuse, each with the error it must give (Netron-style table): the message names the file
 * (and the line, where there is one), and the option that named the file when it was not `path`.
 */
interface RefusalCase {
  what: string;
  importer: GraphImporter;
  files: Record<string, string>;
  /** The imported path, relative to the case folder ('' for the folder itself). */
  path: string;
  options?: (path: (name: string) => string) => Partial<ImportOptionsInput>;
  error: RegExp;
  field?: string;
}

const REFUSALS: RefusalCase[] = [
  { what: 'an empty edge list', importer: edgeListImporter, files: { 'g.csv': '' }, path: 'g.csv', error: /^g\.csv: the edge list has no edges: no row holds two node ids$/, field: 'path' },
  { what: 'an edge list of self-loops', importer: edgeListImporter, files: { 'g.csv': '1,1\n2,2\n' }, path: 'g.csv', error: /^g\.csv: the edge list has no edges: its 2 row\(s\) are all self-loops/ },
  {
    what: 'a ragged feature row',
    importer: edgeListImporter,
    files: { 'g.csv': '0,1\n', 'f.csv': 'node,a,b\n0,1,2\n1,3\n' },
    path: 'g.csv',
    options: (p) => ({ featuresPath: p('f.csv') }),
    error: /^f\.csv: line 3: 2 field\(s\) where the header has 3 \(node, a, b\)$/,
    field: 'featuresPath',
  },
  {
    what: 'a non-numeric feature value',
    importer: edgeListImporter,
    files: { 'g.csv': '0,1\n', 'f.csv': 'node,a\n0,1\n1,abc\n' },
    path: 'g.csv',
    options: (p) => ({ featuresPath: p('f.csv') }),
    error: /^f\.csv: line 3, column "a": "abc" is not a finite number$/,
    field: 'featuresPath',
  },
  {
    what: 'an empty features file',
    importer: edgeListImporter,
    files: { 'g.csv': '0,1\n', 'f.csv': '\n' },
    path: 'g.csv',
    options: (p) => ({ featuresPath: p('f.csv') }),
    error: /^f\.csv: the node-feature file is empty/,
    field: 'featuresPath',
  },
  {
    what: 'a features file for other nodes',
    importer: edgeListImporter,
    files: { 'g.csv': '0,1\n', 'f.csv': 'node,a\n7,1\n' },
    path: 'g.csv',
    options: (p) => ({ featuresPath: p('f.csv') }),
    error: /^f\.csv: the node-feature file gives no node features: none of its rows names a node of the graph \(first: "7", line 2\)/,
  },
  {
    what: 'labels given twice',
    importer: edgeListImporter,
    files: { 'g.csv': '0,1\n', 'f.csv': 'node,a,label\n0,1,x\n', 'l.csv': '0,x\n' },
    path: 'g.csv',
    options: (p) => ({ featuresPath: p('f.csv'), labelsPath: p('l.csv') }),
    error: /^f\.csv has a label column already: give the labels once, in it or in l\.csv$/,
    field: 'labelsPath',
  },
  {
    what: 'a node labelled twice',
    importer: edgeListImporter,
    files: { 'g.csv': '0,1\n', 'l.csv': 'node,label\n0,x\n1,y\n0,z\n' },
    path: 'g.csv',
    options: (p) => ({ labelsPath: p('l.csv') }),
    error: /^l\.csv: line 4: node "0" has a label already \(line 2\)$/,
    field: 'labelsPath',
  },
  {
    what: 'a missing features file',
    importer: edgeListImporter,
    files: { 'g.csv': '0,1\n' },
    path: 'g.csv',
    options: (p) => ({ featuresPath: p('nope.csv') }),
    error: /^no such file: .*nope\.csv$/,
    field: 'featuresPath',
  },
  {
    what: 'a ragged LINQS .content row',
    importer: linqsImporter,
    files: { 'cora.content': 'a\t1\t0\tX\nb\t1\tY\n', 'cora.cites': 'a\tb\n' },
    path: '',
    error: /: the \.content file, line 2: 1 feature\(s\) where line 1 has 2$/,
  },
  {
    what: 'LINQS citations joining no known papers',
    importer: linqsImporter,
    files: { 'cora.content': 'a\t1\tX\nb\t0\tY\n', 'cora.cites': 'a\tzz\n' },
    path: '',
    error: /: the \.cites file joins no two papers of the \.content file: 1 citation\(s\), 1 naming unknown papers/,
  },
  {
    what: 'a TU edge joining two graphs',
    importer: tuDortmundImporter,
    files: { 'DS_A.txt': '1, 2\n2, 3\n', 'DS_graph_indicator.txt': '1\n1\n2\n' },
    path: '',
    error: /: DS_A\.txt, line 2: edge 2, 3 joins node 2 of graph 1 and node 3 of graph 2$/,
  },
  {
    what: 'TU graph labels of the wrong length',
    importer: tuDortmundImporter,
    files: { 'DS_A.txt': '1, 2\n', 'DS_graph_indicator.txt': '1\n1\n', 'DS_graph_labels.txt': '1\n0\n' },
    path: '',
    error: /: DS_graph_labels\.txt: 2 labels for 1 graphs/,
  },
];

describe('inputs a graph import refuses, naming the file', () => {
  it.each(REFUSALS)('$what', async ({ importer, files, path, options, error, field }) => {
    const f = folder(files);
    const failure = await run(importer, path ? f.path(path) : f.root, options?.(f.path)).then(
      () => null,
      (e: unknown) => e,
    );
    expect(failure).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(error) });
    if (field) expect((failure as { issues: { path: string }[] }).issues.map((i) => i.path)).toEqual([field]);
  });

  it('refuses a graph over the node limit, naming the file', async () => {
    // 500,001 disjoint edges: 1,000,002 nodes, over MAX_GRAPH_NODES (1,000,000).
    const rows = Array.from({ length: 500_001 }, (_, e) => `${2 * e} ${2 * e + 1}`);
    const f = folder({ 'big.edges': rows.join('\n') });
    await expect(run(edgeListImporter, f.path('big.edges'))).rejects.toMatchObject({
      code: 'invalid_input',
      message: /^big\.edges: the edge list: 1,000,001 nodes, over the limit of 1,000,000: import a subgraph$/,
    });
  });

  it('refuses a file too large to read as text, unread', async () => {
    const f = folder({});
    const huge = f.path('huge.csv');
    const fd = openSync(huge, 'w');
    ftruncateSync(fd, MAX_GRAPH_FILE_BYTES + 1); // sparse: takes no disk space
    closeSync(fd);
    await expect(run(edgeListImporter, huge)).rejects.toMatchObject({ code: 'invalid_input', message: /^huge\.csv: 500 MB, over the 500 MB a graph source file may be: import a subgraph$/ });
  });

  it('stops at a cancel between files', async () => {
    const f = folder({ 'g.csv': '0,1\n' });
    const controller = new AbortController();
    controller.abort();
    await expect(run(edgeListImporter, f.path('g.csv'), {}, controller.signal)).rejects.toThrow(/cancelled; nothing was written/);
  });
});

describe('LINQS importer', () => {
  it('stores the pair it was written from, in .content order, and reports dropped citations and files not read', async () => {
    const graph = sbmFixture(11);
    const id = (i: number) => String(1_000 + 37 * i);
    const { content, cites } = linqsFiles(graph, id);
    const { sources, targets } = edgePairs(graph);
    // A paper .content does not list, a self-citation, an edge cited again the other way, a malformed line.
    const extra = `31\t${id(0)}\n${id(0)}\t${id(0)}\n${id(targets[0])}\t${id(sources[0])}\n${id(sources[0])}\t${id(targets[0])}\nbroken line here\n`;
    const f = folder({ 'cora.content': content, 'cora.cites': cites + extra, README: 'Cora as distributed' });
    const imported = await run(linqsImporter, f.root);
    const [stored] = unpackGraphs(imported.set);
    expect(Array.from(stored.rowPtr)).toEqual(Array.from(graph.rowPtr));
    expect(Array.from(stored.colIdx)).toEqual(Array.from(graph.colIdx));
    expect(Array.from(stored.features!.values)).toEqual(Array.from(graph.features!.values));
    expect(imported.classes).toEqual(graph.labels!.classes.map(linqsClass));
    expect(Array.from(stored.labels!.values)).toEqual(Array.from(graph.labels!.values));
    expect(imported.set.manifest.nodeIds).toEqual(Array.from({ length: 60 }, (_, i) => id(i)));
    const lines = cites.split('\n').length - 1;
    expect(reasons(imported)).toEqual([
      'README: not read: not part of the LINQS pair cora.content + cora.cites',
      `cora.cites: line ${lines + 5}: 3 field(s): a citation is two paper ids, cited and citing`,
      'cora.cites: 1 self-citation(s) dropped',
      'cora.cites: 2 duplicate citation(s) dropped (a pair cited again, in either direction)',
      'cora.cites: 1 citation(s) dropped: they name 1 paper(s) that cora.content does not list',
    ]);
  });
});

describe('TU Dortmund importer', () => {
  it('stores the set it was written from: graphs, one-hot node labels as features, graph labels as classes', async () => {
    const graphs = [cycleGraph(5), gridGraph(2, 3), cycleGraph(4), gridGraph(3, 3)];
    const files = tuFiles(graphs, [1, -1, 1, 1]);
    const f = folder({
      'MUTAG_A.txt': files.A,
      'MUTAG_graph_indicator.txt': files.graph_indicator,
      'MUTAG_node_labels.txt': files.node_labels,
      'MUTAG_graph_labels.txt': files.graph_labels,
      'MUTAG_edge_labels.txt': '0\n',
    });
    const imported = await run(tuDortmundImporter, f.root);
    expect(imported).toMatchObject({ source: 'tu-dortmund', shape: 'graph-set', classes: ['-1', '1'], classCounts: [1, 3] });
    expect(Array.from(imported.set.graphLabels!)).toEqual([1, 0, 1, 1]);
    const stored = unpackGraphs(imported.set);
    const degrees = [2, 3, 4]; // node labels present (each node's degree), in numeric order
    stored.forEach((g, k) => {
      expect(Array.from(g.rowPtr)).toEqual(Array.from(graphs[k].rowPtr));
      expect(Array.from(g.colIdx)).toEqual(Array.from(graphs[k].colIdx));
      for (let i = 0; i < g.nodeCount; i++) {
        const oneHot = degrees.map((d) => (d === graphs[k].rowPtr[i + 1] - graphs[k].rowPtr[i] ? 1 : 0));
        expect(Array.from(g.features!.values.subarray(i * 3, i * 3 + 3))).toEqual(oneHot);
      }
    });
    expect(reasons(imported)).toEqual([expect.stringMatching(/^MUTAG_edge_labels\.txt: not read: a TU Dortmund import reads MUTAG_A, _graph_indicator/)]);
  });

  it('counts self-loops, repeated lines and edges listed one way', async () => {
    const f = folder({ 'DS_A.txt': '1, 2\n2, 1\n1, 2\n2, 3\n3, 3\n', 'DS_graph_indicator.txt': '1\n1\n1\n' });
    const imported = await run(tuDortmundImporter, f.root);
    expect(imported.set.manifest).toMatchObject({ graphs: 1, nodes: 3, edges: 2, featureCount: 0 });
    expect(imported.classes).toEqual([]);
    expect(reasons(imported)).toEqual([
      'DS_A.txt: 1 self-loop(s) dropped',
      'DS_A.txt: 1 repeated line(s) dropped (the same edge in the same direction again)',
      'DS_A.txt: 1 edge(s) listed in one direction only: read as undirected, like the rest',
    ]);
  });
});
