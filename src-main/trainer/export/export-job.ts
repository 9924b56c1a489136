import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { RunConfig } from '../../../src-shared/config/run-config';
import type { DatasetSource } from '../../../src-shared/datasets/types';
import { resolvedExportOptions, type ExportFormat, type ExportOptions, type FigureKind } from '../../../src-shared/export/export-options';
import { specInputShape } from '../../../src-shared/model-spec/model-summary';
import { loadSplits } from '../load-dataset';
import { createModel } from '../models';
import { reconstructionKindOf } from '../objectives/reconstruction';
import { loadWeights, readWeightsFile } from '../weights';
import { exportReadme } from './export-readme';
import { Figures, pngOf } from './figures-export';
import { encodeDataset, latentsCsv, latentsNpy, type Progress } from './latents-export';
import { onnxModelsOf } from './onnx-export';
import { portableModelOf, type PortableModel } from './portable-model';
import { loadSampleLabels } from './sample-labels';
import { tfjsModelsOf } from './tfjs-export';

/** What the host asks the trainer to export: a run's committed weights, written into `dir` (a fresh temporary folder). */
export interface ExportJob {
  exportId: string;
  format: ExportFormat;
  options: ExportOptions;
  dir: string;
  weightsPath: string;
  config: RunConfig;
  dataset: DatasetSource;
  /** The dataset as the catalogue knows it: its name, and its class or factor names (for latents' labels). */
  datasetInfo: { id: string; name: string; classes: string[]; factors: string[] };
  /** Provenance written into the export's metadata. */
  run: { id: number; name: string; status: string; /** The checkpoint's folder, e.g. ckpt-640 (the weights of step 640). */ checkpoint: string };
  appVersion: string;
}

export interface ExportOutcome {
  files: { path: string; bytes: number }[];
  notes: string[];
}

/** The export's metadata file: where it came from, what the models expect and give. */
export const METADATA_FILE = 'latent-lab-export.json';

function describeModel(model: PortableModel, job: ExportJob): Record<string, unknown> {
  const image = model.inputShape.length === 3;
  return {
    family: model.family,
    latentDim: model.latentDim,
    latentKind: model.latentKind,
    input: {
      shape: ['N', ...model.inputShape],
      layout: image ? 'NHWC (channels-last, as TF.js)' : 'N×D',
      dtype: 'float32',
      range: image ? [0, 1] : 'as the dataset stores it',
      preprocessing: image ? 'pixel / 255 (no mean or standard-deviation normalization)' : 'none',
    },
    encoderOutputs:
      model.latentKind === 'gaussian'
        ? { mu: 'mean of q(z|x), [N, k]', log_var: 'log σ² of q(z|x), [N, k]; σ = exp(log_var / 2)' }
        : { z: 'the code, [N, k]' },
    decoderOutput: `E[x | z], [N, ${model.inputShape.join(', ')}]${model.output === 'sigmoid' ? ' (the sigmoid of the Bernoulli decoder\'s logits)' : ''}`,
    ...(model.sigma !== undefined ? { likelihoodSigma: model.sigma } : {}),
    run: job.run,
    dataset: { id: job.datasetInfo.id, name: job.datasetInfo.name },
    config: job.config,
    exportedBy: `Latent Lab ${job.appVersion}`,
    exportedAt: new Date().toISOString(),
  };
}

/**
 * Runs one export in the trainer process (it has the engine to load the run's weights and encode or decode data)
 * and writes every file into `job.dir`. The host picked the folder and moves it into place when this resolves; a
 * throw (a cancel included) leaves the host to remove it.
 */
export async function runExport(job: ExportJob, progress: Progress): Promise<ExportOutcome> {
  const files: ExportOutcome['files'] = [];
  const notes: string[] = [];
  const write = (path: string, data: string | Uint8Array) => {
    const full = join(job.dir, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, data);
    files.push({ path, bytes: typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength });
  };
  const options = resolvedExportOptions(job.options);
  const sampleShape = job.dataset.kind === 'stored' ? job.dataset.sampleShape : null;

  if (job.format === 'tfjs' || job.format === 'onnx') {
    progress.report('reading the weights', 0, 1);
    const inputShape = specInputShape(sampleShape ?? loadSplits(job.dataset).sampleShape);
    const portable = portableModelOf(job.config.model, inputShape, readWeightsFile(job.weightsPath));
    const metadata = describeModel(portable, job);
    if (job.format === 'tfjs') {
      const models = await tfjsModelsOf(portable, metadata);
      for (const [name, m] of Object.entries(models)) {
        progress.check();
        write(`${name}/model.json`, m.modelJson);
        write(`${name}/weights.bin`, m.weights);
      }
    } else {
      const { encoder, decoder } = onnxModelsOf(portable, { producer: `Latent Lab ${job.appVersion}`, docString: `Run #${job.run.id} ${job.run.name}` });
      write('encoder.onnx', encoder);
      write('decoder.onnx', decoder);
    }
    write(METADATA_FILE, `${JSON.stringify(metadata, null, 2)}\n`);
    write('README.md', exportReadme(job.format, portable, job));
    return { files, notes };
  }

  const splits = loadSplits(job.dataset);
  const inputShape = specInputShape(splits.sampleShape);
  const model = createModel(job.config.model, inputShape, job.config.training.seed);
  try {
    loadWeights(job.weightsPath, model.namedVariables);
    const gaussian = model.latentKind === 'gaussian';
    const metadata: Record<string, unknown> = { run: job.run, dataset: { id: job.datasetInfo.id, name: job.datasetInfo.name }, config: job.config, exportedBy: `Latent Lab ${job.appVersion}`, exportedAt: new Date().toISOString() };
    if (job.format === 'latents-csv' || job.format === 'latents-npy') {
      const labels = loadSampleLabels(job.dataset, job.datasetInfo);
      const latents = await encodeDataset(model, splits, inputShape, options.split, progress);
      progress.report('writing', latents.count, latents.count);
      if (job.format === 'latents-csv') {
        write('latents.csv', latentsCsv(latents, labels, gaussian));
        metadata.latents = { file: 'latents.csv', rows: latents.count, split: options.split, columns: gaussian ? 'index, split, labels, mu_1..k, sigma_1..k' : 'index, split, labels, z_1..k' };
      } else {
        const { files: npy, description } = latentsNpy(latents, labels, gaussian);
        for (const [name, bytes] of Object.entries(npy)) write(name, bytes);
        metadata.latents = { rows: latents.count, split: options.split, files: description };
      }
      write(METADATA_FILE, `${JSON.stringify(metadata, null, 2)}\n`);
      return { files, notes };
    }

    // PNG figures.
    if (splits.sampleShape.length !== 3) throw new Error('figures draw images; this run was trained on vectors (export its latents instead)');
    const available = Figures.available(model);
    let wanted: FigureKind[];
    if (options.figures) {
      const missing = options.figures.filter((f) => !available.includes(f));
      if (missing.length > 0) throw new Error(`options.figures: a ${model.family} has no ${missing.join(', ')} figure (samples need a VAE's prior p(z))`);
      wanted = options.figures;
    } else {
      wanted = available;
      if (!available.includes('samples')) notes.push(`no samples figure: a ${model.family} has no prior p(z) to sample from`);
    }
    const figures = new Figures(model, splits, inputShape, reconstructionKindOf(job.config.model), options);
    for (const [i, figure] of wanted.entries()) {
      progress.check();
      progress.report(`drawing ${figure}`, i, wanted.length);
      write(`${figure}.png`, pngOf(await figures.draw(figure)));
    }
    metadata.figures = { files: wanted.map((f) => `${f}.png`), scale: options.scale, count: options.count, from: options.from, to: options.to, steps: options.steps, seed: options.seed };
    write(METADATA_FILE, `${JSON.stringify(metadata, null, 2)}\n`);
    return { files, notes };
  } finally {
    model.dispose();
  }
}
