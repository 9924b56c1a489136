import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { disposePropagation, propagate, sparsePropagation } from '../../../../../src-main/trainer/graph/message-passing';
import { useWasm } from '../../../../helpers/train-in-process';

beforeAll(useWasm);

describe('message passing without a dense adjacency', () => {
  it('computes M · H for a sparse M with gathers and segment sums, the same as the dense product, with its gradient', async () => {
    // M on 4 nodes: a path 0–1–2–3 with self-loops, arbitrary weights (a node with two incoming entries, one with none from others).
    const entries: [number, number, number][] = [[0, 0, 0.5], [0, 1, 0.25], [1, 0, 0.25], [1, 1, 1], [1, 2, -2], [2, 1, 3], [2, 2, 0.1], [3, 2, 0.7], [3, 3, 1.5]];
    const dense = Array.from({ length: 4 }, () => new Array<number>(4).fill(0));
    for (const [r, c, w] of entries) dense[r][c] += w;
    const h = tf.tensor2d([1, 2, 3, 4, 5, 6, 7, 8], [4, 2]);
    const p = sparsePropagation(4, Int32Array.from(entries.map((e) => e[0])), Int32Array.from(entries.map((e) => e[1])), Float32Array.from(entries.map((e) => e[2])));
    const expected = tf.matMul(tf.tensor2d(dense), h);
    expect(Array.from(await propagate(p, h).data())).toEqual(Array.from(await expected.data()).map((v) => expect.closeTo(v, 5)));
    // d/dH Σ (M·H) = Mᵀ · 1: the column sums of M, per node.
    const grad = tf.grad((x: tf.Tensor) => tf.sum(propagate(p, x as tf.Tensor2D)))(h);
    const columnSums = [0, 1, 2, 3].map((c) => dense.reduce((s, row) => s + row[c], 0));
    expect(Array.from(await grad.data())).toEqual(columnSums.flatMap((s) => [s, s]).map((v) => expect.closeTo(v, 5)));
    disposePropagation(p);
  });
});
