/**
 * Multinomial logistic (softmax) regression in float64: a linear classifier p(y = c | x) ∝ exp(w_c·x̂ + b_c) on
 * standardized features x̂, fitted by minimizing the mean cross-entropy plus (λ/2)‖W‖² (biases not penalized) with
 * Nesterov's accelerated gradient descent at step 1/L. λ = 1/n by default, the objective of scikit-learn's
 * LogisticRegression(C=1) divided by n, which disentanglement_lib's BetaVAE score uses.
 */

export interface SoftmaxRegression {
  classes: number;
  dims: number;
  /** Standardization fitted on the training features: x̂ = (x − mean) / scale. */
  mean: Float64Array;
  scale: Float64Array;
  /** classes × (dims + 1), row-major: each class's weights, then its bias. */
  weights: Float64Array;
}

export interface SoftmaxFitOptions {
  /** L2 weight λ on the weights; default 1/n. */
  l2?: number;
  iterations?: number;
}

/** Class probabilities of standardized features `xs` (length dims) into `out` (length classes). */
function probabilities(model: SoftmaxRegression, weights: Float64Array, xs: Float64Array, out: Float64Array): void {
  const { classes, dims } = model;
  let max = Number.NEGATIVE_INFINITY;
  for (let c = 0; c < classes; c++) {
    const row = c * (dims + 1);
    let logit = weights[row + dims];
    for (let j = 0; j < dims; j++) logit += weights[row + j] * xs[j];
    out[c] = logit;
    if (logit > max) max = logit;
  }
  let sum = 0;
  for (let c = 0; c < classes; c++) {
    out[c] = Math.exp(out[c] - max);
    sum += out[c];
  }
  for (let c = 0; c < classes; c++) out[c] /= sum;
}

function standardized(model: Pick<SoftmaxRegression, 'mean' | 'scale' | 'dims'>, x: ArrayLike<number>, out: Float64Array): Float64Array {
  for (let j = 0; j < model.dims; j++) out[j] = (x[j] - model.mean[j]) / model.scale[j];
  return out;
}

/** The mean cross-entropy plus (λ/2)‖W‖² of `weights`, and its gradient into `grad`. */
function objective(model: SoftmaxRegression, weights: Float64Array, xs: Float64Array[], y: readonly number[], l2: number, grad: Float64Array): number {
  const { classes, dims } = model;
  const n = xs.length;
  const p = new Float64Array(classes);
  grad.fill(0);
  let loss = 0;
  for (let i = 0; i < n; i++) {
    probabilities(model, weights, xs[i], p);
    loss -= Math.log(Math.max(p[y[i]], Number.MIN_VALUE));
    for (let c = 0; c < classes; c++) {
      const residual = (p[c] - (c === y[i] ? 1 : 0)) / n;
      const row = c * (dims + 1);
      for (let j = 0; j < dims; j++) grad[row + j] += residual * xs[i][j];
      grad[row + dims] += residual;
    }
  }
  loss /= n;
  for (let c = 0; c < classes; c++) {
    for (let j = 0; j < dims; j++) {
      const w = weights[c * (dims + 1) + j];
      loss += 0.5 * l2 * w * w;
      grad[c * (dims + 1) + j] += l2 * w;
    }
  }
  return loss;
}

/** Fits the classifier to feature rows `x` (each of length dims) with labels `y` in 0 … classes − 1. */
export function fitSoftmaxRegression(x: readonly ArrayLike<number>[], y: readonly number[], classes: number, options: SoftmaxFitOptions = {}): SoftmaxRegression {
  const n = x.length;
  if (n === 0 || y.length !== n) throw new RangeError(`fitSoftmaxRegression: ${n} feature rows and ${y.length} labels`);
  const dims = x[0].length;
  if (y.some((label) => !Number.isInteger(label) || label < 0 || label >= classes)) throw new RangeError(`fitSoftmaxRegression: labels must be integers in [0, ${classes})`);
  const mean = new Float64Array(dims);
  const scale = new Float64Array(dims);
  for (const row of x) for (let j = 0; j < dims; j++) mean[j] += row[j] / n;
  for (const row of x) for (let j = 0; j < dims; j++) scale[j] += (row[j] - mean[j]) ** 2 / n;
  // A feature that never varies standardizes to 0 (divided by 1, not by its zero spread).
  for (let j = 0; j < dims; j++) scale[j] = scale[j] > 1e-24 ? Math.sqrt(scale[j]) : 1;
  const model: SoftmaxRegression = { classes, dims, mean, scale, weights: new Float64Array(classes * (dims + 1)) };
  const xs = x.map((row) => standardized(model, row, new Float64Array(dims)));
  const l2 = options.l2 ?? 1 / n;
  // Böhning's bound: the cross-entropy's Hessian is at most ½·XᵀX/n, whose largest eigenvalue is at most its trace
  // (at most dims + 1 for standardized features with a bias column).
  let trace = 1;
  for (const row of xs) for (let j = 0; j < dims; j++) trace += (row[j] * row[j]) / n;
  const step = 1 / (0.5 * trace + l2);
  const iterations = options.iterations ?? 500;
  const size = model.weights.length;
  let w = new Float64Array(size);
  let previous = new Float64Array(size);
  const lookahead = new Float64Array(size);
  const grad = new Float64Array(size);
  for (let t = 1; t <= iterations; t++) {
    const momentum = (t - 1) / (t + 2);
    for (let i = 0; i < size; i++) lookahead[i] = w[i] + momentum * (w[i] - previous[i]);
    objective(model, lookahead, xs, y, l2, grad);
    // The step from the look-ahead point becomes the new iterate; the old one is kept for the next momentum.
    [previous, w] = [w, previous];
    for (let i = 0; i < size; i++) w[i] = lookahead[i] - step * grad[i];
  }
  model.weights = w;
  return model;
}

/** The fitted objective (mean cross-entropy + (λ/2)‖W‖²) and its gradient at the model's weights: for checking a fit. */
export function softmaxObjective(model: SoftmaxRegression, x: readonly ArrayLike<number>[], y: readonly number[], l2 = 1 / x.length): { loss: number; gradient: Float64Array } {
  const xs = x.map((row) => standardized(model, row, new Float64Array(model.dims)));
  const gradient = new Float64Array(model.weights.length);
  return { loss: objective(model, model.weights, xs, y, l2, gradient), gradient };
}

/** The most probable class of one feature row. */
export function predictClass(model: SoftmaxRegression, x: ArrayLike<number>): number {
  const p = new Float64Array(model.classes);
  probabilities(model, model.weights, standardized(model, x, new Float64Array(model.dims)), p);
  let best = 0;
  for (let c = 1; c < model.classes; c++) if (p[c] > p[best]) best = c;
  return best;
}

/** The fraction of rows whose predicted class is their label. */
export function classificationAccuracy(model: SoftmaxRegression, x: readonly ArrayLike<number>[], y: readonly number[]): number {
  if (x.length === 0) return Number.NaN;
  let right = 0;
  for (let i = 0; i < x.length; i++) if (predictClass(model, x[i]) === y[i]) right++;
  return right / x.length;
}
