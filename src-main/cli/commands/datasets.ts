import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { SingleBar } from 'cli-progress';
import type { DatasetDetail, DatasetInfo } from '../../../src-shared/datasets/types';
import { createCliHost } from '../cli-host';
import { withHost } from '../with-host';
import { printError } from '../print-error';

interface ImportFlags {
  name?: string;
  size?: string;
  rgb?: boolean;
  fit?: string;
  validationSplit?: string;
  seed?: string;
  maxPixels?: string;
  labels?: string;
  features?: string;
  test?: string;
  testSplit?: string;
  dataDir?: string;
  json?: boolean;
}

const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));

/** "1 graph, 2,708 nodes, 5,278 edges, 1,433 features per node" for a graph dataset. */
function graphSummaryText(d: DatasetInfo): string {
  const g = d.graph!;
  const n = (v: number) => v.toLocaleString('en-US');
  return `${n(g.graphs)} graph${g.graphs === 1 ? '' : 's'}, ${n(g.nodes)} nodes, ${n(g.edges)} edges, ${n(g.featureCount)} feature${g.featureCount === 1 ? '' : 's'} per node`;
}

export async function datasetsImportCommand(path: string, flags: ImportFlags): Promise<void> {
  const host = createCliHost(flags.dataDir, 'cli');
  const importId = `cli-${randomBytes(4).toString('hex')}`;
  const bar = !flags.json && process.stderr.isTTY ? new SingleBar({ format: '{phase} |{bar}| {value}/{total} files | {rate} files/s | skipped {skipped}', hideCursor: true }) : null;
  let started = false;
  host.events.on('dataset.importProgress', (p) => {
    if (!bar || p.phase === 'scanning') return;
    const payload = { phase: p.phase.padEnd(8), rate: Math.round(p.filesPerSec), skipped: p.skipped };
    if (!started) {
      bar.start(p.total, p.done, payload);
      started = true;
    } else {
      // A graph import counts files parsed, then what it writes (nodes or graphs): the total changes with the phase.
      bar.setTotal(p.total);
      bar.update(p.done, payload);
    }
  });
  const cancel = () => void host.call('datasets.cancelImport', { importId });
  process.once('SIGINT', cancel);
  try {
    const options = {
      path: resolve(path),
      name: flags.name,
      size: num(flags.size),
      color: flags.rgb ? 'rgb' : undefined,
      fit: flags.fit,
      validationSplit: num(flags.validationSplit),
      seed: num(flags.seed),
      maxPixels: num(flags.maxPixels),
      labelsPath: flags.labels ? resolve(flags.labels) : undefined,
      featuresPath: flags.features ? resolve(flags.features) : undefined,
      testPath: flags.test ? resolve(flags.test) : undefined,
      testSplit: num(flags.testSplit),
    };
    const dataset = (await host.call('datasets.import', { importId, options: JSON.parse(JSON.stringify(options)) })) as DatasetDetail;
    bar?.stop();
    if (flags.json) {
      process.stdout.write(`${JSON.stringify(dataset)}\n`);
    } else {
      const test = dataset.testCount > 0 ? `, ${dataset.testCount} test` : '';
      const what = dataset.graph
        ? graphSummaryText(dataset)
        : `${dataset.count} images ${dataset.sampleShape.join('×')} (${dataset.trainCount} train, ${dataset.validationCount} validation${test})`;
      process.stdout.write(`imported ${dataset.id} '${dataset.name}': ${what}\n`);
      dataset.classes.forEach((c, i) => process.stdout.write(`  ${c.padEnd(20)} ${dataset.classCounts[i]}\n`));
      if (dataset.skipped.length) process.stdout.write(dataset.graph ? 'report:\n' : `skipped ${dataset.skipped.length} file(s):\n`);
      for (const s of dataset.skipped) process.stdout.write(`  ${s.file}: ${s.reason}\n`);
    }
  } catch (error) {
    bar?.stop();
    printError(error, `import of ${path}`);
  } finally {
    process.off('SIGINT', cancel);
    await host.close();
  }
}

export function datasetsListCommand(flags: { dataDir?: string; json?: boolean }): Promise<void> {
  return withHost(flags.dataDir, async (host) => {
    const list = (await host.call('datasets.list', {})) as DatasetInfo[];
    if (flags.json) process.stdout.write(`${JSON.stringify(list)}\n`);
    else for (const d of list) process.stdout.write(`${d.id.padEnd(22)} ${d.kind.padEnd(7)} ${String(d.count).padStart(7)}  ${d.sampleShape.join('×').padEnd(9)} ${d.name}\n`);
  });
}

export function datasetsShowCommand(id: string, flags: { dataDir?: string; json?: boolean }): Promise<void> {
  return withHost(flags.dataDir, async (host) => {
    const d = (await host.call('datasets.get', { datasetId: id })) as DatasetDetail;
    if (flags.json) {
      process.stdout.write(`${JSON.stringify(d)}\n`);
      return;
    }
    process.stdout.write(`${d.id}: ${d.name}\n  ${d.description}\n`);
    if (d.graph) process.stdout.write(`  ${graphSummaryText(d)}\n`);
    else process.stdout.write(`  ${d.count} samples ${d.sampleShape.join('×')}, ${d.trainCount} train / ${d.validationCount} validation / ${d.testCount} test\n`);
    d.classes.forEach((c, i) => process.stdout.write(`  class ${c}: ${d.classCounts[i]}\n`));
    for (const s of d.skipped) process.stdout.write(`  skipped ${s.file}: ${s.reason}\n`);
  });
}

export function datasetsDeleteCommand(id: string, flags: { dataDir?: string; force?: boolean }): Promise<void> {
  return withHost(flags.dataDir, async (host) => {
    await host.call('datasets.delete', { datasetId: id, force: Boolean(flags.force) });
    process.stdout.write(`deleted ${id}\n`);
  });
}
