import { describe, expect, it } from 'vitest';
import { mulberry32, standardNormal } from '../../../../src-shared/datasets/rng';
import { classificationAccuracy, fitSoftmaxRegression, predictClass, softmaxObjective } from '../../../../src-shared/math/softmax-regression';

/** Three Gaussian clusters in 2-d, `n` points each, centred at `centres`. */
function clusters(n: number, centres: [number, number][], spread: number, seed: number) {
  const noise = standardNormal(seed, centres.length * n * 2);
  const x: number[][] = [];
  const y: number[] = [];
  centres.forEach(([cx, cy], c) => {
    for (let i = 0; i < n; i++) {
      const at = (c * n + i) * 2;
      x.push([cx + spread * noise[at], cy + spread * noise[at + 1]]);
      y.push(c);
    }
  });
  return { x, y };
}

describe('softmax regression (float64, Nesterov gradient descent)', () => {
  it('separates well-separated classes and generalizes to fresh points', () => {
    const centres: [number, number][] = [
      [0, 0],
      [4, 0],
      [0, 4],
    ];
    const train = clusters(60, centres, 0.6, 1);
    const model = fitSoftmaxRegression(train.x, train.y, 3);
    expect(classificationAccuracy(model, train.x, train.y)).toBe(1);
    const held = clusters(40, centres, 0.6, 2);
    expect(classificationAccuracy(model, held.x, held.y)).toBeGreaterThan(0.97);
    expect(predictClass(model, [4.2, -0.3])).toBe(1);
  });

  it('reaches the regularized optimum: the gradient of its objective vanishes', () => {
    const data = clusters(50, [[0, 0], [1.5, 0.5], [0.5, 1.5]], 1, 3);
    const model = fitSoftmaxRegression(data.x, data.y, 3, { iterations: 3000 });
    const { gradient } = softmaxObjective(model, data.x, data.y);
    expect(Math.max(...gradient.map(Math.abs))).toBeLessThan(1e-6);
    // A finite-difference check of that gradient: the objective is what is minimized.
    const eps = 1e-6;
    const probe = { ...model, weights: Float64Array.from(model.weights) };
    probe.weights[1] += eps;
    const up = softmaxObjective(probe, data.x, data.y).loss;
    probe.weights[1] -= 2 * eps;
    const down = softmaxObjective(probe, data.x, data.y).loss;
    expect((up - down) / (2 * eps)).toBeCloseTo(gradient[1], 6);
  });

  it('ignores a feature that never varies and standardizes the others', () => {
    const random = mulberry32(5);
    const x = Array.from({ length: 100 }, (_, i) => [i % 2 === 0 ? 1000 + random() : 1010 + random(), 7]);
    const y = x.map((_, i) => i % 2);
    const model = fitSoftmaxRegression(x, y, 2);
    expect(model.scale[1]).toBe(1);
    expect(classificationAccuracy(model, x, y)).toBe(1);
  });

  it('refuses labels outside its classes and mismatched lengths', () => {
    expect(() => fitSoftmaxRegression([[1], [2]], [0, 3], 2)).toThrow(/labels must be integers in \[0, 2\)/);
    expect(() => fitSoftmaxRegression([[1]], [0, 1], 2)).toThrow(/1 feature rows and 2 labels/);
  });
});
