import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readGguf } from "../gguf/gguf-reader.js";
import { writeGguf } from "../gguf/gguf-writer.js";
import { ggufValue, type GgufTypedValue } from "../gguf/gguf-typed-value.js";
import { createModelFromFile, startTestEngine, type TestEngine } from "../testing/test-engine.js";
import { testModelPath } from "../testing/test-model-file.js";

/** A structurally valid GGUF whose hyperparameters make llama.cpp abort (GGML_ASSERT) while loading. */
async function writeAbortingModel(path: string): Promise<void> {
  const source = await testModelPath();
  const file = await readGguf(source);
  const metadata: Record<string, GgufTypedValue> = {};
  for (const [key, value] of Object.entries(file.metadata)) metadata[key] = { type: file.metadataTypes[key], value };
  metadata["llama.block_count"] = ggufValue.uint32(0);
  const bytes = await readFile(source);
  const tensors = file.tensors.map((tensor) => ({
    name: tensor.name,
    type: tensor.type,
    dims: tensor.dims,
    data: bytes.subarray(tensor.fileOffset, tensor.fileOffset + tensor.byteSize),
  }));
  await writeGguf(path, { metadata, tensors });
}

describe("a model file that crashes llama.cpp", () => {
  let engine: TestEngine;
  let dir: string;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "paddock-probe-"));
    engine = await startTestEngine({ XDG_CACHE_HOME: dir });
    const bad = join(dir, "bad.gguf");
    await writeAbortingModel(bad);
    await createModelFromFile(engine, "bad", bad);
    await createModelFromFile(engine, "good", await testModelPath());
  });
  after(async () => {
    await engine.close();
    await rm(dir, { recursive: true, force: true });
  });

  test("gets a clear 500 on load and the engine stays up", async () => {
    const reply = await engine.post("/api/generate", { model: "bad", prompt: "hi", options: { num_predict: 3 } });
    assert.equal(reply.status, 500);
    const { error } = (await reply.json()) as { error: string };
    assert.match(error, /^llama runner process has terminated: GGML_ASSERT\(.*n_layer/);
    const good = await engine.post("/api/generate", { model: "good", prompt: "hi", stream: false, options: { num_predict: 3 } });
    assert.equal(((await good.json()) as { eval_count: number }).eval_count, 3);
  });
});
