import type { MigFactor } from './mig';

/**
 * Disentanglement scores of a run, against the known factors of the data: MIG (mig.ts) and the BetaVAE score
 * (beta-vae-score.ts). Recorded as run metrics with these names, one value each, scored with the final weights.
 */
export const DISENTANGLEMENT_METRICS = ['mig', 'beta_vae_score'] as const;

export const isDisentanglementMetric = (name: string): boolean => (DISENTANGLEMENT_METRICS as readonly string[]).includes(name);

/** The datasets whose factors of variation are known and can be drawn at will: only the built-in sprites today. */
export const hasKnownFactors = (datasetId: string): boolean => datasetId === 'builtin:sprites';

/** What a scoring found, with what went into it: shown beside the two numbers. */
export interface DisentanglementReport {
  mig: number;
  betaVaeScore: number;
  /** Each factor's entropy, its mutual information with every code dimension, and its normalized gap. */
  migFactors: MigFactor[];
  /** Sprites drawn (from a fixed seed, the same for every run) and encoded for MIG. */
  migSamples: number;
  betaVae: {
    /** Pairs per point. */
    batch: number;
    trainPoints: number;
    evalPoints: number;
    trainAccuracy: number;
  };
  factorNames: string[];
  /** Wall time of the whole scoring in the trainer (drawing, rendering, encoding, both scores), in ms. */
  elapsedMs: number;
}
