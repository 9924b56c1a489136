import { z } from 'zod';

/** What a run can be exported as. Each writes a folder (see docs/export.md for what is in it). */
export const EXPORT_FORMATS = ['tfjs', 'onnx', 'latents-csv', 'latents-npy', 'png'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const FIGURE_KINDS = ['reconstructions', 'samples', 'interpolation', 'traversal'] as const;
export type FigureKind = (typeof FIGURE_KINDS)[number];

export const EXPORT_FORMAT_LABELS: Record<ExportFormat, string> = {
  tfjs: 'TF.js layers model (encoder, decoder, autoencoder)',
  onnx: 'ONNX (encoder and decoder, opset 17)',
  'latents-csv': 'Latents as CSV',
  'latents-npy': 'Latents as NumPy .npy',
  png: 'Figures as PNG',
};

/**
 * Options of an export. Every field changes what is written, and only the formats it applies to accept it:
 * `split` is for latents, the figure fields for PNG (checked by exportOptionsIssues).
 */
export const exportOptionsSchema = z.strictObject({
  /** Latents: which part of the dataset to encode. */
  split: z.enum(['train', 'validation', 'both']).optional(),
  /** PNG: which figures (default: every one the model has; samples and traversals from the prior need a VAE). */
  figures: z.array(z.enum(FIGURE_KINDS)).min(1).max(FIGURE_KINDS.length).optional(),
  /** PNG: each image is drawn this many times larger (nearest neighbour, so pixels stay sharp). */
  scale: z.int().min(1).max(16).optional(),
  /** PNG: images per row of the reconstruction figure, and samples per side of the prior's grid. */
  count: z.int().min(2).max(32).optional(),
  /** PNG: the validation images an interpolation goes between. */
  from: z.int().min(0).optional(),
  to: z.int().min(0).optional(),
  /** PNG: frames of the interpolation strip, and steps of each traversal row. */
  steps: z.int().min(3).max(32).optional(),
  /** PNG: the seed of the prior's samples. */
  seed: z.int().min(0).max(2 ** 31 - 1).optional(),
});
export type ExportOptions = z.infer<typeof exportOptionsSchema>;

const FIELDS_OF: Record<ExportFormat, (keyof ExportOptions)[]> = {
  tfjs: [],
  onnx: [],
  'latents-csv': ['split'],
  'latents-npy': ['split'],
  png: ['figures', 'scale', 'count', 'from', 'to', 'steps', 'seed'],
};

/** Options a format does not use, named: a field that would be ignored is refused instead. */
export function exportOptionsIssues(format: ExportFormat, options: ExportOptions): string[] {
  const allowed = new Set(FIELDS_OF[format]);
  return (Object.keys(options) as (keyof ExportOptions)[])
    .filter((key) => options[key] !== undefined && !allowed.has(key))
    .map((key) => `options.${key}: ${format} exports do not use it (it applies to ${(Object.keys(FIELDS_OF) as ExportFormat[]).filter((f) => FIELDS_OF[f].includes(key)).join(', ')})`);
}

/** The options with every default filled in, as the trainer uses them. */
export function resolvedExportOptions(options: ExportOptions): Required<Omit<ExportOptions, 'figures'>> & { figures: FigureKind[] | null } {
  return {
    split: options.split ?? 'both',
    figures: options.figures ?? null,
    scale: options.scale ?? 4,
    count: options.count ?? 8,
    from: options.from ?? 0,
    to: options.to ?? 1,
    steps: options.steps ?? 10,
    seed: options.seed ?? 0,
  };
}

/** A folder name for an export: `run-12-vae-z8-onnx`. */
export function defaultExportName(runId: number, runName: string, format: ExportFormat): string {
  const slug = runName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return `run-${runId}${slug ? `-${slug}` : ''}-${format}`;
}

/** Progress of a running export, as events to every window. */
export interface ExportProgress {
  exportId: string;
  runId: number;
  format: ExportFormat;
  /** What it is doing: "encoding train images", "writing encoder.onnx", … */
  phase: string;
  done: number;
  total: number;
}

/** What an export wrote. */
export interface ExportResult {
  exportId: string;
  /** The folder written (for a download, the host's temporary copy). */
  path: string;
  /** Files in it, relative to it, with their sizes in bytes. */
  files: { path: string; bytes: number }[];
  /** Things the user should know: figures skipped because the model has no prior, … */
  notes: string[];
}
