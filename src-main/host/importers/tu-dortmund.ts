import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { SkippedFile } from '../../../src-shared/datasets/types';
import { packGraphs } from '../../../src-shared/graphs/graph-files';
import { isTuDortmundFolder, parseTuDortmund, type TuDortmundFiles } from '../../../src-shared/graphs/parse-tu-dortmund';
import { ApiError } from '../../../src-shared/contract/api-error';
import { classCounts, dropped, parseOrRefuse, readGraphText, yieldToCancel } from './graph-source';
import type { GraphImporter, ImportedGraphs } from './types';

/** The files of a TU Dortmund set that are read, by role (Morris et al. 2020, "TUDataset"). */
const ROLES: [keyof TuDortmundFiles, string][] = [
  ['A', 'A'],
  ['graphIndicator', 'graph_indicator'],
  ['nodeLabels', 'node_labels'],
  ['nodeAttributes', 'node_attributes'],
  ['graphLabels', 'graph_labels'],
];

/**
 * A set of small graphs in the TU Dortmund format: a folder holding DS_A.txt and DS_graph_indicator.txt, with
 * DS_node_labels.txt (one-hot node features), DS_node_attributes.txt (node features after them) and
 * DS_graph_labels.txt (a class per graph) when present. Edge labels and attributes are not imported: those files,
 * and any others, are listed as not read.
 */
export const tuDortmundImporter: GraphImporter = {
  kind: 'graph',
  source: 'tu-dortmund',
  async run(path, _options, context): Promise<ImportedGraphs> {
    const { signal } = context;
    const entries = await readdir(path, { withFileTypes: true });
    const ds = isTuDortmundFolder(entries.map((e) => e.name));
    if (ds === null) throw new ApiError('invalid_input', `${path} does not hold one TU Dortmund set DS_A.txt + DS_graph_indicator.txt`);
    const names = new Set(entries.map((e) => e.name));
    const present = ROLES.map(([role, suffix]) => ({ role, file: `${ds}_${suffix}.txt` })).filter(({ file }) => names.has(file));
    const read = new Set(present.map(({ file }) => file));
    const skipped: SkippedFile[] = entries
      .filter((e) => !read.has(e.name))
      .map((e) => ({
        file: e.isDirectory() ? `${e.name}/` : e.name,
        reason: `not read: a TU Dortmund import reads ${ds}_A, _graph_indicator, _node_labels, _node_attributes and _graph_labels (edge labels and attributes are not imported)`,
      }));

    context.onProgress('scanning', 0, present.length, 0);
    const files: Partial<TuDortmundFiles> = {};
    for (const [k, { role, file }] of present.entries()) {
      files[role] = await readGraphText(join(path, file), file, signal);
      context.onProgress('decoding', k + 1, present.length, skipped.length);
    }
    await yieldToCancel(signal);
    const { graphs, graphLabels, report } = parseOrRefuse(path, () => parseTuDortmund(files as TuDortmundFiles, { name: ds }));
    const aFile = `${ds}_A.txt`;
    skipped.push(
      ...dropped(aFile, report.selfLoops, 'self-loop(s) dropped'),
      ...dropped(aFile, report.duplicates, 'repeated line(s) dropped (the same edge in the same direction again)'),
      ...dropped(aFile, report.oneWayEdges, 'edge(s) listed in one direction only: read as undirected, like the rest'),
    );

    // Graph labels are the set's classes, in numeric order of their values (e.g. −1 and 1 for MUTAG).
    const values = report.graphLabelValues;
    const classOf = new Map(values.map((value, c) => [value, c]));
    const labels = graphLabels ? { classes: values.map(String), values: graphLabels.map((value) => classOf.get(value)!) } : undefined;
    const set = packGraphs(graphs, labels);
    context.onProgress('decoding', present.length, present.length, skipped.length);
    return { source: 'tu-dortmund', shape: 'graph-set', set, classes: labels?.classes ?? [], classCounts: classCounts(values.length, set.graphLabels), skipped };
  },
};
