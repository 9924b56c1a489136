// The part of the WebAssembly JavaScript API the SIMD kernels use. Node has it at run time; TypeScript only types it
// in lib.dom, which the main side does not include.
declare namespace WebAssembly {
  interface Memory {
    readonly buffer: ArrayBuffer;
    grow(pages: number): number;
  }
  interface Instance {
    readonly exports: Record<string, unknown>;
  }
  function validate(bytes: Uint8Array): boolean;
  function instantiate(bytes: Uint8Array, imports?: Record<string, Record<string, unknown>>): Promise<{ instance: Instance }>;
}
