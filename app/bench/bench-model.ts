import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { writeTestModel, type TestModelOptions } from "../gguf/test-model.js";

/**
 * The benchmark model: the project's generated llama model in a real model's shape (about 250M
 * parameters, like a small Llama: 1024 embedding, 16 layers, 16 query and 4 KV heads, FFN 2816, a
 * 32,000-token vocabulary), with deterministic seeded weights. Written on demand into .cache/ (ignored by
 * git) and reused while its options stay the same.
 */
export const BENCH_MODEL_SHAPE = {
  name: "Paddock Bench 250M",
  seed: 1,
  contextLength: 4096,
  embeddingLength: 1024,
  blockCount: 16,
  headCount: 16,
  headCountKv: 4,
  feedForwardLength: 2816,
  vocabSize: 32000,
} as const satisfies TestModelOptions;

export type BenchFileType = "F16" | "Q8_0";

export const BENCH_CACHE_DIR = fileURLToPath(new URL("../../.cache/bench-models/", import.meta.url));

export function benchModelParameters(): number {
  const s = BENCH_MODEL_SHAPE;
  const headDim = s.embeddingLength / s.headCount;
  const kv = headDim * s.headCountKv;
  const perLayer = 2 * s.embeddingLength * s.embeddingLength + 2 * kv * s.embeddingLength + 3 * s.feedForwardLength * s.embeddingLength + 2 * s.embeddingLength;
  return 2 * s.vocabSize * s.embeddingLength + s.blockCount * perLayer + s.embeddingLength;
}

/** Path of the benchmark model in this storage type, writing it first if it is not cached yet. */
export async function benchModelPath(fileType: BenchFileType, log: (line: string) => void = () => {}): Promise<string> {
  await mkdir(BENCH_CACHE_DIR, { recursive: true });
  const shape = Object.entries(BENCH_MODEL_SHAPE).map(([key, value]) => `${key}=${value}`).join(",");
  const tag = createHash("sha256").update(shape).digest("hex").slice(0, 10);
  const path = join(BENCH_CACHE_DIR, `bench-250m-${fileType.toLowerCase()}-${tag}.gguf`);
  if (!existsSync(path)) {
    log(`writing the ${fileType} benchmark model to ${path} (once) ...`);
    const started = Date.now();
    await writeTestModel(path, { ...BENCH_MODEL_SHAPE, fileType });
    log(`  done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  return path;
}
