// Builds what the desktop app runs: the React UI (Vite) into out/renderer, and the Electron main process,
// its preload and the llama.cpp worker (esbuild) into out/main. Native packages stay external.
import { build as viteBuild } from "vite";
import { build as esbuild } from "esbuild";

export async function buildDesktop({ quiet = false } = {}) {
  await viteBuild({ configFile: "renderer/vite.config.ts", logLevel: quiet ? "error" : "info" });
  const common = {
    bundle: true,
    platform: "node",
    target: "node20",
    sourcemap: true,
    logLevel: quiet ? "error" : "info",
    external: ["electron", "node-llama-cpp", "@node-llama-cpp/*"],
  };
  await esbuild({
    ...common,
    entryPoints: { main: "main/main.ts", "llama-worker": "app/runtime/llama-worker.ts" },
    format: "esm",
    outdir: "out/main",
    outExtension: { ".js": ".mjs" },
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  });
  // Sandboxed preloads must be CommonJS.
  await esbuild({ ...common, entryPoints: { preload: "main/preload.ts" }, format: "cjs", outdir: "out/main", outExtension: { ".js": ".cjs" } });
}

if (import.meta.url === `file://${process.argv[1]}`) await buildDesktop();
