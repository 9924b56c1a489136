import * as tf from '@tensorflow/tfjs';
import type { TrainingConfig } from '../../src-shared/config/run-config';
import { FusedAdamOptimizer } from './fused-adam';

/** The optimizer a run config names: Adam (Kingma & Ba 2015), SGD with heavy-ball momentum, or RMSprop. */
export function createOptimizer(training: TrainingConfig): tf.Optimizer {
  switch (training.optimizer) {
    case 'adam':
      return new FusedAdamOptimizer(training.learningRate);
    case 'sgd':
      return tf.train.momentum(training.learningRate, training.momentum);
    case 'rmsprop':
      return tf.train.rmsprop(training.learningRate, 0.9, training.momentum);
  }
}
