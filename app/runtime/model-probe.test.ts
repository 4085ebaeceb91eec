import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeAbortingModel } from "../testing/aborting-model.js";
import { createModelFromFile, startTestEngine, type TestEngine } from "../testing/test-engine.js";
import { testModelPath } from "../testing/test-model-file.js";

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
