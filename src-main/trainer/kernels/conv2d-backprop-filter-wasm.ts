import * as tf from '@tensorflow/tfjs';
import type { WasmBackend } from './wasm-backend';

interface Attrs {
  strides: [number, number] | number;
  pad: 'same' | 'valid' | number;
  dataFormat: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  filterShape: [number, number, number, number];
}

/**
 * ∂L/∂W of a 2-D convolution, the kernel tfjs-backend-wasm lacks (so convolutions could not train on the embedded
 * backend). dW[r, c, i, o] = Σ_{b, y, x} X[b, y·s + r − top, x·s + c − left, i] · dY[b, y, x, o] (NHWC, dilation 1),
 * computed in JavaScript with the output-channel loop innermost over contiguous memory.
 */
export function conv2dBackpropFilter(x: Float32Array, xShape: number[], dy: Float32Array, dyShape: number[], attrs: Attrs): Float32Array {
  if (attrs.dataFormat === 'NCHW') throw new Error('Conv2DBackpropFilter on wasm: only NHWC (channels-last) is supported');
  const [batch, inH, inW, inC] = xShape;
  const info = tf.backend_util.computeConv2DInfo(
    xShape as [number, number, number, number],
    attrs.filterShape,
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
  );
  const { strideHeight: sh, strideWidth: sw, filterHeight: fh, filterWidth: fw, outHeight, outWidth } = info;
  const outC = dyShape[3];
  const top = info.padInfo.top;
  const left = info.padInfo.left;
  const dw = new Float32Array(fh * fw * inC * outC);
  for (let r = 0; r < fh; r++) {
    const yMin = Math.max(0, Math.ceil((top - r) / sh));
    const yMax = Math.min(outHeight, Math.floor((inH + top - r - 1) / sh) + 1);
    for (let c = 0; c < fw; c++) {
      const xMin = Math.max(0, Math.ceil((left - c) / sw));
      const xMax = Math.min(outWidth, Math.floor((inW + left - c - 1) / sw) + 1);
      const base = (r * fw + c) * inC * outC;
      for (let b = 0; b < batch; b++) {
        for (let y = yMin; y < yMax; y++) {
          const row = y * sh + r - top;
          for (let xo = xMin; xo < xMax; xo++) {
            const col = xo * sw + c - left;
            const xOff = ((b * inH + row) * inW + col) * inC;
            const dyOff = ((b * outHeight + y) * outWidth + xo) * outC;
            for (let i = 0; i < inC; i++) {
              const xv = x[xOff + i];
              if (xv === 0) continue;
              const wOff = base + i * outC;
              for (let o = 0; o < outC; o++) dw[wOff + o] += xv * dy[dyOff + o];
            }
          }
        }
      }
    }
  }
  return dw;
}

let registered = false;

/** Registers the kernel with the wasm backend (once). */
export function registerWasmConvGradients(): void {
  if (registered || tf.getKernel('Conv2DBackpropFilter', 'wasm')) return;
  registered = true;
  tf.registerKernel({
    kernelName: 'Conv2DBackpropFilter',
    backendName: 'wasm',
    kernelFunc: ({ inputs, backend, attrs }) => {
      const wasm = backend as unknown as WasmBackend;
      const { x, dy } = inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
      const a = attrs as unknown as Attrs;
      const result = conv2dBackpropFilter(wasm.readSync(x.dataId), x.shape, wasm.readSync(dy.dataId), dy.shape, a);
      const out = wasm.makeOutput(a.filterShape, 'float32');
      (wasm.typedArrayFromHeap(out) as Float32Array).set(result);
      return out;
    },
  });
}
