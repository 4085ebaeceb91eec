import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createModelFromFile, startTestEngine, type TestEngine } from "../testing/test-engine.js";
import { testModelPath } from "../testing/test-model-file.js";

type Body = Record<string, any>;

function norm(vector: number[]): number {
  return Math.sqrt(vector.reduce((sum, value) => sum + value * value, 0));
}

describe("embeddings", () => {
  let engine: TestEngine;

  before(async () => {
    engine = await startTestEngine();
    await createModelFromFile(engine, "tiny", await testModelPath());
  });
  after(() => engine.close());

  test("/api/embed returns one normalised vector per input, in order, with stats", async () => {
    const reply = await engine.post("/api/embed", { model: "tiny", input: ["hello world", "good night"] });
    assert.equal(reply.status, 200);
    const body = (await reply.json()) as Body;
    assert.equal(body.model, "tiny");
    assert.equal(body.embeddings.length, 2);
    for (const vector of body.embeddings) assert.ok(Math.abs(norm(vector) - 1) < 1e-5);
    assert.notDeepEqual(body.embeddings[0], body.embeddings[1]);
    assert.ok(body.prompt_eval_count > 0 && body.total_duration > 0);
    const single = (await (await engine.post("/api/embed", { model: "tiny", input: "hello world" })).json()) as Body;
    assert.deepEqual(single.embeddings[0], body.embeddings[0]);
  });

  test("dimensions cuts and re-normalises", async () => {
    const body = (await (await engine.post("/api/embed", { model: "tiny", input: "hello", dimensions: 8 })).json()) as Body;
    assert.equal(body.embeddings[0].length, 8);
    assert.ok(Math.abs(norm(body.embeddings[0]) - 1) < 1e-5);
  });

  test("empty input only loads the model", async () => {
    assert.deepEqual(await (await engine.post("/api/embed", { model: "tiny", input: [] })).json(), { model: "tiny", embeddings: [] });
  });

  test("the legacy /api/embeddings returns the raw vector", async () => {
    const body = (await (await engine.post("/api/embeddings", { model: "tiny", prompt: "hello world" })).json()) as Body;
    assert.ok(body.embedding.length > 0);
    assert.deepEqual(await (await engine.post("/api/embeddings", { model: "tiny", prompt: "" })).json(), { embedding: [] });
  });

  test("errors", async () => {
    const cases: Array<[string, unknown, number, string]> = [
      ["/api/embed", { input: "x" }, 404, "model '' not found"],
      ["/api/embed", { model: "tiny", input: 5 }, 400, "invalid input type"],
      ["/api/embed", { model: "tiny", input: ["a", 1] }, 400, "invalid input type"],
      ["/api/embed", { model: "missing", input: "x" }, 404, `model "missing" not found, try pulling it first`],
      ["/api/embeddings", { prompt: "x" }, 400, "model is required"],
      ["/api/embeddings", { model: "missing", prompt: "x" }, 404, `model "missing" not found, try pulling it first`],
    ];
    for (const [path, body, status, error] of cases) {
      const reply = await engine.post(path, body);
      assert.equal(reply.status, status, `${path} ${JSON.stringify(body)}`);
      assert.deepEqual(await reply.json(), { error });
    }
  });
});
