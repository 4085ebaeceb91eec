import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createModelFromFile, startTestEngine, type TestEngine } from "../testing/test-engine.js";
import { testModelPath } from "../testing/test-model-file.js";

interface PsModel {
  name: string;
  size: number;
  expires_at: string;
  context_length: number;
}

async function ps(engine: TestEngine): Promise<PsModel[]> {
  return ((await (await fetch(`${engine.url}/api/ps`)).json()) as { models: PsModel[] }).models;
}

async function load(engine: TestEngine, model: string, extra: Record<string, unknown> = {}): Promise<void> {
  const reply = await engine.post("/api/generate", { model, ...extra });
  assert.equal(reply.status, 200, await reply.clone().text());
  await reply.arrayBuffer();
}

describe("scheduler", () => {
  let engine: TestEngine;

  before(async () => {
    engine = await startTestEngine({ PADDOCK_MAX_LOADED_MODELS: "2", PADDOCK_KEEP_ALIVE: "10m" });
    const gguf = await testModelPath();
    const other = await testModelPath({ seed: 2 });
    const third = await testModelPath({ seed: 3 });
    await createModelFromFile(engine, "one", gguf);
    await createModelFromFile(engine, "two", other);
    await createModelFromFile(engine, "three", third);
  });
  after(() => engine.close());

  test("keep_alive sets expires_at; a request without keep_alive keeps the previous value", async () => {
    await load(engine, "one", { keep_alive: "1h" });
    const [first] = await ps(engine);
    const remaining = Date.parse(first.expires_at) - Date.now();
    assert.ok(remaining > 55 * 60_000 && remaining <= 60 * 60_000, `expires in ${remaining} ms`);
    await load(engine, "one");
    const [again] = await ps(engine);
    assert.ok(Date.parse(again.expires_at) - Date.now() > 55 * 60_000);
    assert.ok(first.size > 0 && first.context_length > 0);
  });

  test("negative keep_alive keeps the model loaded for ever", async () => {
    await load(engine, "one", { keep_alive: -1 });
    const [model] = await ps(engine);
    assert.ok(new Date(model.expires_at).getFullYear() > 2200);
  });

  test("a short keep_alive unloads the model when it runs out", async () => {
    await load(engine, "two", { keep_alive: "300ms" });
    assert.ok((await ps(engine)).some((model) => model.name === "two:latest"));
    await new Promise((resolve) => setTimeout(resolve, 700));
    assert.ok(!(await ps(engine)).some((model) => model.name === "two:latest"));
  });

  test("MAX_LOADED_MODELS evicts the least recently used idle model", async () => {
    await load(engine, "one", { keep_alive: "10m" });
    await load(engine, "two", { keep_alive: "10m" });
    await load(engine, "three", { keep_alive: "10m" });
    const names = (await ps(engine)).map((model) => model.name).sort();
    assert.deepEqual(names, ["three:latest", "two:latest"]);
  });

  test("/api/ps is sorted with the most time left first", async () => {
    await load(engine, "two", { keep_alive: "5m" });
    await load(engine, "three", { keep_alive: "20m" });
    assert.deepEqual((await ps(engine)).map((model) => model.name), ["three:latest", "two:latest"]);
  });

  test("a different num_ctx reloads the model with the new context", async () => {
    await load(engine, "three", { options: { num_ctx: 512 } });
    const model = (await ps(engine)).find((entry) => entry.name === "three:latest")!;
    assert.equal(model.context_length, 512);
  });
});

describe("memory budget", () => {
  test("a model that would not fit beside the loaded ones evicts them first", async () => {
    // Each test model takes about 0.8 MB with its KV cache at this context size.
    const engine = await startTestEngine({ PADDOCK_MAX_MEMORY: "1200000", PADDOCK_CONTEXT_LENGTH: "256" });
    try {
      await createModelFromFile(engine, "a", await testModelPath());
      await createModelFromFile(engine, "b", await testModelPath({ seed: 2 }));
      await load(engine, "a");
      await load(engine, "b");
      assert.deepEqual((await ps(engine)).map((model) => model.name), ["b:latest"]);
    } finally {
      await engine.close();
    }
  });
});
