import * as tf from '@tensorflow/tfjs';
import { tfSeed } from '../tf-seed';

let stepSeed = 0;

/** The training loop calls this before each step: dropout masks then differ per step yet repeat for a seed. */
export function setDropoutStep(seed: number): void {
  stepSeed = seed;
}

/**
 * Dropout whose mask follows the training step. tf.layers.dropout takes one fixed seed and would drop the same
 * units on every step (a fixed pruned network, not dropout); without a seed, runs would not be reproducible.
 */
export class StepSeededDropout extends tf.layers.Layer {
  static readonly className = 'StepSeededDropout';
  private readonly rate: number;
  private readonly offset: number;

  constructor(config: { name: string; rate: number; offset: number }) {
    super({ name: config.name });
    this.rate = config.rate;
    this.offset = config.offset;
  }

  call(inputs: tf.Tensor | tf.Tensor[], kwargs: { training?: boolean }): tf.Tensor {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    if (!kwargs.training || this.rate === 0) return x.clone();
    return tf.dropout(x, this.rate, undefined, tfSeed(stepSeed * 31 + this.offset));
  }

  computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape | tf.Shape[] {
    return inputShape;
  }

  getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), rate: this.rate, offset: this.offset };
  }
}
