import * as tf from '@tensorflow/tfjs';
import { FUSED_ADAM, type FusedAdamAttrs, adamInPlace } from './kernels/simd/adam-kernel';

/** AdamOptimizer's private state, which this subclass updates exactly as tfjs does. */
interface AdamState {
  accBeta1: tf.Variable;
  accBeta2: tf.Variable;
  accumulatedFirstMoment: { originalName: string; variable: tf.Variable }[];
  accumulatedSecondMoment: { originalName: string; variable: tf.Variable }[];
}

/**
 * tfjs' Adam with the per-variable update done by one fused kernel where the backend has it (wasm, with Latent
 * Lab's SIMD kernels): the same state, moments, bias correction and float32 bits as tf.train.adam, so checkpoints
 * (getWeights/setWeights, inherited) and curves are interchangeable; other backends run tfjs' own update.
 */
export class FusedAdamOptimizer extends tf.AdamOptimizer {
  constructor(learningRate: number, beta1 = 0.9, beta2 = 0.999, epsilon?: number) {
    super(learningRate, beta1, beta2, epsilon);
  }

  override applyGradients(variableGradients: Parameters<tf.AdamOptimizer['applyGradients']>[0]): void {
    if (!tf.getKernel(FUSED_ADAM, tf.getBackend())) {
      super.applyGradients(variableGradients);
      return;
    }
    const state = this as unknown as AdamState;
    const names = Array.isArray(variableGradients) ? variableGradients.map((v) => v.name) : Object.keys(variableGradients);
    const attrs: FusedAdamAttrs = { beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon, learningRate: this.learningRate };
    tf.tidy(() => {
      const correction1 = tf.sub(1, state.accBeta1);
      const correction2 = tf.sub(1, state.accBeta2);
      const [c1, c2] = [correction1.dataSync()[0], correction2.dataSync()[0]];
      names.forEach((name, i) => {
        const value = tf.engine().registeredVariables[name];
        state.accumulatedFirstMoment[i] ??= { originalName: `${name}/m`, variable: tf.tidy(() => tf.zerosLike(value).variable(false)) };
        state.accumulatedSecondMoment[i] ??= { originalName: `${name}/v`, variable: tf.tidy(() => tf.zerosLike(value).variable(false)) };
        const gradient = Array.isArray(variableGradients) ? variableGradients[i].tensor : variableGradients[name];
        if (gradient == null) return;
        const m = state.accumulatedFirstMoment[i].variable;
        const v = state.accumulatedSecondMoment[i].variable;
        if (adamInPlace({ value, m, v, g: gradient }, c1, c2, attrs)) return;
        const [newValue, newM, newV] = tf
          .engine()
          .runKernel(FUSED_ADAM, { value, m, v, g: gradient, correction1, correction2 }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor[];
        m.assign(newM);
        v.assign(newV);
        value.assign(newValue);
      });
      state.accBeta1.assign(tf.mul(state.accBeta1, this.beta1));
      state.accBeta2.assign(tf.mul(state.accBeta2, this.beta2));
    });
    this.incrementIterations();
  }
}

/** Adam's bias-correction accumulators β₁ᵗ and β₂ᵗ, as the float32 values training has multiplied them to. */
export interface AdamPowers {
  accBeta1: number;
  accBeta2: number;
}

const adamState = (optimizer: tf.Optimizer): (AdamState & { beta1: number; beta2: number }) | null =>
  optimizer.getClassName() === 'Adam' ? (optimizer as unknown as AdamState & { beta1: number; beta2: number }) : null;

/**
 * What getWeights leaves out of Adam's state. tfjs' setWeights rebuilds the accumulators as pow(β, t + 1), while
 * training multiplies them step by step in float32: the two differ in the last bits, and a resumed run would drift
 * from an uninterrupted one. A checkpoint stores these and restoreAdamPowers puts them back after setWeights.
 */
export async function adamPowers(optimizer: tf.Optimizer): Promise<AdamPowers | null> {
  const state = adamState(optimizer);
  if (!state) return null;
  const [b1, b2] = await Promise.all([state.accBeta1.data(), state.accBeta2.data()]);
  return { accBeta1: b1[0], accBeta2: b2[0] };
}

/**
 * Puts Adam's accumulators back after setWeights: the saved values, or for checkpoints written before they were
 * saved, the float32 product training would have reached after `iterations` steps (β·β·…·β rounded at every
 * step, as tf.mul rounds it; a float32 × float32 product is exact in float64, so Math.fround rounds it the same).
 */
export function restoreAdamPowers(optimizer: tf.Optimizer, powers: AdamPowers | null, iterations: number): void {
  const state = adamState(optimizer);
  if (!state) return;
  const replay = (beta: number) => {
    const b = Math.fround(beta);
    let acc = b;
    for (let t = 0; t < iterations; t++) acc = Math.fround(acc * b);
    return acc;
  };
  const values = powers ?? { accBeta1: replay(state.beta1), accBeta2: replay(state.beta2) };
  tf.tidy(() => {
    state.accBeta1.assign(tf.scalar(values.accBeta1));
    state.accBeta2.assign(tf.scalar(values.accBeta2));
  });
}
