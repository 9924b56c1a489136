import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** What tfjs-node-gpu 4.22 was built against: TensorFlow 2.9's GPU build. */
const NEEDS = 'CUDA 11.2 and cuDNN 8.1 (libcudart.so.11.0, libcublas.so.11, libcudnn.so.8)';

/** What is known about the machine's NVIDIA driver: its version and the newest CUDA it runs, when nvidia-smi tells. */
export interface DriverInfo {
  version: string | null;
  cuda: string | null;
}

/**
 * The loaded NVIDIA kernel driver (Linux: /proc/driver/nvidia/version) and, with `askSmi`, the CUDA version it
 * supports from nvidia-smi (which can take seconds: only when tfjs-node-gpu is installed and failed, and a driver
 * is loaded).
 */
export function readNvidiaDriver(askSmi = true): DriverInfo {
  let version: string | null = null;
  let cuda: string | null = null;
  try {
    version = /Kernel Module\s+([\d.]+)/.exec(readFileSync('/proc/driver/nvidia/version', 'utf8'))?.[1] ?? null;
  } catch {
    // No NVIDIA kernel module loaded (or not Linux).
  }
  if (!askSmi || version === null) return { version, cuda };
  try {
    const smi = execFileSync('nvidia-smi', [], { encoding: 'utf8', timeout: 3000, stdio: ['ignore', 'pipe', 'ignore'] });
    cuda = /CUDA Version:\s*([\d.]+)/.exec(smi)?.[1] ?? null;
    version ??= /Driver Version:\s*([\d.]+)/.exec(smi)?.[1] ?? null;
  } catch {
    // nvidia-smi is not installed or found no GPU.
  }
  return { version, cuda };
}

/**
 * Why @tensorflow/tfjs-node-gpu did not load, in words a user can act on: the shared library that was missing (from
 * the loader's message), what the loaded driver supports, and what to install, or the WebGPU backend instead.
 */
export function explainTensorflowGpuFailure(message: string, driver: DriverInfo, platform: NodeJS.Platform = process.platform): string {
  const driverText = driver.version
    ? `the NVIDIA driver ${driver.version} is loaded${driver.cuda ? ` (it runs CUDA up to ${driver.cuda}, which includes 11.x libraries)` : ''}`
    : 'no NVIDIA driver is loaded';
  const missing = /(lib[\w.+-]+\.so(?:\.[\d.]+)?): cannot open shared object file/.exec(message)?.[1];
  if (/Cannot find module '@tensorflow\/tfjs-node-gpu'|is not installed/.test(message)) {
    return `@tensorflow/tfjs-node-gpu is not installed (an optional dependency; it downloads TensorFlow's GPU library at install time and needs ${NEEDS}); ${driverText}. The WebGPU backend needs no CUDA.`;
  }
  if (platform !== 'linux') {
    return `@tensorflow/tfjs-node-gpu runs on Linux x64 with an NVIDIA GPU only, not on ${platform}: the WebGPU backend drives this machine's GPU instead.`;
  }
  if (missing) {
    const which = /cudnn/.test(missing) ? 'cuDNN 8.1' : /cublas|cufft|curand|cusolver|cusparse|cudart/.test(missing) ? 'the CUDA 11.2 runtime' : /libcuda\.so/.test(missing) ? 'the NVIDIA driver' : 'a library TensorFlow needs';
    const install = /libcuda\.so/.test(missing)
      ? 'install the NVIDIA driver for this GPU'
      : `install ${which} beside the driver (for example the cuda-libraries-11-2 and libcudnn8 packages from NVIDIA's repository) and make sure the loader finds them (LD_LIBRARY_PATH or ldconfig)`;
    return `${missing} was not found: tfjs-node-gpu 4.22 needs ${NEEDS}, and ${which} is missing; ${driverText}. To use it, ${install}; or use the WebGPU backend, which needs no CUDA.`;
  }
  const first = message.split('\n')[0].replace(/^@tensorflow\/tfjs-node-gpu failed to load: /, '');
  return `@tensorflow/tfjs-node-gpu failed to load (${first}); it needs ${NEEDS} on Linux x64 with an NVIDIA GPU; ${driverText}. The WebGPU backend needs no CUDA.`;
}
