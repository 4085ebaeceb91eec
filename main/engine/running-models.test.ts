import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createModelFromFile, startTestEngine, type TestEngine } from "../../app/testing/test-engine.js";
import { testModelPath } from "../../app/testing/test-model-file.js";
import { fetchRunningModels, unloadModel } from "./running-models.js";

let engine: TestEngine;
before(async () => {
  engine = await startTestEngine();
  await createModelFromFile(engine, "tiny", await testModelPath());
});
after(() => engine.close());

test("running models come from /api/ps, and a model can be unloaded", async () => {
  assert.deepEqual(await fetchRunningModels(engine.url), []);
  const loaded = await engine.post("/api/generate", { model: "tiny", prompt: "hi", stream: false, options: { num_predict: 1 } });
  assert.equal(loaded.status, 200);
  await loaded.text();
  const running = await fetchRunningModels(engine.url);
  assert.equal(running.length, 1);
  assert.equal(running[0]!.name, "tiny:latest");
  assert.ok(running[0]!.size > 0);

  await unloadModel(engine.url, "tiny");
  assert.deepEqual(await fetchRunningModels(engine.url), []);
});

test("an engine that is gone makes the poll fail", async () => {
  await assert.rejects(fetchRunningModels("http://127.0.0.1:9", 500));
});
