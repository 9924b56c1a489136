import { adamWat } from './adam-wat';
import { bernoulliWat } from './bernoulli-wat';
import { columnSumsWat } from './column-sums-wat';
import { copyWat } from './copy-wat';
import { gemmWat } from './gemm-wat';
import { packWat } from './pack-wat';

/**
 * The whole kernel module as WebAssembly text. It imports the memory of tfjs-backend-wasm, so kernels read their
 * inputs and write their outputs where tfjs keeps tensors, with no copies. `fma` selects relaxed-SIMD fused
 * multiply-add in the GEMM tiles (one instruction and one rounding per step, where the engine supports it).
 */
export function kernelModuleWat(fma: boolean): string {
  return `(module
(import "env" "memory" (memory 1))
${gemmWat(fma)}
${packWat()}
${adamWat()}
${copyWat()}
${bernoulliWat(fma)}
${columnSumsWat()}
)`;
}
