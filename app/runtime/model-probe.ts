import { fork } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, stat, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { RuntimeError } from "./llama-runtime.js";

const PROBE_TIMEOUT_MS = 120_000;

function probeEntry(): { script: string; execArgv: string[] } {
  const fromSources = import.meta.url.endsWith(".ts");
  const script = fileURLToPath(new URL(fromSources ? "./probe-entry.ts" : "./probe-entry.mjs", import.meta.url));
  return { script, execArgv: fromSources ? ["--import", import.meta.resolve("tsx")] : [] };
}

/** The last line llama.cpp wrote before it died, e.g. "…: GGML_ASSERT(hparams.n_layer_all > 0 …) failed". */
function lastLine(output: string): string {
  const lines = output.trim().split("\n").filter((line) => line.trim() !== "");
  return lines[lines.length - 1]?.replace(/^.*?(GGML_ASSERT)/, "$1") ?? "";
}

/** Loads the model in a child process and reports how it went, without risking this process. */
export function probeModel(modelPath: string): Promise<void> {
  const { script, execArgv } = probeEntry();
  return new Promise((resolve, reject) => {
    const child = fork(script, [modelPath], { execArgv, stdio: ["ignore", "ignore", "pipe", "ipc"] });
    let stderr = "";
    child.stderr?.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
    const timer = setTimeout(() => child.kill("SIGKILL"), PROBE_TIMEOUT_MS);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(new RuntimeError(`unable to check the model: ${error.message}`));
    });
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      if (code === 0) return resolve();
      const detail = lastLine(stderr) || (signal ? `signal ${signal}` : `exit code ${code}`);
      reject(new RuntimeError(`llama runner process has terminated: ${detail}`));
    });
  });
}

/**
 * Remembers which model files loaded cleanly, in memory and in a cache folder so a restart does not check
 * again. A check holds for the file as it was: the key is the blob name with its size and modification time,
 * so a file rewritten in place (a restored backup, disk repair, a tool) is checked again before llama.cpp
 * loads it in the engine's own process.
 */
export class ModelProbeCache {
  private readonly checked = new Map<string, Promise<void>>();

  constructor(private readonly cacheDir = join(process.env.XDG_CACHE_HOME || join(homedir(), ".cache"), "paddock", "checked-models")) {}

  async ensureLoadable(modelPath: string): Promise<void> {
    const info = await stat(modelPath);
    const key = `${basename(modelPath)}-${info.size}-${Math.trunc(info.mtimeMs)}`;
    let pending = this.checked.get(key);
    if (!pending) {
      const marker = join(this.cacheDir, key);
      pending = existsSync(marker)
        ? Promise.resolve()
        : probeModel(modelPath).then(async () => {
            await mkdir(this.cacheDir, { recursive: true });
            await writeFile(marker, "");
          });
      pending.catch(() => this.checked.delete(key));
      this.checked.set(key, pending);
    }
    return pending;
  }
}
