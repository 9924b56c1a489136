import * as tf from '@tensorflow/tfjs';

/**
 * The values of a tensor computed in a tidy scope, read after the scope: every intermediate is freed, and so is the
 * result once read. (Returning a typed array from tf.tidy itself makes tfjs walk every element of it looking for
 * tensors to keep: about 50 ms per 200,000 values, more than the decode that produced them.)
 *
 * The read is asynchronous: a GPU backend (webgpu) can only map its buffers back asynchronously, and the cpu and wasm
 * backends answer at once. No tidy scope may span the await (another request's tensors would be caught in it).
 */
export async function readValues(build: () => tf.Tensor): Promise<Float32Array> {
  const result = tf.tidy(build);
  try {
    return (await result.data()) as Float32Array;
  } finally {
    result.dispose();
  }
}

/** The values of several tensors (each already kept), read together; every one of them is disposed afterwards. */
export async function readAll<K extends string>(tensors: Record<K, tf.Tensor>): Promise<Record<K, Float32Array>> {
  const names = Object.keys(tensors) as K[];
  try {
    const arrays = await Promise.all(names.map((n) => tensors[n].data() as Promise<Float32Array>));
    return Object.fromEntries(names.map((n, i) => [n, arrays[i]])) as Record<K, Float32Array>;
  } finally {
    tf.dispose(names.map((n) => tensors[n]));
  }
}
