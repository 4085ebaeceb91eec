// Builds what the desktop app runs: the React UI (Vite) into out/renderer, and the Electron main process,
// its preload, the llama.cpp worker and the model probe (esbuild) into out/main.
import { writeFile } from "node:fs/promises";
import { build as viteBuild } from "vite";
import { build as esbuild } from "esbuild";

// Native packages load .node files relative to their own folder, so they cannot be bundled; electron is
// provided by the runtime.
const EXTERNAL = ["electron", "node-llama-cpp", "@node-llama-cpp/*", "better-sqlite3"];

// Packaged, out/main/main.mjs lives inside app.asar, but the llama worker (a worker thread) and the model
// probe (a child process) must run from app.asar.unpacked, where node-llama-cpp and its dependencies are
// real files beside them (see electron-builder.yml). The engine finds both beside its own module URL, so
// in the main bundle import.meta.url names the unpacked twin of the bundle. Outside an asar nothing changes.
const UNPACKED_MODULE_URL = "__paddockUnpackedModuleUrl";
const MAIN_BANNER = [
  "import { createRequire as __createRequire } from 'node:module';",
  "const require = __createRequire(import.meta.url);",
  `const ${UNPACKED_MODULE_URL} = import.meta.url.replace(/\\/app\\.asar\\//, "/app.asar.unpacked/");`,
].join(" ");

export async function buildDesktop({ quiet = false } = {}) {
  await viteBuild({ configFile: "renderer/vite.config.ts", logLevel: quiet ? "error" : "info" });
  const common = { bundle: true, platform: "node", target: "node20", sourcemap: true, logLevel: quiet ? "error" : "info", external: EXTERNAL };
  await esbuild({
    ...common,
    entryPoints: { main: "main/main.ts" },
    format: "esm",
    outdir: "out/main",
    outExtension: { ".js": ".mjs" },
    define: { "import.meta.url": UNPACKED_MODULE_URL },
    banner: { js: MAIN_BANNER },
  });
  // The names the engine looks for: llama-runtime.ts spawns ./llama-worker.js, model-probe.ts forks ./probe-entry.mjs.
  await esbuild({ ...common, entryPoints: { "llama-worker": "app/runtime/llama-worker.ts" }, format: "esm", outdir: "out/main" });
  await esbuild({ ...common, entryPoints: { "probe-entry": "app/runtime/probe-entry.ts" }, format: "esm", outdir: "out/main", outExtension: { ".js": ".mjs" } });
  // llama-worker.js is ESM; packaged, it runs from app.asar.unpacked where the app's package.json is not.
  await writeFile("out/main/package.json", `${JSON.stringify({ type: "module" })}\n`);
  // Sandboxed preloads must be CommonJS; minified because every window parses it (zod included) before its page runs.
  await esbuild({ ...common, entryPoints: { preload: "main/preload.ts" }, format: "cjs", minify: true, outdir: "out/main", outExtension: { ".js": ".cjs" } });
}

if (import.meta.url === `file://${process.argv[1]}`) await buildDesktop();
