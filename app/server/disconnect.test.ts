import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { request } from "node:http";
import { createModelFromFile, startTestEngine, type TestEngine } from "../testing/test-engine.js";
import { testModelPath } from "../testing/test-model-file.js";

async function until(condition: () => boolean, timeoutMs: number): Promise<number> {
  const started = performance.now();
  while (!condition()) {
    if (performance.now() - started > timeoutMs) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  return performance.now() - started;
}

describe("client disconnects", () => {
  let engine: TestEngine;

  before(async () => {
    engine = await startTestEngine({ PADDOCK_NUM_PARALLEL: "1" });
    await createModelFromFile(engine, "tiny", await testModelPath());
    // Loaded up front, so the test times only the cancellation, not a first load on a busy machine.
    await (await engine.post("/api/generate", { model: "tiny" })).arrayBuffer();
  });
  after(() => engine.close());

  test("closing the connection mid-stream stops generation within 100 ms and frees the sequence", async () => {
    const url = new URL(`${engine.url}/api/generate`);
    const chunks: string[] = [];
    const socketClosed = new Promise<void>((resolve) => {
      const req = request(url, { method: "POST", agent: false }, (res) => {
        res.on("data", (data: Buffer) => {
          chunks.push(data.toString());
          // A few tokens in, the client goes away without reading the rest.
          if (chunks.length === 5) req.destroy();
        });
        res.on("error", () => {});
      });
      req.on("error", () => {});
      req.on("close", () => resolve());
      req.end(JSON.stringify({ model: "tiny", prompt: "go on forever", options: { num_predict: -1 } }));
    });
    await socketClosed;
    const runner = engine.engine.scheduler.loaded()[0];
    assert.ok(runner, "the model is loaded");
    const waited = await until(() => runner.slots.busy === 0, 100);
    assert.ok(waited <= 100);

    // The freed slot serves the next request at once.
    const next = await engine.post("/api/generate", { model: "tiny", prompt: "next", stream: false, options: { num_predict: 3 } });
    assert.equal(((await next.json()) as { eval_count: number }).eval_count, 3);
  });

  test("a request aborted while it waits for a busy slot never runs", async () => {
    const first = engine.post("/api/generate", { model: "tiny", prompt: "slot holder", stream: false, options: { num_predict: 200 } });
    const abort = new AbortController();
    const waiting = fetch(`${engine.url}/api/generate`, {
      method: "POST",
      body: JSON.stringify({ model: "tiny", prompt: "waiter", options: { num_predict: 5 } }),
      signal: abort.signal,
    }).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 20));
    abort.abort();
    assert.ok((await waiting) instanceof Error);
    assert.equal((await first).status, 200);
    const runner = engine.engine.scheduler.loaded()[0];
    await until(() => runner.slots.busy === 0 && runner.slots.waiting === 0, 1000);
  });
});
