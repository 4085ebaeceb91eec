#!/usr/bin/env node
// `npm run build:llama`: compiles llama.cpp for this machine with node-llama-cpp's own source build, from
// the llama.cpp sources bundled in its npm package (a git bundle, cloned locally), with OpenMP and native
// CPU flags, and with the patches in scripts/llama-patches/ applied to a fresh clone (each says why). The
// engine then uses it instead of the prebuilt binary (PADDOCK_LLAMA_BINARY=prebuilt overrides). Nothing else
// ever starts this build: not the engine, not npm install, not npm test.
//
// Offline: the sources come from node-llama-cpp's gitRelease.bundle, CMake from the system, and cmake-js
// finds Node's headers through npm_config_nodedir (set here to this Node's own install prefix) instead of
// downloading them. It takes several minutes on 2 cores; run it under `nice` on a shared machine.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";

const prefix = dirname(dirname(process.execPath));
if (!process.env.npm_config_nodedir && existsSync(join(prefix, "include", "node", "node_api.h"))) {
  process.env.npm_config_nodedir = prefix;
}
process.env.GIT_TERMINAL_PROMPT = "0";

register();
const { LOCAL_BUILD_CMAKE_OPTIONS, loadLlama, localBuildsFolder } = await import("../app/runtime/llama-binary.ts");
const { getLlama, LlamaLogLevel } = await import("node-llama-cpp");
const { DownloadLlamaCppCommand } = await import("node-llama-cpp/commands");

const llamaFolder = dirname(localBuildsFolder() ?? ".");
const bundle = join(llamaFolder, "gitRelease.bundle");
if (!existsSync(bundle)) {
  console.error(`build:llama: node-llama-cpp's bundled llama.cpp sources (${bundle}) are missing; building would need a download.`);
  process.exit(1);
}
if (!process.env.npm_config_nodedir) {
  console.error(`build:llama: Node's headers were not found under ${prefix}/include/node; cmake-js would download them. Set npm_config_nodedir.`);
  process.exit(1);
}

// A fresh clone from the bundle (node-llama-cpp applies its own patches to it), so ours apply to pristine sources.
await DownloadLlamaCppCommand({ skipBuild: true, noUsageExample: true });
const sources = join(llamaFolder, "llama.cpp");
const patchesFolder = fileURLToPath(new URL("./llama-patches/", import.meta.url));
for (const patch of readdirSync(patchesFolder).filter((name) => name.endsWith(".patch")).sort()) {
  try {
    execFileSync("git", ["apply", join(patchesFolder, patch)], { cwd: sources, stdio: "pipe" });
  } catch (error) {
    console.error(`build:llama: ${patch} does not apply to node-llama-cpp's llama.cpp sources: ${String(error.stderr ?? error)}`);
    process.exit(1);
  }
  console.log(`build:llama: applied ${patch}`);
}

const options = Object.entries(LOCAL_BUILD_CMAKE_OPTIONS).map(([key, value]) => `${key}=${value}`).join(" ");
console.log(`build:llama: compiling llama.cpp (${options}) into ${localBuildsFolder()} ...`);
const started = Date.now();
const built = await getLlama({
  gpu: false,
  build: "forceRebuild",
  cmakeOptions: { ...LOCAL_BUILD_CMAKE_OPTIONS },
  skipDownload: false,
  progressLogs: true,
  logLevel: LlamaLogLevel.warn,
});
await built.dispose();
const { description } = await loadLlama("local");
console.log(`build:llama: done in ${Math.round((Date.now() - started) / 1000)} s; the engine will now run ${description}`);
