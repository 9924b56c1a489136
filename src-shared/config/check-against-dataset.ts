import type { DatasetInfo } from '../datasets/types';
import { SpecError } from '../model-spec/infer';
import { summarizeModel } from '../model-spec/model-summary';
import type { FieldIssue } from './issues';
import { EDGE_SPLIT_DEFAULTS, GRAPH_VAE_MLP_MAX_NODES, GRAPH_VAE_SET_ONLY, isGraphFamily, type RunConfig } from './run-config';

type DatasetFacts = Pick<DatasetInfo, 'id' | 'kind' | 'sampleShape'> & Partial<Pick<DatasetInfo, 'graph'>>;

/**
 * The checks of a run config that need its dataset (the schema alone cannot know the data's shape or kind).
 * Run before anything is recorded or trained, so a config that cannot train is refused naming its field
 * instead of failing later in the trainer.
 */
export function checkConfigAgainstDataset(config: RunConfig, dataset: DatasetFacts): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const { model } = config;
  if (isGraphFamily(model.family) !== (dataset.kind === 'graph')) {
    const message = dataset.kind === 'graph'
      ? `'${dataset.id}' is a graph dataset: train it with a graph family (gae, vgae or graph-vae), not ${model.family}`
      : `the ${model.family} family trains on a graph dataset; '${dataset.id}' holds ${dataset.kind}s (pick a graph such as builtin:sbm)`;
    return [{ path: 'model.family', message }];
  }
  if (dataset.kind === 'graph') return graphDatasetIssues(config, dataset);
  const dimension = dataset.sampleShape.reduce((a, b) => a * b, 1);

  const bernoulli = model.family === 'vae' ? model.likelihood === 'bernoulli' : 'reconstruction' in model && model.reconstruction === 'bernoulli';
  if (dataset.kind !== 'image' && bernoulli) {
    const field = model.family === 'vae' ? 'likelihood' : 'reconstruction';
    issues.push({
      path: `model.${field}`,
      message: `a Bernoulli decoder models pixels in [0, 1]; '${dataset.id}' holds real-valued ${dataset.kind}s (use ${model.family === 'vae' ? "'gaussian'" : "'mse'"})`,
    });
  }

  if (dataset.kind !== 'image' && model.family === 'dae' && model.noise.kind === 'salt-pepper') {
    issues.push({
      path: 'model.noise.kind',
      message: `salt-and-pepper noise sets values to 0 or 1, the ends of a pixel's range; '${dataset.id}' holds real-valued ${dataset.kind}s (use 'gaussian' or 'masking')`,
    });
  }

  if (model.family === 'pca' && model.latentDim > dimension) {
    issues.push({
      path: 'model.latentDim',
      message: `PCA finds at most as many components as the data has dimensions: '${dataset.id}' has ${dimension} (sample shape ${dataset.sampleShape.join('×')}); set latentDim to ${dimension} or less`,
    });
  }

  try {
    summarizeModel(model, dataset.sampleShape);
  } catch (error) {
    if (!(error instanceof SpecError)) throw error;
    issues.push({ path: specErrorPath(config, error), message: error.message });
  }
  return issues;
}

type StoredFacts = Pick<DatasetInfo, 'id' | 'builtin' | 'count' | 'trainCount' | 'validationCount'>;

/**
 * Fields a new run may not set for its dataset: an imported dataset's samples and its train/validation split were
 * fixed when it was imported, so `dataset.size` and `dataset.validationSplit` would change nothing — refused rather
 * than ignored. (Runs recorded before this check keep working: it applies when a run is started.)
 */
export function checkDatasetFields(config: RunConfig, dataset: StoredFacts): FieldIssue[] {
  if (dataset.builtin) return [];
  const issues: FieldIssue[] = [];
  if (config.dataset.size !== undefined) {
    issues.push({
      path: 'dataset.size',
      message: `'${dataset.id}' is an imported dataset: it has the ${dataset.count} samples it was imported with (only built-in generators take a size); leave dataset.size out`,
    });
  }
  if (config.dataset.validationSplit !== undefined) {
    issues.push({
      path: 'dataset.validationSplit',
      message: `'${dataset.id}' was split when it was imported (${dataset.trainCount} train, ${dataset.validationCount} validation); leave dataset.validationSplit out, or import it again with another validation split`,
    });
  }
  return issues;
}

/** A graph dataset takes no size or validation split (a different graph is a different dataset); link prediction needs one graph. */
function graphDatasetIssues(config: RunConfig, dataset: DatasetFacts): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (config.dataset.size !== undefined) {
    issues.push({ path: 'dataset.size', message: `'${dataset.id}' is a graph dataset: it has the graph${(dataset.graph?.graphs ?? 1) > 1 ? 's' : ''} it has (only built-in image and vector generators take a size); leave dataset.size out` });
  }
  if (config.dataset.validationSplit !== undefined) {
    issues.push({ path: 'dataset.validationSplit', message: `link prediction holds out edges, not samples: set model.edgeSplit instead and leave dataset.validationSplit out` });
  }
  const graphs = dataset.graph?.graphs ?? 1;
  const { model } = config;
  if (graphs !== 1 && model.family !== 'graph-vae') {
    issues.push({ path: 'dataset.id', message: `link prediction trains on one graph; '${dataset.id}' holds ${graphs} graphs (pick a single graph such as builtin:sbm, or the graph-vae family to generate graphs)` });
  }
  if (model.family === 'graph-vae') {
    // A set of graphs trains generation, one graph link prediction: each reads only its own settings.
    if (graphs === 1 && model.adjacencyDecoder === 'mlp' && (dataset.graph?.nodes ?? 0) > GRAPH_VAE_MLP_MAX_NODES) {
      issues.push({ path: 'model.adjacencyDecoder', message: `the MLP decoder has an output per node pair and is for graphs of at most ${GRAPH_VAE_MLP_MAX_NODES} nodes; '${dataset.id}' has ${dataset.graph!.nodes.toLocaleString('en-US')} (use 'inner-product')` });
    }
    if (graphs === 1) {
      for (const key of ['heldOutGraphs', 'generatedGraphs'] as const) {
        if (model[key] !== GRAPH_VAE_SET_ONLY[key]) issues.push({ path: `model.${key}`, message: `'${dataset.id}' is one graph (link prediction): model.${key} applies to sets of graphs and would change nothing; leave it out` });
      }
    } else if (model.edgeSplit.validation !== EDGE_SPLIT_DEFAULTS.validation || model.edgeSplit.test !== EDGE_SPLIT_DEFAULTS.test) {
      issues.push({ path: 'model.edgeSplit', message: `'${dataset.id}' is a set of ${graphs} graphs (generation): held-out graphs replace held-out edges, so model.edgeSplit would change nothing; set model.heldOutGraphs instead` });
    }
  }
  return issues;
}

/** The field a shape error points at: the layer in an explicit spec, or the model as a whole for the MLP shorthand. */
function specErrorPath(config: RunConfig, error: SpecError): string {
  const explicit = 'encoder' in config.model && config.model.encoder !== undefined;
  if (!explicit || error.index === null) return 'model';
  const part = error.part === 'latent' ? 'encoder' : error.part;
  return `model.${part}.${error.index}`;
}
