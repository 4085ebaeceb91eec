import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createModelFromFile, startTestEngine, type TestEngine } from "../testing/test-engine.js";
import { testModelPath } from "../testing/test-model-file.js";

interface StreamTrace {
  first: number;
  last: number;
  chunks: number;
  evalCount: number;
}

async function traceStream(engine: TestEngine, prompt: string, numPredict: number): Promise<StreamTrace> {
  const reply = await engine.post("/api/generate", { model: "tiny", prompt, options: { num_predict: numPredict } });
  const reader = reply.body!.getReader();
  const decoder = new TextDecoder();
  const trace: StreamTrace = { first: 0, last: 0, chunks: 0, evalCount: 0 };
  let buffered = "";
  while (true) {
    const { value, done } = await reader.read();
    if (done) break;
    buffered += decoder.decode(value, { stream: true });
    const lines = buffered.split("\n");
    buffered = lines.pop()!;
    for (const line of lines.filter(Boolean)) {
      const chunk = JSON.parse(line) as { done: boolean; eval_count?: number };
      const now = performance.now();
      if (trace.chunks === 0) trace.first = now;
      trace.last = now;
      trace.chunks++;
      if (chunk.done) trace.evalCount = chunk.eval_count ?? 0;
    }
  }
  return trace;
}

function overlaps(a: StreamTrace, b: StreamTrace): boolean {
  return a.first < b.last && b.first < a.last;
}

describe("parallel requests", () => {
  let engine: TestEngine;

  before(async () => {
    engine = await startTestEngine({ PADDOCK_NUM_PARALLEL: "4" });
    await createModelFromFile(engine, "tiny", await testModelPath());
    await engine.post("/api/generate", { model: "tiny" });
  });
  after(() => engine.close());

  test("with NUM_PARALLEL=4, four of five concurrent streams are served together; the fifth waits its turn", async () => {
    const traces = await Promise.all([0, 1, 2, 3, 4].map((index) => traceStream(engine, `stream number ${index}`, 60)));
    for (const trace of traces) assert.equal(trace.evalCount, 60);
    const byStart = [...traces].sort((a, b) => a.first - b.first);
    const together = byStart.slice(0, 4);
    for (let i = 0; i < together.length; i++) {
      for (let j = i + 1; j < together.length; j++) assert.ok(overlaps(together[i], together[j]), `streams ${i} and ${j} overlap`);
    }
    const last = byStart[4];
    const firstFinished = Math.min(...together.map((trace) => trace.last));
    assert.ok(last.first >= firstFinished - 1, "the fifth stream starts only when a slot frees up");
  });

  test("beyond PADDOCK_MAX_QUEUE requests are refused with 503", async () => {
    const small = await startTestEngine({ PADDOCK_NUM_PARALLEL: "1", PADDOCK_MAX_QUEUE: "1" });
    try {
      await createModelFromFile(small, "tiny", await testModelPath());
      await small.post("/api/generate", { model: "tiny" });
      const body = { model: "tiny", prompt: "busy", stream: false, options: { num_predict: 150 } };
      const replies = await Promise.all([0, 1, 2, 3].map(() => small.post("/api/generate", body)));
      const statuses = replies.map((reply) => reply.status).sort();
      assert.ok(statuses.includes(503), `statuses: ${statuses}`);
      const refused = replies.find((reply) => reply.status === 503)!;
      assert.deepEqual(await refused.json(), { error: "server busy, please try again.  maximum pending requests exceeded" });
      assert.ok(statuses.filter((status) => status === 200).length >= 2);
    } finally {
      await small.close();
    }
  });
});
