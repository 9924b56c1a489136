import { gaussianQuantiles } from '../math/inverse-normal-cdf';
import type { CodeFrame } from './code-frame';

/**
 * The codes of a side × side manifold grid of a 2-d latent space (Kingma & Welling 2013, Fig. 4): both axes at the
 * Gaussian quantiles Φ⁻¹((i + ½)/side), placed in `frame`. Row-major as drawn: z₁ grows left to right, z₂ grows
 * bottom to top (the first row has the largest z₂). `z1` and `z2` are the axes' values in code space.
 */
export function manifoldCodes(side: number, frame: CodeFrame): { codes: Float32Array; quantiles: number[]; z1: number[]; z2: number[] } {
  if (frame.centre.length !== 2) throw new RangeError(`manifoldCodes: a manifold grid needs a 2-d latent space, this one has ${frame.centre.length} dimensions`);
  const quantiles = gaussianQuantiles(side);
  const z1 = quantiles.map((q) => frame.centre[0] + q * frame.scale[0]);
  const z2 = quantiles.map((q) => frame.centre[1] + q * frame.scale[1]).reverse();
  const codes = new Float32Array(side * side * 2);
  for (let row = 0; row < side; row++) {
    for (let col = 0; col < side; col++) {
      codes[(row * side + col) * 2] = z1[col];
      codes[(row * side + col) * 2 + 1] = z2[row];
    }
  }
  return { codes, quantiles, z1, z2 };
}
