import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { SkippedFile } from '../../../src-shared/datasets/types';
import { packGraphs } from '../../../src-shared/graphs/graph-files';
import { isLinqsFolder, parseLinqs } from '../../../src-shared/graphs/parse-linqs';
import { ApiError } from '../../../src-shared/contract/api-error';
import { classCounts, dropped, parseOrRefuse, readGraphText, skippedRows, yieldToCancel } from './graph-source';
import type { GraphImporter, ImportedGraphs } from './types';

/**
 * A LINQS citation graph as Cora and Citeseer are distributed: a folder holding NAME.content (paper id, binary word
 * features, class label) and NAME.cites ("cited citing"). Citations of papers .content does not list (Citeseer has
 * some), self-citations and repeats are dropped and counted; other files in the folder are listed as not read.
 */
export const linqsImporter: GraphImporter = {
  kind: 'graph',
  source: 'linqs',
  async run(path, _options, context): Promise<ImportedGraphs> {
    const { signal } = context;
    context.onProgress('scanning', 0, 2, 0);
    const entries = await readdir(path, { withFileTypes: true });
    const name = isLinqsFolder(entries.map((e) => e.name));
    if (name === null) throw new ApiError('invalid_input', `${path} does not hold one LINQS pair NAME.content + NAME.cites`);
    const contentFile = `${name}.content`;
    const citesFile = `${name}.cites`;
    const skipped: SkippedFile[] = entries
      .filter((e) => e.name !== contentFile && e.name !== citesFile)
      .map((e) => ({ file: e.isDirectory() ? `${e.name}/` : e.name, reason: `not read: not part of the LINQS pair ${contentFile} + ${citesFile}` }));

    const content = await readGraphText(join(path, contentFile), contentFile, signal);
    context.onProgress('decoding', 1, 2, skipped.length);
    const cites = await readGraphText(join(path, citesFile), citesFile, signal);
    await yieldToCancel(signal);
    const { graph, report } = parseOrRefuse(path, () => parseLinqs(content, cites));
    skipped.push(
      ...skippedRows(citesFile, report.skipped),
      ...dropped(citesFile, report.selfCitations, 'self-citation(s) dropped'),
      ...dropped(citesFile, report.duplicates, 'duplicate citation(s) dropped (a pair cited again, in either direction)'),
      ...dropped(citesFile, report.droppedCitations, `citation(s) dropped: they name ${report.unknownPapers} paper(s) that ${contentFile} does not list`),
    );
    context.onProgress('decoding', 2, 2, skipped.length);

    const set = packGraphs([graph]);
    const classes = graph.labels?.classes ?? [];
    return { source: 'linqs', shape: 'one-graph', set, classes: [...classes], classCounts: classCounts(classes.length, set.labels), skipped };
  },
};
