import { createRequire } from 'node:module';
import * as tf from '@tensorflow/tfjs';
import type { BackendName, BackendReport } from '../../src-shared/contract/types';
import { registerWasmConvGradients } from './kernels/conv2d-backprop-filter-wasm';
import { registerFastTransposedMatMul } from './kernels/fast-transposed-matmul-wasm';
import { registerWasmSegmentSum } from './kernels/unsorted-segment-sum-wasm';
import { installSimdKernels } from './kernels/simd/install';
import { describeAdapter, openWebGpu, releaseWebGpu } from './gpu/webgpu-adapter';
import { explainTensorflowGpuFailure, readNvidiaDriver } from './gpu/tensorflow-gpu-diagnosis';

const nodeRequire = createRequire(__filename);

interface Candidate {
  backend: BackendName;
  /** tfjs' registered name for it. */
  tfName: string;
  /** `forced`: the user asked for this backend by name (LATENT_LAB_BACKEND), which also takes a software GPU. */
  load(forced: boolean): Promise<string>;
  /** Set-up once the backend is active; returns more detail for the report. */
  afterReady?(): Promise<string>;
}

function describeLoadError(pkg: string, error: unknown): string {
  const err = error as NodeJS.ErrnoException;
  if (err?.code === 'MODULE_NOT_FOUND' && String(err.message).includes(pkg)) {
    return `${pkg} is not installed`;
  }
  const first = String(err?.message ?? error).split('\n')[0];
  return `${pkg} failed to load: ${first}`;
}

const CANDIDATES: Candidate[] = [
  {
    backend: 'tensorflow-gpu',
    tfName: 'tensorflow',
    async load() {
      try {
        nodeRequire('@tensorflow/tfjs-node-gpu');
      } catch (error) {
        const reason = describeLoadError('@tensorflow/tfjs-node-gpu', error);
        // Not installed (the usual case): the driver's version is enough, and nvidia-smi is not run at every start.
        throw new Error(explainTensorflowGpuFailure(reason, readNvidiaDriver(!/is not installed/.test(reason))));
      }
      return 'TensorFlow C library, CUDA';
    },
  },
  {
    backend: 'webgpu',
    tfName: 'webgpu',
    async load(forced) {
      // Dawn is only opened when tfjs can use it.
      try {
        nodeRequire.resolve('@tensorflow/tfjs-backend-webgpu');
      } catch (error) {
        throw new Error(describeLoadError('@tensorflow/tfjs-backend-webgpu', error));
      }
      const adapter = await openWebGpu();
      if (adapter.software && !forced) {
        releaseWebGpu();
        throw new Error(`the WebGPU adapter is a software one (${describeAdapter(adapter)}): skipped, the CPU backends are faster; LATENT_LAB_BACKEND=webgpu uses it anyway`);
      }
      try {
        nodeRequire('@tensorflow/tfjs-backend-webgpu');
      } catch (error) {
        throw new Error(describeLoadError('@tensorflow/tfjs-backend-webgpu', error));
      }
      return `tfjs-backend-webgpu on Dawn: ${describeAdapter(adapter)}`;
    },
  },
  {
    backend: 'tensorflow',
    tfName: 'tensorflow',
    async load() {
      try {
        nodeRequire('@tensorflow/tfjs-node');
      } catch (error) {
        throw new Error(`${describeLoadError('@tensorflow/tfjs-node', error)} (optional; install it for native CPU kernels)`);
      }
      return 'TensorFlow C library, CPU';
    },
  },
  {
    backend: 'wasm',
    tfName: 'wasm',
    async load() {
      nodeRequire('@tensorflow/tfjs-backend-wasm');
      registerWasmConvGradients();
      registerWasmSegmentSum();
      registerFastTransposedMatMul();
      return 'tfjs-backend-wasm (XNNPACK, embedded)';
    },
    async afterReady() {
      try {
        return await installSimdKernels();
      } catch (error) {
        return `XNNPACK only: Latent Lab's SIMD kernels did not load (${error instanceof Error ? error.message : String(error)})`;
      }
    },
  },
  {
    backend: 'cpu',
    tfName: 'cpu',
    async load() {
      return 'tfjs-backend-cpu (plain JavaScript)';
    },
  },
];

const BACKEND_NAMES = CANDIDATES.map((c) => c.backend);

/**
 * Picks the best compute backend that loads, best first: tfjs-node-gpu → webgpu (a hardware adapter) → tfjs-node →
 * wasm → cpu.
 * `forced` (LATENT_LAB_BACKEND) starts the search at that backend; each skipped one keeps its reason.
 */
export async function selectBackend(forced?: string): Promise<BackendReport> {
  if (forced && !BACKEND_NAMES.includes(forced as BackendName)) {
    throw new Error(`LATENT_LAB_BACKEND='${forced}' is not a backend (choose one of ${BACKEND_NAMES.join(', ')})`);
  }
  const skipped: BackendReport['skipped'] = [];
  const start = forced ? BACKEND_NAMES.indexOf(forced as BackendName) : 0;
  for (const [i, candidate] of CANDIDATES.entries()) {
    if (i < start) {
      skipped.push({ backend: candidate.backend, reason: `not requested (LATENT_LAB_BACKEND=${forced})` });
      continue;
    }
    try {
      const detail = await candidate.load(forced === candidate.backend);
      const ok = await tf.setBackend(candidate.tfName);
      if (!ok) throw new Error(`tf.setBackend('${candidate.tfName}') returned false`);
      await tf.ready();
      const more = candidate.afterReady ? await candidate.afterReady() : undefined;
      return { chosen: candidate.backend, detail: more ? `${detail} + ${more}` : detail, skipped };
    } catch (error) {
      skipped.push({ backend: candidate.backend, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  throw new Error(`no compute backend could start: ${skipped.map((s) => `${s.backend}: ${s.reason}`).join('; ')}`);
}
