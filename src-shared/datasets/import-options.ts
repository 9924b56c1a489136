import { z } from 'zod';
import type { FieldIssue } from '../config/issues';
import type { DatasetSourceKind } from './types';

/**
 * Options of a one-time dataset import. Images are resized to size×size:
 * 'fit' stretches to the square, 'cover' scales to cover it and crops the centre, 'pad' scales to fit inside and
 * pads with black. Colour is grayscale (1 channel) or RGB (3). The split is drawn once, with `seed`.
 * Graphs (an edge list, a LINQS or TU Dortmund folder) are stored as they are: only `name`, `featuresPath` and
 * `labelsPath` apply to them (see sourceOptionIssues).
 */
export const importOptionsSchema = z.strictObject({
  /**
   * A folder of images (labels from subfolder names), an IDX images file (.gz or raw), an edge list file (.edges,
   * .edgelist, .el, .csv, .tsv, .txt), or a folder holding a LINQS pair (NAME.cites + NAME.content) or a TU Dortmund
   * set (DS_A.txt + DS_graph_indicator.txt).
   */
  path: z.string().min(1),
  name: z.string().trim().min(1).max(120).optional(),
  size: z.int().min(4).max(512).default(28),
  color: z.enum(['grayscale', 'rgb']).default('grayscale'),
  fit: z.enum(['fit', 'cover', 'pad']).default('pad'),
  validationSplit: z.number().min(0.01).max(0.5).default(0.1),
  /**
   * A fixed test split drawn once (seeded) from the samples, when the source has none of its own: never trained or
   * validated on. 0: no test split. A source with its own test part (an IDX t10k file, a test/ or val/ folder)
   * keeps that one, and refuses a fraction.
   */
  testSplit: z.number().min(0).max(0.5).default(0),
  seed: z.int().min(0).max(2 ** 31 - 1).default(0),
  /** Images with more pixels than this are refused unread (decompression bombs). */
  maxPixels: z.int().min(1).max(1_000_000_000).default(40_000_000),
  /**
   * IDX: the labels file, when it is not the images file's usual sibling (…-labels-idx1-ubyte[.gz]).
   * Edge list: a file of `node,label` rows keyed by node id (optional header), instead of a `label` column in the
   * features file.
   */
  labelsPath: z.string().min(1).optional(),
  /**
   * Edge list only: node features keyed by node id, with a header row: dense (`node,f1,f2,…`, optionally a `label`
   * column) or sparse (`node,feature,value` rows).
   */
  featuresPath: z.string().min(1).optional(),
  /**
   * IDX only: the test images file (its labels are its sibling), kept as the dataset's test split, e.g.
   * t10k-images-idx3-ubyte.gz beside train-images-idx3-ubyte.gz. A folder holding both is recognised by itself.
   */
  testPath: z.string().min(1).optional(),
});

export type ImportOptionsInput = z.input<typeof importOptionsSchema>;
export type ImportOptions = z.output<typeof importOptionsSchema>;

const DEFAULTS = importOptionsSchema.parse({ path: '.' });

/** Image options that change nothing for a graph, and why: they are refused unless left at their defaults. */
const IMAGE_ONLY: Partial<Record<keyof ImportOptions, string>> = {
  size: 'graphs are not resized',
  color: 'graphs have no colour',
  fit: 'graphs are not resized',
  maxPixels: 'graphs have no pixels',
  validationSplit: "a graph's link-prediction split is drawn per run, from the run config's seed",
  testSplit: "a graph's link-prediction split is drawn per run, from the run config's seed",
  seed: "a graph's link-prediction split is drawn per run, from the run config's seed",
  testPath: 'it names an IDX test images file',
};

const GRAPH_SOURCES = new Set<DatasetSourceKind>(['edge-list', 'linqs', 'tu-dortmund']);

/**
 * The options that do not apply to the source an import turned out to be, each with what to do: image-only options
 * set away from their defaults for a graph, `featuresPath` for images, a separate features or labels file for a
 * LINQS or TU Dortmund folder (its own files hold them), `testPath` for anything but IDX.
 */
export function sourceOptionIssues(options: ImportOptions, source: DatasetSourceKind): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (GRAPH_SOURCES.has(source)) {
    for (const [field, why] of Object.entries(IMAGE_ONLY) as [keyof ImportOptions, string][]) {
      if (options[field] !== DEFAULTS[field]) issues.push({ path: field, message: `${field} is an image import option and ${options.path} is a graph (${source}): ${why}; leave ${field} out` });
    }
    if (source !== 'edge-list') {
      const own = source === 'linqs' ? 'its .content file holds the features and class labels' : 'its DS_node_attributes.txt, DS_node_labels.txt and DS_graph_labels.txt hold them';
      for (const field of ['featuresPath', 'labelsPath'] as const) {
        if (options[field] !== undefined) issues.push({ path: field, message: `${field} applies to an edge list; ${options.path} is a ${source === 'linqs' ? 'LINQS' : 'TU Dortmund'} folder and ${own}: leave ${field} out` });
      }
    }
    return issues;
  }
  if (options.featuresPath !== undefined) {
    issues.push({ path: 'featuresPath', message: `featuresPath names the node-feature file of an edge list; ${options.path} holds images: leave featuresPath out` });
  }
  if (options.testPath !== undefined && source !== 'idx') {
    issues.push({ path: 'testPath', message: 'testPath names an IDX test images file; an image folder gives its test split as a test/ (or val/) folder beside train/' });
  }
  return issues;
}

export interface ImportProgress {
  importId: string;
  phase: 'scanning' | 'decoding' | 'writing';
  done: number;
  total: number;
  skipped: number;
  filesPerSec: number;
}
