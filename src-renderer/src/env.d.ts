/// <reference types="vite/client" />

declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<object, object, unknown>;
  export default component;
}

/** Exposed by the Electron preload (src-main/preload); absent in serve mode. */
interface Window {
  latentLab?: {
    call(name: string, input: unknown): Promise<
      { ok: true; output: unknown } | { ok: false; error: { code: string; message: string; issues?: unknown } }
    >;
    onEvent(listener: (name: string, payload: unknown) => void): () => void;
    pathForFile(file: File): string;
    choosePath(title: string, defaultName: string): Promise<string | null>;
  };
}
