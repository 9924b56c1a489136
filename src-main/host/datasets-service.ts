import { closeSync, openSync, readSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { builtinGraphSet } from '../../src-shared/graphs/builtin-graphs';
import { graphDatasetView } from '../../src-shared/graphs/graph-view';
import { readGraphSet } from '../trainer/graph/graph-files-io';
import { ApiError } from '../../src-shared/contract/api-error';
import type { GraphDatasetView, ImageBatch, PointSet } from '../../src-shared/contract/types';
import { checkConfigAgainstDataset, checkDatasetFields } from '../../src-shared/config/check-against-dataset';
import { formatFieldIssues } from '../../src-shared/config/issues';
import type { RunConfig } from '../../src-shared/config/run-config';
import { quoteInput } from '../../src-shared/contract/quote-input';
import {
  builtinDatasetInfo,
  DEFAULT_VALIDATION_SPLIT,
  isBuiltinDataset,
  listBuiltinDatasets,
  materializeBuiltin,
} from '../../src-shared/datasets/builtin';
import { IMAGES_FILE, LABELS_FILE } from '../../src-shared/datasets/storage-format';
import { toImageBatch } from '../../src-shared/datasets/to-image-batch';
import type { DatasetDetail, DatasetInfo, DatasetSource, DatasetTensor } from '../../src-shared/datasets/types';
import type { DatasetsRepo, StoredDataset } from '../store/datasets-repo';

/** Reads `length` bytes at `position` of a file: samples are read by range, never the whole dataset for a preview. */
function readRange(file: string, position: number, length: number): Buffer {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(length);
    readSync(fd, buffer, 0, length, position);
    return buffer;
  } finally {
    closeSync(fd);
  }
}

/** Datasets as the UI and runs see them: built-in generators and imported folders, one list, one lookup. */
export class DatasetsService {
  private readonly generated = new Map<string, DatasetTensor>();

  constructor(private readonly repo: DatasetsRepo) {}

  list(): DatasetInfo[] {
    return [...listBuiltinDatasets(), ...this.repo.list().map(toInfo)];
  }

  get(datasetId: string): DatasetDetail {
    const builtin = builtinDatasetInfo(datasetId);
    if (builtin) return { ...builtin, sourcePath: null, options: null, skipped: [], usedByRuns: this.repo.usedByRuns(datasetId) };
    const stored = this.require(datasetId);
    return { ...toInfo(stored), sourcePath: stored.sourcePath, options: stored.options, skipped: this.repo.skipped(datasetId), usedByRuns: this.repo.usedByRuns(datasetId) };
  }

  info(datasetId: string): DatasetInfo | undefined {
    if (isBuiltinDataset(datasetId)) return builtinDatasetInfo(datasetId);
    const stored = this.repo.get(datasetId);
    return stored ? toInfo(stored) : undefined;
  }

  /**
   * What the trainer needs to load a run's dataset. An unknown dataset, or one the model cannot read,
   * is an input error that names the field.
   */
  /** What `resolveSource` checks, and the dataset fields a new run may not set (see checkDatasetFields). */
  checkNewRun(config: RunConfig): void {
    this.resolveSource(config);
    const issues = checkDatasetFields(config, this.info(config.dataset.id)!);
    if (issues.length > 0) throw new ApiError('invalid_input', `invalid run config: ${formatFieldIssues(issues)}`, issues);
  }

  resolveSource(config: RunConfig): DatasetSource {
    const { id } = config.dataset;
    const info = this.info(id);
    if (!info) {
      const known = this.list().map((d) => d.id);
      const message = `unknown dataset ${quoteInput(id)} (known: ${known.join(', ')})`;
      throw new ApiError('invalid_input', `invalid run config: dataset.id: ${message}`, [{ path: 'dataset.id', message }]);
    }
    const issues = checkConfigAgainstDataset(config, info);
    if (issues.length > 0) throw new ApiError('invalid_input', `invalid run config: ${formatFieldIssues(issues)}`, issues);
    if (info.kind === 'graph') return { kind: 'graph', id, dir: info.builtin ? null : this.require(id).dir };
    if (info.builtin) {
      return {
        kind: 'builtin',
        id,
        size: config.dataset.size ?? info.count,
        validationSplit: config.dataset.validationSplit ?? DEFAULT_VALIDATION_SPLIT,
      };
    }
    const stored = this.require(id);
    return { kind: 'stored', id, dir: stored.dir, count: stored.count, trainCount: stored.trainCount, testCount: stored.testCount, sampleShape: stored.sampleShape };
  }

  samples(datasetId: string, offset: number, count: number): ImageBatch {
    const info = this.info(datasetId);
    if (!info) throw new ApiError('not_found', `unknown dataset ${quoteInput(datasetId)}`);
    if (info.kind !== 'image') throw new ApiError('invalid_input', `dataset '${datasetId}' holds ${info.kind}s, not images: ask for datasets.points`);
    const start = Math.min(offset, info.count);
    const n = Math.min(count, info.count - start);
    if (info.builtin) {
      const tensor = this.generate(datasetId);
      const size = info.sampleShape.reduce((a, b) => a * b, 1);
      return toImageBatch(tensor.data.subarray(start * size, (start + n) * size), n, info.sampleShape);
    }
    const stored = this.require(datasetId);
    const size = stored.sampleShape.reduce((a, b) => a * b, 1);
    const bytes = readRange(join(stored.dir, IMAGES_FILE), start * size, n * size);
    const labels = new Int32Array(readRange(join(stored.dir, LABELS_FILE), start * 4, n * 4).buffer.slice(0));
    const floats = Float32Array.from(bytes, (b) => b / 255);
    return { ...toImageBatch(floats, n, stored.sampleShape), labels: Array.from(labels, (l) => (l >= 0 ? stored.classes[l] : null)) };
  }

  points(datasetId: string, count: number): PointSet {
    const info = this.info(datasetId);
    if (!info) throw new ApiError('not_found', `unknown dataset ${quoteInput(datasetId)}`);
    if (info.kind !== 'vector') throw new ApiError('invalid_input', `dataset '${datasetId}' holds ${info.kind}s, not vectors: ask for datasets.samples`);
    const tensor = this.generate(datasetId);
    const dims = info.sampleShape[0];
    const n = Math.min(count, tensor.count);
    const factorCount = info.factors.length;
    return {
      count: n,
      dims,
      values: tensor.data.slice(0, n * dims),
      factor: tensor.factorValues && factorCount === 1 ? tensor.factorValues.slice(0, n) : null,
      factorName: factorCount === 1 ? info.factors[0] : null,
    };
  }

  /** What the Datasets screen draws of a graph dataset. */
  graphView(datasetId: string, seed: number): GraphDatasetView {
    const info = this.info(datasetId);
    if (!info) throw new ApiError('not_found', `unknown dataset ${quoteInput(datasetId)}`);
    if (info.kind !== 'graph') throw new ApiError('invalid_input', `dataset '${datasetId}' holds ${info.kind}s, not graphs`);
    return graphDatasetView(info.builtin ? builtinGraphSet(datasetId) : readGraphSet(this.require(datasetId).dir), seed);
  }

  /** Deletes an imported dataset. One that runs were trained on needs `force`, and the error lists those runs. */
  delete(datasetId: string, force: boolean): { ok: true } {
    if (isBuiltinDataset(datasetId)) throw new ApiError('invalid_input', `${quoteInput(datasetId)} is built in and cannot be deleted`);
    const stored = this.require(datasetId);
    const runs = this.repo.usedByRuns(datasetId);
    if (runs.length > 0 && !force) {
      throw new ApiError(
        'conflict',
        `dataset '${stored.name}' is used by run${runs.length > 1 ? 's' : ''} ${runs.join(', ')}; deleting it means those runs can no longer be explored or resumed. Delete anyway with force.`,
      );
    }
    this.repo.delete(datasetId);
    rmSync(stored.dir, { recursive: true, force: true });
    return { ok: true };
  }

  private generate(datasetId: string): DatasetTensor {
    let tensor = this.generated.get(datasetId);
    if (!tensor) {
      tensor = materializeBuiltin(datasetId, (builtinDatasetInfo(datasetId) as DatasetInfo).count);
      this.generated.set(datasetId, tensor);
    }
    return tensor;
  }

  private require(datasetId: string): StoredDataset {
    const stored = this.repo.get(datasetId);
    if (!stored) throw new ApiError('not_found', `dataset ${quoteInput(datasetId)} does not exist`);
    return stored;
  }
}

function toInfo(stored: StoredDataset): DatasetInfo {
  const { sourcePath: _sourcePath, options: _options, dir: _dir, ...info } = stored;
  return info;
}
