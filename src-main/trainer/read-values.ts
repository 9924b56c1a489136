import * as tf from '@tensorflow/tfjs';

/**
 * The values of a tensor computed in a tidy scope, read after the scope: every intermediate is freed, and so is the
 * result once read. (Returning a typed array from tf.tidy itself makes tfjs walk every element of it looking for
 * tensors to keep: about 50 ms per 200,000 values, more than the decode that produced them.)
 */
export function readValues(build: () => tf.Tensor): Float32Array {
  const result = tf.tidy(build);
  try {
    return result.dataSync() as Float32Array;
  } finally {
    result.dispose();
  }
}
