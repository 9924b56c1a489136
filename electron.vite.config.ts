import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import vue from '@vitejs/plugin-vue';

/**
 * Three builds: the main side (Electron entry, the trainer process and the CLI share one bundle graph,
 * with node_modules left external so native addons and tfjs' .wasm files resolve from node_modules),
 * the sandboxed preload (fully bundled: a sandboxed preload can only require 'electron'), and the renderer.
 */
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        // Optional dependencies stay external too: Dawn's addon (webgpu) resolves its binary from its own folder.
        external: ['webgpu'],
        input: {
          index: resolve(__dirname, 'src-main/index.ts'),
          trainer: resolve(__dirname, 'src-main/trainer/main.ts'),
          cli: resolve(__dirname, 'src-main/cli/main.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      rollupOptions: { input: { index: resolve(__dirname, 'src-main/preload/index.ts') } },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src-renderer'),
    plugins: [vue()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      rollupOptions: { input: { index: resolve(__dirname, 'src-renderer/index.html') } },
    },
  },
});
