import { describe, expect, it } from 'vitest';
import { explainTensorflowGpuFailure } from '../../../../../src-main/trainer/gpu/tensorflow-gpu-diagnosis';

const loaderError = (lib: string) =>
  `@tensorflow/tfjs-node-gpu failed to load: ${lib}: cannot open shared object file: No such file or directory`;

describe('why tfjs-node-gpu did not load, in words a user can act on', () => {
  it('names a missing cuDNN, the driver that is loaded and what to install', () => {
    const text = explainTensorflowGpuFailure(loaderError('libcudnn.so.8'), { version: '550.54.14', cuda: '12.4' }, 'linux');
    expect(text).toMatch(/^libcudnn\.so\.8 was not found: tfjs-node-gpu 4\.22 needs CUDA 11\.2 and cuDNN 8\.1/);
    expect(text).toMatch(/cuDNN 8\.1 is missing; the NVIDIA driver 550\.54\.14 is loaded \(it runs CUDA up to 12\.4, which includes 11\.x libraries\)/);
    expect(text).toMatch(/install cuDNN 8\.1 beside the driver .*libcudnn8/);
    expect(text).toMatch(/WebGPU backend, which needs no CUDA/);
  });

  it('names a missing CUDA runtime library', () => {
    const text = explainTensorflowGpuFailure(loaderError('libcudart.so.11.0'), { version: null, cuda: null }, 'linux');
    expect(text).toMatch(/^libcudart\.so\.11\.0 was not found: .* the CUDA 11\.2 runtime is missing; no NVIDIA driver is loaded/);
    expect(text).toMatch(/cuda-libraries-11-2/);
  });

  it('asks for the driver when libcuda itself is missing', () => {
    expect(explainTensorflowGpuFailure(loaderError('libcuda.so.1'), { version: null, cuda: null }, 'linux')).toMatch(/To use it, install the NVIDIA driver for this GPU/);
  });

  it('says when the package is not installed, and that other platforms have only WebGPU', () => {
    expect(explainTensorflowGpuFailure('@tensorflow/tfjs-node-gpu is not installed', { version: null, cuda: null }, 'linux')).toMatch(/is not installed \(an optional dependency/);
    expect(explainTensorflowGpuFailure(loaderError('whatever'), { version: null, cuda: null }, 'darwin')).toMatch(/Linux x64 with an NVIDIA GPU only, not on darwin: the WebGPU backend/);
  });

  it('passes on any other loader message with what the package needs', () => {
    const text = explainTensorflowGpuFailure('@tensorflow/tfjs-node-gpu failed to load: undefined symbol: cudnnCreate\nmore', { version: '535.1', cuda: null }, 'linux');
    expect(text).toBe(
      '@tensorflow/tfjs-node-gpu failed to load (undefined symbol: cudnnCreate); it needs CUDA 11.2 and cuDNN 8.1 (libcudart.so.11.0, libcublas.so.11, libcudnn.so.8) on Linux x64 with an NVIDIA GPU; the NVIDIA driver 535.1 is loaded. The WebGPU backend needs no CUDA.',
    );
  });
});
