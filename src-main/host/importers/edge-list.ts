import { basename } from 'node:path';
import type { SkippedFile } from '../../../src-shared/datasets/types';
import { packGraphs } from '../../../src-shared/graphs/graph-files';
import { parseEdgeList } from '../../../src-shared/graphs/parse-edge-list';
import { parseNodeFeatures } from '../../../src-shared/graphs/parse-node-features';
import { parseNodeLabels } from '../../../src-shared/graphs/parse-node-labels';
import { ApiError } from '../../../src-shared/contract/api-error';
import { classCounts, dropped, parseOrRefuse, readGraphText, skippedRows, yieldToCancel } from './graph-source';
import type { GraphImporter, ImportedGraphs } from './types';

/** File extensions read as an edge list when a file (not a folder) is imported. */
export const EDGE_LIST_EXTENSIONS = new Set(['.edges', '.edgelist', '.el', '.csv', '.tsv', '.txt']);

/**
 * One graph from an edge list (CSV, TSV or whitespace; optional header; `#` comments; integer or string node ids),
 * with node features from `featuresPath` (dense or sparse, keyed by node id) and labels from the features file's
 * `label` column or from `labelsPath`. The edge list defines the nodes: feature and label rows naming other nodes
 * are skipped and reported, nodes without a feature row get zeros.
 */
export const edgeListImporter: GraphImporter = {
  kind: 'graph',
  source: 'edge-list',
  async run(path, options, context): Promise<ImportedGraphs> {
    const { signal } = context;
    const total = 1 + (options.featuresPath ? 1 : 0) + (options.labelsPath ? 1 : 0);
    const skipped: SkippedFile[] = [];
    let done = 0;
    const parsed = () => context.onProgress('decoding', ++done, total, skipped.length);
    context.onProgress('scanning', 0, total, 0);

    const edgeFile = basename(path);
    const edgeText = await readGraphText(path, edgeFile, signal, 'path');
    const { graph, report } = parseOrRefuse(edgeFile, () => parseEdgeList(edgeText), 'path');
    skipped.push(
      ...skippedRows(edgeFile, report.skipped),
      ...dropped(edgeFile, report.selfLoops, 'self-loop(s) dropped'),
      ...dropped(edgeFile, report.duplicates, 'duplicate edge(s) dropped (rows repeating an edge, in either direction)'),
      ...report.notes.map((note) => ({ file: edgeFile, reason: note })),
    );
    // A header is detected only when the other rows' ids are integers; with string ids it is read as an edge, whose
    // two "nodes" (the first two ids seen) then touch nothing else. Say so rather than guess.
    const ids = graph.nodeIds;
    const isolatedFirstPair = graph.rowPtr[1] === 1 && graph.rowPtr[2] === 2 && graph.colIdx[0] === 1;
    if (!report.header && ids && isolatedFirstPair && !ids.slice(0, 2).some((name) => /^[+-]?\d+$/.test(name))) {
      const [a, b] = ids;
      skipped.push({ file: edgeFile, reason: `the first row ("${a}", "${b}") was read as an edge joining two nodes no other row names: if it is a header, delete it` });
    }
    parsed();
    await yieldToCancel(signal);
    const nodeIds = graph.nodeIds ?? Array.from({ length: graph.nodeCount }, (_, i) => String(i));

    if (options.featuresPath) {
      const featuresFile = basename(options.featuresPath);
      const text = await readGraphText(options.featuresPath, featuresFile, signal, 'featuresPath');
      const features = parseOrRefuse(featuresFile, () => parseNodeFeatures(text, nodeIds), 'featuresPath');
      graph.features = features.features;
      if (features.labels) graph.labels = features.labels;
      skipped.push(...skippedRows(featuresFile, features.report.skipped));
      if (features.report.nodesWithoutRow > 0) {
        skipped.push({ file: featuresFile, reason: `${features.report.nodesWithoutRow} node(s) of ${edgeFile} have no row here: their features are zeros` });
      }
      parsed();
      await yieldToCancel(signal);
    }

    if (options.labelsPath) {
      const labelsFile = basename(options.labelsPath);
      if (graph.labels) {
        const message = `${basename(options.featuresPath!)} has a label column already: give the labels once, in it or in ${labelsFile}`;
        throw new ApiError('invalid_input', message, [{ path: 'labelsPath', message }]);
      }
      const text = await readGraphText(options.labelsPath, labelsFile, signal, 'labelsPath');
      const labels = parseOrRefuse(labelsFile, () => parseNodeLabels(text, nodeIds), 'labelsPath');
      graph.labels = labels.labels;
      skipped.push(...skippedRows(labelsFile, labels.report.skipped));
      if (labels.report.nodesWithoutLabel > 0) {
        skipped.push({ file: labelsFile, reason: `${labels.report.nodesWithoutLabel} node(s) of ${edgeFile} have no label here: they count in no class` });
      }
      parsed();
    }

    const set = packGraphs([graph]);
    const classes = graph.labels?.classes ?? [];
    return { source: 'edge-list', shape: 'one-graph', set, classes: [...classes], classCounts: classCounts(classes.length, set.labels), skipped };
  },
};
