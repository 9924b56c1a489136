import * as tf from '@tensorflow/tfjs';
import type { RunConfig } from '../../src-shared/config/run-config';
import { mulberry32 } from '../../src-shared/datasets/rng';
import {
  generateSprites,
  renderSprite,
  sampleSpriteFactorsGiven,
  SPRITE_FACTOR_DISCRETE,
  SPRITE_FACTOR_NAMES,
  SPRITE_LEVELS,
  SPRITE_SIZE,
  spriteFactorVector,
  type SpriteSet,
} from '../../src-shared/datasets/sprites';
import { BETA_VAE_BATCH, betaVaeFeature, betaVaeScore, type BetaVaePoint } from '../../src-shared/metrics/beta-vae-score';
import { hasKnownFactors, type DisentanglementReport } from '../../src-shared/metrics/disentanglement';
import { mutualInformationGap, type FactorValues } from '../../src-shared/metrics/mig';
import { specInputShape } from '../../src-shared/model-spec/model-summary';
import { createModel, type Autoencoder } from './models';
import { readValues } from './read-values';
import { loadWeights } from './weights';

/**
 * How much a scoring draws. disentanglement_lib uses 10,000 codes for MIG and 10,000 + 5,000 points (each 64 pairs)
 * for the BetaVAE score: far too much to add to every run on sprites. These sizes keep the end-of-training cost near
 * a second for a small MLP (docs/latent-explorer.md has the measurements). The BetaVAE accuracy on 100 held-out points
 * has a binomial standard error of about 0.04; MIG's plug-in estimates of I(z_j; v_k) from 20 × 20 histograms of 2048
 * codes are biased up by roughly (20 − 1)²/(2·2048) ≈ 0.09 nats each, which largely cancels in the gap between two of them.
 */
export const MIG_SAMPLES = 2048;
export const BETA_VAE_TRAIN_POINTS = 200;
export const BETA_VAE_EVAL_POINTS = 100;
/** Fixed seeds: every run is scored on the same sprites and the same pairs, so scores compare across runs. */
const MIG_SEED = 1_812_021;
const BETA_VAE_SEED = 1_702_017;
/** Images encoded per call. */
const ENCODE_BATCH = 512;
const PIXELS = SPRITE_SIZE * SPRITE_SIZE;

/** The MIG sprites, drawn once per trainer process (about 80 ms) and kept: they are the same for every run. */
let scoringSet: SpriteSet | null = null;
const migSprites = (): SpriteSet => (scoringSet ??= generateSprites(MIG_SAMPLES, MIG_SEED));

/**
 * The BetaVAE points' pairs, the same for every run (a fixed seed): each point's factor, each pair's first sprite
 * (an index into the MIG sprites) and its second sprite's pixels as supersample hit counts (a pixel is
 * hits / SPRITE_LEVELS exactly, so storing the counts loses nothing). Rendered once per trainer process (about 15 MB):
 * a sweep's runs then only encode them.
 */
interface BetaVaePairs {
  factors: Uint8Array;
  first: Int32Array;
  hits: Uint8Array;
}
let pairsCache: BetaVaePairs | null = null;

function betaVaePairs(set: SpriteSet): BetaVaePairs {
  if (pairsCache) return pairsCache;
  const total = BETA_VAE_TRAIN_POINTS + BETA_VAE_EVAL_POINTS;
  const random = mulberry32(BETA_VAE_SEED);
  const factors = new Uint8Array(total);
  const first = new Int32Array(total * BETA_VAE_BATCH);
  const hits = new Uint8Array(total * BETA_VAE_BATCH * PIXELS);
  const scratch = new Float32Array(PIXELS);
  for (let p = 0; p < total; p++) {
    const factor = Math.floor(random() * SPRITE_FACTOR_NAMES.length);
    factors[p] = factor;
    for (let b = 0; b < BETA_VAE_BATCH; b++) {
      const pair = p * BETA_VAE_BATCH + b;
      first[pair] = Math.floor(random() * set.count);
      renderSprite(sampleSpriteFactorsGiven(random, factor, set.factors[first[pair]]), scratch);
      for (let i = 0; i < PIXELS; i++) hits[pair * PIXELS + i] = Math.round(scratch[i] * SPRITE_LEVELS);
    }
  }
  pairsCache = { factors, first, hits };
  return pairsCache;
}

/** μ(x) of `count` sprites (z(x) for deterministic codes), in batches. */
async function encodeSprites(model: Autoencoder, pixels: Float32Array, count: number): Promise<Float32Array> {
  const k = model.latentDim;
  const codes = new Float32Array(count * k);
  for (let start = 0; start < count; start += ENCODE_BATCH) {
    const n = Math.min(ENCODE_BATCH, count - start);
    const x = pixels.subarray(start * PIXELS, (start + n) * PIXELS);
    codes.set(await readValues(() => model.encode(tf.tensor(x, [n, ...model.inputShape])).mu), start * k);
  }
  return codes;
}

/**
 * MIG and the BetaVAE score of a model trained on the built-in sprites. MIG: the mean codes of MIG_SAMPLES fresh
 * sprites against their five factors. BetaVAE: each point picks a factor k; each of its 64 pairs takes x₁ from the
 * MIG sprites (already encoded) and renders x₂ with factor k copied from x₁ and the others drawn from the
 * generator given it (sprites.ts: sampleSpriteFactorsGiven), so a point costs 64 renders and encodes, not 128.
 */
export async function scoreDisentanglement(model: Autoencoder): Promise<DisentanglementReport> {
  const started = performance.now();
  const set = migSprites();
  const k = model.latentDim;
  const codes = await encodeSprites(model, set.pixels, set.count);
  const vectors = set.factors.map(spriteFactorVector);
  const factors: FactorValues[] = SPRITE_FACTOR_NAMES.map((name, f) => ({
    name,
    values: Float64Array.from(vectors, (v) => v[f]),
    discrete: SPRITE_FACTOR_DISCRETE[name],
  }));
  const mig = mutualInformationGap(codes, set.count, k, factors);

  const pairs = betaVaePairs(set);
  const total = BETA_VAE_TRAIN_POINTS + BETA_VAE_EVAL_POINTS;
  const pointsPerEncode = Math.max(1, Math.floor(ENCODE_BATCH / BETA_VAE_BATCH));
  const points: BetaVaePoint[] = [];
  const pixels = new Float32Array(pointsPerEncode * BETA_VAE_BATCH * PIXELS);
  const firstCodes = new Float32Array(pointsPerEncode * BETA_VAE_BATCH * k);
  for (let start = 0; start < total; start += pointsPerEncode) {
    const group = Math.min(pointsPerEncode, total - start);
    for (let pair = 0; pair < group * BETA_VAE_BATCH; pair++) {
      const at = start * BETA_VAE_BATCH + pair;
      const first = pairs.first[at];
      firstCodes.set(codes.subarray(first * k, (first + 1) * k), pair * k);
      for (let i = 0; i < PIXELS; i++) pixels[pair * PIXELS + i] = pairs.hits[at * PIXELS + i] / SPRITE_LEVELS;
    }
    const secondCodes = await encodeSprites(model, pixels, group * BETA_VAE_BATCH);
    for (let p = 0; p < group; p++) {
      const span = [p * BETA_VAE_BATCH * k, (p + 1) * BETA_VAE_BATCH * k] as const;
      points.push({ factor: pairs.factors[start + p], feature: betaVaeFeature(firstCodes.subarray(...span), secondCodes.subarray(...span), BETA_VAE_BATCH, k) });
    }
  }
  const betaVae = betaVaeScore(points.slice(0, BETA_VAE_TRAIN_POINTS), points.slice(BETA_VAE_TRAIN_POINTS), SPRITE_FACTOR_NAMES.length);

  return {
    mig: mig.mig,
    betaVaeScore: betaVae.score,
    migFactors: mig.factors,
    migSamples: set.count,
    betaVae: { batch: BETA_VAE_BATCH, trainPoints: betaVae.trainPoints, evalPoints: betaVae.evalPoints, trainAccuracy: betaVae.trainAccuracy },
    factorNames: [...SPRITE_FACTOR_NAMES],
    elapsedMs: performance.now() - started,
  };
}

/** The scores as the run metrics they are recorded as. */
export const disentanglementMetrics = (report: DisentanglementReport): Record<string, number> => ({ mig: report.mig, beta_vae_score: report.betaVaeScore });

/** A finished run's scores, on demand: its saved weights loaded into a fresh model. */
export async function scoreSavedRun(config: RunConfig, weightsPath: string): Promise<DisentanglementReport> {
  if (!hasKnownFactors(config.dataset.id)) {
    throw new Error(`run was trained on '${config.dataset.id}': disentanglement is scored against known factors, which only the built-in sprites have`);
  }
  const model = createModel(config.model, specInputShape([1, SPRITE_SIZE, SPRITE_SIZE]), config.training.seed);
  try {
    loadWeights(weightsPath, model.namedVariables);
    return await scoreDisentanglement(model);
  } finally {
    model.dispose();
  }
}
