import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What Dawn says about the GPU it found, for the badge and `latent-lab doctor`. */
export interface WebGpuAdapterInfo {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  /** A CPU implementation of the API (Mesa's llvmpipe/lavapipe, SwiftShader): correct, but no faster than wasm. */
  software: boolean;
  maxBufferSize: number;
  maxStorageBufferBindingSize: number;
  maxComputeWorkgroupSizeX: number;
}

const SOFTWARE = /llvmpipe|lavapipe|swiftshader|software/i;

/**
 * Dawn (the `webgpu` package) wants XDG_RUNTIME_DIR on Linux; a trainer started outside a desktop session (a
 * service, CI) may not have it. A private folder under the temp dir stands in.
 */
function ensureRuntimeDir(): void {
  if (process.platform !== 'linux' || process.env.XDG_RUNTIME_DIR) return;
  const dir = join(tmpdir(), `latent-lab-xdg-${process.getuid?.() ?? 'user'}`);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  process.env.XDG_RUNTIME_DIR = dir;
}

let opened: Promise<WebGpuAdapterInfo> | null = null;

/**
 * Installs Dawn's WebGPU as `navigator.gpu` in this process and asks it for an adapter, once per process (a second
 * Dawn instance beside the first is not something Dawn supports). Throws, in words a user can act on, when the
 * package or a GPU is missing.
 */
export function openWebGpu(): Promise<WebGpuAdapterInfo> {
  opened ??= open();
  return opened;
}

/** Drops this process's reference to Dawn (a skipped adapter), so its instance and threads can be collected. */
export function releaseWebGpu(): void {
  const nav = (globalThis as { navigator?: { gpu?: unknown } }).navigator;
  if (nav && 'gpu' in nav) delete nav.gpu;
}

/** How long to wait for a driver to answer before giving up on WebGPU. */
const ADAPTER_TIMEOUT_MS = 10_000;

async function open(): Promise<WebGpuAdapterInfo> {
  let dawn: { create(flags: string[]): unknown; globals: Record<string, unknown> };
  try {
    // An ES module with a native addon inside: import() loads it from CommonJS in any Node or Electron version.
    dawn = (await import('webgpu')) as unknown as typeof dawn;
  } catch (error) {
    const err = error as NodeJS.ErrnoException;
    throw new Error(err?.code === 'MODULE_NOT_FOUND' || err?.code === 'ERR_MODULE_NOT_FOUND' ? 'webgpu (Dawn for Node) is not installed (optional dependency)' : `webgpu (Dawn for Node) failed to load: ${String(err?.message ?? error).split('\n')[0]}`);
  }
  ensureRuntimeDir();
  Object.assign(globalThis, dawn.globals);
  const gpu = dawn.create([]) as { requestAdapter(options?: object): Promise<GpuAdapter | null> };
  // navigator.gpu on Node's own navigator (its other properties stay as they are).
  const nav = (globalThis as { navigator?: object }).navigator;
  if (nav) Object.defineProperty(nav, 'gpu', { value: gpu, configurable: true, writable: true });
  else Object.defineProperty(globalThis, 'navigator', { value: { gpu }, configurable: true, writable: true });
  let timer: NodeJS.Timeout | undefined;
  const adapter = await Promise.race([
    gpu.requestAdapter({ powerPreference: 'high-performance' }),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the GPU driver did not answer WebGPU's adapter request within ${ADAPTER_TIMEOUT_MS / 1000} s`)), ADAPTER_TIMEOUT_MS);
    }),
  ]).finally(() => clearTimeout(timer));
  if (!adapter) throw new Error('WebGPU found no GPU adapter (no Vulkan, Metal or D3D12 driver with a usable device)');
  const info = adapter.info ?? {};
  const text = [info.vendor, info.architecture, info.device, info.description].filter(Boolean).join(' ');
  return {
    vendor: info.vendor ?? '',
    architecture: info.architecture ?? '',
    device: info.device ?? '',
    description: info.description ?? '',
    software: adapter.isFallbackAdapter === true || info.isFallbackAdapter === true || SOFTWARE.test(text),
    maxBufferSize: adapter.limits.maxBufferSize,
    maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
    maxComputeWorkgroupSizeX: adapter.limits.maxComputeWorkgroupSizeX,
  };
}

interface GpuAdapter {
  info?: { vendor?: string; architecture?: string; device?: string; description?: string; isFallbackAdapter?: boolean };
  isFallbackAdapter?: boolean;
  limits: { maxBufferSize: number; maxStorageBufferBindingSize: number; maxComputeWorkgroupSizeX: number };
}

/** The adapter in one line: "llvmpipe: Mesa 25.0.7 (LLVM 15.0.6) (vendor mesa, architecture software; software); max buffer …". */
export function describeAdapter(info: WebGpuAdapterInfo): string {
  const name = info.description || info.device || 'unnamed adapter';
  const origin = [info.vendor && `vendor ${info.vendor}`, info.architecture && `architecture ${info.architecture}`].filter(Boolean).join(', ');
  const mib = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MiB`;
  return `${name}${origin ? ` (${origin}${info.software ? '; software' : ''})` : info.software ? ' (software)' : ''}; max buffer ${mib(info.maxBufferSize)}, max storage binding ${mib(info.maxStorageBufferBindingSize)}, max workgroup size ${info.maxComputeWorkgroupSizeX}`;
}
