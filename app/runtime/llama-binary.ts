import { getLlama, LlamaLogLevel, type Llama } from "node-llama-cpp";
import { LOCAL_BUILD_CMAKE_OPTIONS, llamaBinaryChoice, localBuildInProgress, type LlamaBinaryChoice } from "./local-build.js";

export { LOCAL_BUILD_CMAKE_OPTIONS, llamaBinaryChoice, localBuildsFolder, type LlamaBinaryChoice } from "./local-build.js";

// Which llama.cpp binary runs: a local build made by `npm run build:llama` (node-llama-cpp's own source build
// of the llama.cpp sources bundled in its npm package, with OpenMP and native CPU flags) when one exists, else
// node-llama-cpp's prebuilt CPU binary (no OpenMP). Nothing here ever compiles or downloads: only the explicit
// `npm run build:llama` (scripts/build-llama.mjs) builds.

export interface LoadedLlama {
  llama: Llama;
  kind: "local build" | "prebuilt";
  /** "llama.cpp v0.4.0 (local build, OpenMP, native CPU, spin barrier)" or "llama.cpp v0.4.0 (prebuilt)". */
  description: string;
}

type BaseOptions = { logLevel?: LlamaLogLevel; logger?: (level: LlamaLogLevel, message: string) => void };

function describe(llama: Llama): LoadedLlama {
  const kind = llama.buildType === "localBuild" ? "local build" : "prebuilt";
  const traits: string[] = [kind];
  if (kind === "local build") {
    const cmake = llama.cmakeOptions;
    if (/^(on|1|true)$/i.test(cmake.GGML_OPENMP ?? "")) traits.push("OpenMP");
    if (/^(on|1|true)$/i.test(cmake.GGML_NATIVE ?? "")) traits.push("native CPU");
    if (/^(on|1|true)$/i.test(cmake.PADDOCK_SPIN_BARRIER ?? "")) traits.push("spin barrier");
  }
  if (llama.gpu) traits.push(String(llama.gpu));
  return { llama, kind, description: `llama.cpp ${llama.llamaCppRelease.release} (${traits.join(", ")})` };
}

/** Loads llama.cpp without ever building or downloading anything. */
export async function loadLlama(choice: LlamaBinaryChoice = llamaBinaryChoice(), base: BaseOptions = {}): Promise<LoadedLlama> {
  const common = { gpu: false, build: "never", skipDownload: true, progressLogs: false, ...base } as const;
  // node-llama-cpp waits for a build in progress to finish (minutes); auto mode takes the prebuilt meanwhile.
  if (choice !== "prebuilt" && !(choice === "auto" && localBuildInProgress())) {
    try {
      const llama = await getLlama({ ...common, usePrebuiltBinaries: false, cmakeOptions: { ...LOCAL_BUILD_CMAKE_OPTIONS } });
      return describe(llama);
    } catch (error) {
      if (choice === "local") {
        throw new Error(`PADDOCK_LLAMA_BINARY=local but no usable local llama.cpp build was found (run npm run build:llama): ${String(error)}`);
      }
    }
  }
  // The prebuilt: a local build under node-llama-cpp's default folder name (made by hand with its CLI)
  // would win here, which describe() then reports truthfully.
  return describe(await getLlama(common));
}

