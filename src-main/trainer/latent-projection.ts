import type { LatentProjection, PointColouring } from '../../src-shared/contract/types';
import { SPRITE_FACTOR_DISCRETE, SPRITE_SHAPES } from '../../src-shared/datasets/sprites';
import { principalPlane, projectOntoPlane } from '../../src-shared/math/principal-plane';
import type { SampleLabels } from './export/sample-labels';

/**
 * The projector's colourings of validation samples 0 … count − 1 (dataset samples trainCount …): the class label,
 * or each generative factor (the sprites' shape as its four names, the other factors as values).
 */
export function pointColourings(labels: SampleLabels, trainCount: number, count: number): PointColouring[] {
  if (labels.kind === 'classes') {
    return [{ name: 'class', kind: 'categorical', categories: labels.classes, values: labels.labels.slice(trainCount, trainCount + count) }];
  }
  if (labels.kind === 'none') return [];
  const k = labels.factors.length;
  return labels.factors.map((name, f): PointColouring => {
    const values = new Float32Array(count);
    for (let i = 0; i < count; i++) values[i] = labels.values[(trainCount + i) * k + f];
    if (name in SPRITE_FACTOR_DISCRETE && SPRITE_FACTOR_DISCRETE[name as keyof typeof SPRITE_FACTOR_DISCRETE]) {
      return { name, kind: 'categorical', categories: [...SPRITE_SHAPES], values: Int32Array.from(values) };
    }
    return { name, kind: 'continuous', values };
  });
}

/**
 * 2-D coordinates of `count` codes of `dims` values: the codes themselves ('raw', z = 2 only) or their principal
 * plane (PCA fitted in float64 on these codes, principal-plane.ts).
 */
export function projectCodes(
  codes: Float32Array,
  count: number,
  dims: number,
  method: LatentProjection['method'],
): Pick<LatentProjection, 'points' | 'axes' | 'explained' | 'method'> {
  if (method === 'raw') {
    if (dims !== 2) throw new Error(`the raw projection draws a 2-d latent space; this run's has ${dims} dimensions: use PCA (or UMAP)`);
    return { method, points: codes.slice(0, count * 2), axes: ['z₁', 'z₂'], explained: null };
  }
  if (dims < 2) throw new Error(`PCA to 2-D needs at least 2 latent dimensions; this run's has ${dims}`);
  const plane = principalPlane(codes, count, dims);
  return { method, points: projectOntoPlane(codes, count, plane), axes: ['PC 1', 'PC 2'], explained: plane.explained };
}
