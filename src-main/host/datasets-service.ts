import { ApiError } from '../../src-shared/contract/api-error';
import type { DatasetInfo, ImageBatch } from '../../src-shared/contract/types';
import { builtinDatasetInfo, builtinSplits, listBuiltinDatasets, type DatasetSplits } from '../../src-shared/datasets/builtin';
import { toImageBatch } from '../../src-shared/datasets/to-image-batch';

/** Dataset listing and sample thumbnails for the UI. Built-ins are generated once and kept. */
export class DatasetsService {
  private readonly cache = new Map<string, DatasetSplits>();

  list(): DatasetInfo[] {
    return listBuiltinDatasets();
  }

  samples(datasetId: string, offset: number, count: number): ImageBatch {
    const info = builtinDatasetInfo(datasetId);
    if (!info) throw new ApiError('not_found', `unknown dataset '${datasetId}'`);
    let splits = this.cache.get(datasetId);
    if (!splits) {
      splits = builtinSplits(datasetId, info.defaultSize, 0.1);
      this.cache.set(datasetId, splits);
    }
    const total = splits.trainCount;
    const start = Math.min(offset, total);
    const n = Math.min(count, total - start);
    return toImageBatch(splits.train.subarray(start * splits.sampleSize, (start + n) * splits.sampleSize), n, info.sampleShape);
  }
}
