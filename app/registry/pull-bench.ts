import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdtemp, open, rm } from "node:fs/promises";
import { get } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { pipeline } from "node:stream/promises";
import { fileURLToPath } from "node:url";
import { startServer } from "../server/http-server.js";
import { readSettings } from "../settings/settings.js";

const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));
const SERVER_SCRIPT = fileURLToPath(new URL("../testing/registry/bench-registry-server.ts", import.meta.url));

export interface PullBenchResult {
  /** Pull throughput (with SHA-256 verification) over a plain HTTP copy of the same bytes; the target is ≥ 0.9. */
  pull_ratio: number;
  pull_mb_per_s: number;
  copy_mb_per_s: number;
  pull_ms: number;
  copy_ms: number;
  blob_bytes: number;
  runs: number;
}

/** Random-looking bytes without paying for 256 MB of randomness: one random block, stamped per copy. */
async function writeBlobFile(path: string, size: number): Promise<void> {
  const block = randomBytes(16 * 1024 * 1024);
  const handle = await open(path, "w");
  try {
    for (let offset = 0, n = 0; offset < size; offset += block.length, n++) {
      block.writeUInt32LE(n, 0);
      await handle.write(block, 0, Math.min(block.length, size - offset), offset);
    }
  } finally {
    await handle.close();
  }
}

interface BenchServer {
  registry: string;
  plain: string;
  digest: string;
  size: number;
  close(): void;
}

async function startBenchServer(file: string): Promise<BenchServer> {
  const child = spawn(process.execPath, ["--import", "tsx", SERVER_SCRIPT, file], { cwd: REPO_ROOT, stdio: ["pipe", "pipe", "inherit"] });
  const lines = createInterface({ input: child.stdout! });
  const first = await new Promise<string>((resolve, reject) => {
    lines.once("line", resolve);
    child.once("exit", (code) => reject(new Error(`bench registry exited with ${code}`)));
  });
  return { ...(JSON.parse(first) as Omit<BenchServer, "close">), close: () => child.stdin!.end() };
}

/** The baseline: one GET of the whole file over loopback, piped to disk. */
async function plainCopy(url: string, target: string): Promise<number> {
  const started = performance.now();
  await new Promise<void>((resolve, reject) => {
    get(url, (response) => pipeline(response, createWriteStream(target)).then(resolve, reject)).on("error", reject);
  });
  return performance.now() - started;
}

async function pullOnce(server: BenchServer, modelsDir: string): Promise<number> {
  const running = await startServer(readSettings({ PADDOCK_HOST: "127.0.0.1:0", PADDOCK_MODELS: modelsDir }));
  try {
    const started = performance.now();
    const reply = await fetch(`${running.url}/api/pull`, {
      method: "POST",
      body: JSON.stringify({ model: `${server.registry}/bench/blob`, insecure: true, stream: false }),
    });
    const body = (await reply.json()) as { status?: string; error?: string };
    const elapsed = performance.now() - started;
    if (body.status !== "success") throw new Error(`pull failed: ${body.error ?? JSON.stringify(body)}`);
    return elapsed;
  } finally {
    await running.close();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/**
 * Pulls a 256 MB blob from the loopback test registry (manifest, HEAD, 307 to the byte server, ranged
 * parts, SHA-256 verification, rename) and copies the same bytes with one plain HTTP GET, alternating
 * runs; reports medians.
 */
export async function benchPull(options: { bytes?: number; runs?: number } = {}): Promise<PullBenchResult> {
  const size = Math.max(options.bytes ?? 256 * 1024 * 1024, 200 * 1_000_000);
  const runs = options.runs ?? 5;
  const dir = await mkdtemp(join(tmpdir(), "paddock-pull-bench-"));
  try {
    const source = join(dir, "source.bin");
    await writeBlobFile(source, size);
    const server = await startBenchServer(source);
    try {
      const pulls: number[] = [];
      const copies: number[] = [];
      // One unmeasured round warms the page cache, the sockets and the JIT for both sides.
      await plainCopy(server.plain, join(dir, "warm.bin"));
      for (let run = 0; run <= runs; run++) {
        const modelsDir = join(dir, `models-${run}`);
        const copyTarget = join(dir, `copy-${run}.bin`);
        const pulled = await pullOnce(server, modelsDir);
        const copied = await plainCopy(server.plain, copyTarget);
        await rm(modelsDir, { recursive: true, force: true });
        await rm(copyTarget, { force: true });
        if (run === 0) continue;
        pulls.push(pulled);
        copies.push(copied);
      }
      const pullMs = median(pulls);
      const copyMs = median(copies);
      // Each pull is paired with the copy right after it, so both saw the same machine load.
      const ratio = median(pulls.map((pulled, run) => copies[run] / pulled));
      const mbPerSecond = (ms: number) => Math.round((size / 1_000_000 / (ms / 1000)) * 10) / 10;
      return {
        pull_ratio: Math.round(ratio * 1000) / 1000,
        pull_mb_per_s: mbPerSecond(pullMs),
        copy_mb_per_s: mbPerSecond(copyMs),
        pull_ms: Math.round(pullMs),
        copy_ms: Math.round(copyMs),
        blob_bytes: size,
        runs,
      };
    } finally {
      server.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
