import { setFlagsFromString } from 'node:v8';
import wabtInit from 'wabt';
import { PANEL_COLUMNS, TILE_ROWS } from './gemm-wat';
import { kernelModuleWat } from './module-wat';

/** The parts of tfjs-backend-wasm's emscripten module the kernels use: its memory and its allocator. */
export interface EmscriptenModuleLike {
  asm: { memory: WebAssembly.Memory };
  _malloc(bytes: number): number;
  _free(pointer: number): void;
}

interface KernelExports {
  gemm(ap: number, bp: number, c: number, m: number, n: number, k: number, bias: number, relu: number, tile: number): void;
  pack_a(src: number, dst: number, m: number, k: number, trans: number): void;
  pack_b(src: number, dst: number, k: number, n: number, trans: number): void;
  pad_copy(src: number, dst: number, n: number, total: number): void;
  adam(...args: number[]): void;
  gather_rows(src: number, idx: number, count: number, rowBytes: number, dst: number): void;
  copy_bytes(dst: number, src: number, n: number): void;
  bernoulli_nll(l: number, x: number, rows: number, d: number, out: number, pad: number): void;
  bernoulli_grad(l: number, x: number, dy: number, rows: number, d: number, out: number, pad: number): void;
  column_sums(src: number, rows: number, cols: number, dst: number): void;
}

/** Byte offsets into the shared memory, and sizes, for one C = op(A)·op(B) (+ bias, ReLU). */
export interface GemmCall {
  a: number;
  transposeA: boolean;
  b: number;
  transposeB: boolean;
  c: number;
  m: number;
  n: number;
  k: number;
  /** 0 for none. */
  bias: number;
  relu: boolean;
}

export interface AdamCall {
  value: number;
  m: number;
  v: number;
  gradient: number;
  outValue: number;
  outM: number;
  outV: number;
  length: number;
  beta1: number;
  beta2: number;
  /** 1 − β1ᵗ and 1 − β2ᵗ, as float32 values. */
  correction1: number;
  correction2: number;
  epsilon: number;
  learningRate: number;
}

export interface SimdKernels {
  /** Whether the GEMM tiles use relaxed-SIMD fused multiply-add. */
  readonly fma: boolean;
  gemm(call: GemmCall): void;
  adam(call: AdamCall): void;
  /** Copies rows indices[0..count) (int32 at `indices`) of `src` (rowBytes each) to consecutive rows of `dst`. */
  gatherRows(src: number, indices: number, count: number, rowBytes: number, dst: number): void;
  copyBytes(dst: number, src: number, bytes: number): void;
  /** Per-row Bernoulli negative log-likelihood of targets x under logits l (rows × d) into out (rows). */
  bernoulliNll(l: number, x: number, rows: number, d: number, out: number): void;
  /** Its gradient with respect to the logits, scaled per row by dy: dy_i·(σ(l) − x). */
  bernoulliGrad(l: number, x: number, dy: number, rows: number, d: number, out: number): void;
  /** dst[j] = Σ_i src[i][j] over a rows × cols block. */
  columnSums(src: number, rows: number, cols: number, dst: number): void;
}

const FEATURES = { simd: true, bulk_memory: true, relaxed_simd: true };

/** Whether this engine runs relaxed SIMD, switching on V8's flag for it where it exists but is off (Node 20). */
function relaxedSimdAvailable(binary: Uint8Array): boolean {
  if (WebAssembly.validate(binary)) return true;
  try {
    setFlagsFromString('--experimental-wasm-relaxed-simd');
  } catch {
    return false;
  }
  return WebAssembly.validate(binary);
}

/**
 * Compiles the kernel module (WebAssembly text generated in ./*-wat.ts, assembled by wabt) with FMA where the engine
 * has relaxed SIMD and plain SIMD otherwise, and instantiates it on tfjs-backend-wasm's own memory. Packed-B panels
 * live in one grow-only scratch block taken from tfjs' allocator. `allowFma: false` forces plain SIMD (tests).
 */
export async function loadSimdKernels(wasm: EmscriptenModuleLike, options: { allowFma?: boolean } = {}): Promise<SimdKernels> {
  const wabt = await wabtInit();
  const assemble = (fma: boolean): Uint8Array => {
    const module = wabt.parseWat('latent-lab-kernels.wat', kernelModuleWat(fma), FEATURES);
    try {
      module.validate();
      return module.toBinary({}).buffer;
    } finally {
      module.destroy();
    }
  };
  const withFma = assemble(true);
  const fma = options.allowFma !== false && relaxedSimdAvailable(withFma);
  const binary = fma ? withFma : assemble(false);
  const { instance } = await WebAssembly.instantiate(binary, { env: { memory: wasm.asm.memory } });
  const k = instance.exports as unknown as KernelExports;

  let scratch = 0;
  let scratchBytes = 0;
  const reserve = (bytes: number): number => {
    if (bytes > scratchBytes) {
      if (scratch) wasm._free(scratch);
      scratchBytes = Math.max(bytes, scratchBytes * 2, 4096);
      scratch = wasm._malloc(scratchBytes + 16);
      if (!scratch) throw new Error(`wasm kernels: could not allocate ${scratchBytes} bytes of scratch memory`);
    }
    return (scratch + 15) & ~15;
  };

  const pad = wasm._malloc(64);
  if (!pad) throw new Error('wasm kernels: could not allocate 64 bytes of scratch memory');

  return {
    fma,
    bernoulliNll: (l, x, rows, d, out) => k.bernoulli_nll(l, x, rows, d, out, pad),
    bernoulliGrad: (l, x, dy, rows, d, out) => k.bernoulli_grad(l, x, dy, rows, d, out, pad),
    columnSums: (src, rows, cols, dst) => k.column_sums(src, rows, cols, dst),
    gemm(call) {
      const { m, n, k: depth } = call;
      if (m === 0 || n === 0) return;
      const padded = Math.ceil(n / PANEL_COLUMNS) * PANEL_COLUMNS;
      const rows = Math.ceil(m / TILE_ROWS) * TILE_ROWS;
      const tileBytes = 4 * PANEL_COLUMNS * 4;
      const base = reserve(tileBytes + padded * 4 + padded * depth * 4 + rows * depth * 4);
      const tile = base;
      const bias = base + tileBytes;
      const packedB = bias + padded * 4;
      const packedA = packedB + padded * depth * 4;
      k.pack_b(call.b, packedB, depth, n, call.transposeB ? 1 : 0);
      k.pack_a(call.a, packedA, m, depth, call.transposeA ? 1 : 0);
      if (call.bias) k.pad_copy(call.bias, bias, n, padded);
      k.gemm(packedA, packedB, call.c, m, n, depth, call.bias ? bias : 0, call.relu ? 1 : 0, tile);
    },
    gatherRows: (src, indices, count, rowBytes, dst) => k.gather_rows(src, indices, count, rowBytes, dst),
    copyBytes: (dst, src, bytes) => k.copy_bytes(dst, src, bytes),
    adam(c) {
      const f = Math.fround;
      k.adam(c.value, c.m, c.v, c.gradient, c.outValue, c.outM, c.outV, c.length,
        f(c.beta1), f(1 - c.beta1), f(c.beta2), f(1 - c.beta2), f(c.correction1), f(c.correction2), f(c.epsilon), f(-c.learningRate));
    },
  };
}
