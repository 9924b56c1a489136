// electron.vite.config.ts
import { resolve } from "node:path";
import { defineConfig } from "electron-vite";
import vue from "@vitejs/plugin-vue";
var __electron_vite_injected_dirname = "/work/main";
var electron_vite_config_default = defineConfig({
  main: {
    build: {
      outDir: "out/main",
      rollupOptions: {
        // Optional dependencies stay external too: Dawn's addon (webgpu) resolves its binary from its own folder.
        external: ["webgpu"],
        input: {
          index: resolve(__electron_vite_injected_dirname, "src-main/index.ts"),
          trainer: resolve(__electron_vite_injected_dirname, "src-main/trainer/main.ts"),
          cli: resolve(__electron_vite_injected_dirname, "src-main/cli/main.ts")
        }
      }
    }
  },
  preload: {
    build: {
      outDir: "out/preload",
      externalizeDeps: false,
      rollupOptions: { input: { index: resolve(__electron_vite_injected_dirname, "src-main/preload/index.ts") } }
    }
  },
  renderer: {
    root: resolve(__electron_vite_injected_dirname, "src-renderer"),
    plugins: [vue()],
    build: {
      outDir: resolve(__electron_vite_injected_dirname, "out/renderer"),
      rollupOptions: { input: { index: resolve(__electron_vite_injected_dirname, "src-renderer/index.html") } }
    }
  }
});
export {
  electron_vite_config_default as default
};
