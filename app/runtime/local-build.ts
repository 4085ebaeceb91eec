import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

// Where node-llama-cpp keeps local builds and whether ours is there, from the files alone: this module never
// loads node-llama-cpp, so the engine's main thread can use it (llama-binary.ts, in the worker, loads it).

/**
 * CMake options of the local build made by `npm run build:llama`. node-llama-cpp names its localBuilds folder
 * after them, so a plain getLlama({ build: "never" }) never picks this build up by accident and the
 * prebuilt stays reachable for comparison. PADDOCK_SPIN_BARRIER means nothing to CMake: it marks a build
 * with scripts/llama-patches/ggml-cpu-spin-barrier.patch applied, so a build made before it is not taken.
 */
export const LOCAL_BUILD_CMAKE_OPTIONS: Readonly<Record<string, string>> = { GGML_NATIVE: "ON", GGML_OPENMP: "ON", PADDOCK_SPIN_BARRIER: "ON" };

/** PADDOCK_LLAMA_BINARY: auto (local build when present, else prebuilt), local (required) or prebuilt. */
export type LlamaBinaryChoice = "auto" | "local" | "prebuilt";

export function llamaBinaryChoice(env: NodeJS.ProcessEnv = process.env): LlamaBinaryChoice {
  const value = (env.PADDOCK_LLAMA_BINARY ?? "").trim().toLowerCase();
  return value === "local" || value === "prebuilt" ? value : "auto";
}

/** True while `npm run build:llama` (or another node-llama-cpp build) holds a lock in the localBuilds folder. */
export function localBuildInProgress(): boolean {
  const folder = localBuildsFolder();
  if (!folder || !existsSync(folder)) return false;
  return readdirSync(folder).some((entry) => entry.endsWith(".lock"));
}

/** node-llama-cpp's localBuilds folder (inside node_modules, so a reinstall removes the local build). */
export function localBuildsFolder(): string | undefined {
  try {
    // .../node_modules/node-llama-cpp/dist/index.js -> .../node_modules/node-llama-cpp/llama/localBuilds
    const entry = fileURLToPath(import.meta.resolve("node-llama-cpp"));
    return join(dirname(dirname(entry)), "llama", "localBuilds");
  } catch {
    return undefined;
  }
}

let predicted: { key: string; local: boolean } | undefined;

/**
 * Whether loadLlama() will pick a local OpenMP build in this environment, decided from the files alone (no
 * binary is loaded), for choices made on the engine's main thread such as the default thread count.
 */
export function expectLocalBuild(env: NodeJS.ProcessEnv = process.env): boolean {
  const choice = llamaBinaryChoice(env);
  if (choice === "prebuilt") return false;
  if (predicted?.key === choice) return predicted.local;
  const local = choice === "local" || (!localBuildInProgress() && findLocalBuild() !== undefined);
  predicted = { key: choice, local };
  return local;
}

/** The folder of a finished local CPU build made with LOCAL_BUILD_CMAKE_OPTIONS, if there is one. */
export function findLocalBuild(): string | undefined {
  const folder = localBuildsFolder();
  if (!folder || !existsSync(folder)) return undefined;
  for (const entry of readdirSync(folder)) {
    const metadata = join(folder, entry, "Release", "_nlcBuildMetadata.json");
    if (!existsSync(metadata) || !existsSync(join(folder, entry, "buildDone.status"))) continue;
    try {
      const { buildOptions } = JSON.parse(readFileSync(metadata, "utf8")) as {
        buildOptions?: { gpu?: unknown; customCmakeOptions?: Record<string, string> };
      };
      const cmake = buildOptions?.customCmakeOptions ?? {};
      const matches = Object.entries(LOCAL_BUILD_CMAKE_OPTIONS).every(([key, value]) => cmake[key] === value);
      if (buildOptions?.gpu === false && matches) return join(folder, entry);
    } catch {
      // an unreadable metadata file is not a usable build
    }
  }
  return undefined;
}
