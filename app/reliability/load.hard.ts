import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createModelFromFile, startTestEngine, type TestEngine } from "../testing/test-engine.js";
import { testModelPath } from "../testing/test-model-file.js";
import { Histogram, ms, percentile, report } from "./figures.js";
import { isolateFromHome, until } from "./hard-env.js";
import { rawRequest } from "./raw-http.js";

const isolation = isolateFromHome();
const REQUESTS = 200;
const PARALLEL = 4;
const MAX_QUEUE = 64;
// Long enough that normally no accepted request finishes before all 200 have been admitted or refused.
const NUM_PREDICT = Number(process.env.PADDOCK_LOAD_PREDICT ?? 800);
const BUSY = "server busy, please try again.  maximum pending requests exceeded";

/** What the scheduler saw when a request reached it: the rule is "refused exactly when pending >= MAX_QUEUE". */
interface Arrival {
  pending: number;
  refused: boolean;
}

interface Outcome {
  status: number;
  body: Record<string, any>;
  sentAt: number;
  answeredAt: number;
}

describe(`load: ${REQUESTS} concurrent requests, NUM_PARALLEL=${PARALLEL}, MAX_QUEUE=${MAX_QUEUE}`, { timeout: 300_000 }, () => {
  let engine: TestEngine;

  before(async () => {
    engine = await startTestEngine({ PADDOCK_NUM_PARALLEL: String(PARALLEL), PADDOCK_MAX_QUEUE: String(MAX_QUEUE) });
    await createModelFromFile(engine, "tiny", await testModelPath());
    // One model, already loaded: the figures are about queueing, not the first load.
    const warm = await engine.post("/api/generate", { model: "tiny", prompt: "warm", stream: false, options: { num_predict: 2 } });
    assert.equal(warm.status, 200);
  });
  after(async () => {
    await engine.close();
    await isolation.cleanup();
  });

  test("exactly the overflow gets 503; every accepted request completes with correct stats", async (t) => {
    const scheduler = engine.engine.scheduler as unknown as { pending: number };
    const arrivals: Arrival[] = [];
    const acquire = engine.engine.scheduler.acquire.bind(engine.engine.scheduler);
    engine.engine.scheduler.acquire = async (...args) => {
      const pending = scheduler.pending;
      try {
        const lease = await acquire(...args);
        arrivals.push({ pending, refused: false });
        return lease;
      } catch (error) {
        arrivals.push({ pending, refused: (error as { status?: number }).status === 503 });
        throw error;
      }
    };
    let peakPending = 0;
    let peakBusy = 0;
    const sampler = setInterval(() => {
      peakPending = Math.max(peakPending, scheduler.pending);
      peakBusy = Math.max(peakBusy, engine.engine.scheduler.loaded()[0]?.slots.busy ?? 0);
    }, 1);
    const started = performance.now();
    const outcomes = await Promise.all(
      Array.from({ length: REQUESTS }, async (_, n): Promise<Outcome> => {
        const sentAt = performance.now() - started;
        const body = JSON.stringify({ model: "tiny", prompt: `request number ${n} tells a story`, stream: false, options: { num_predict: NUM_PREDICT, seed: n } });
        const reply = await rawRequest(engine.url, { method: "POST", path: "/api/generate", body }, { timeoutMs: 240_000 });
        return { status: reply.status, body: JSON.parse(reply.body) as Record<string, any>, sentAt, answeredAt: performance.now() - started };
      }),
    );
    clearInterval(sampler);
    const wall = performance.now() - started;

    const statuses = new Histogram();
    outcomes.forEach((outcome) => statuses.add(outcome.status));
    const accepted = outcomes.filter((outcome) => outcome.status === 200);
    const refused = outcomes.filter((outcome) => outcome.status === 503);
    const latency = accepted.map((outcome) => outcome.answeredAt - outcome.sentAt).sort((a, b) => a - b);
    const refusedLatency = refused.map((outcome) => outcome.answeredAt - outcome.sentAt).sort((a, b) => a - b);
    const firstDone = Math.min(...accepted.map((outcome) => outcome.answeredAt));
    const lastRefused = Math.max(...refused.map((outcome) => outcome.answeredAt));
    const lastSent = Math.max(...outcomes.map((outcome) => outcome.sentAt));
    const tokens = accepted.reduce((sum, outcome) => sum + (outcome.body.eval_count ?? 0), 0);
    const badStats = accepted.filter((outcome) => {
      const b = outcome.body;
      return !(
        b.done === true &&
        b.done_reason === "length" &&
        b.eval_count === NUM_PREDICT &&
        b.prompt_eval_count > 0 &&
        b.eval_duration > 0 &&
        b.prompt_eval_duration >= 0 &&
        b.load_duration >= 0 &&
        b.total_duration >= b.eval_duration + b.prompt_eval_duration &&
        typeof b.response === "string" &&
        b.response.length > 0
      );
    });

    report(t, "Load", [
      `${REQUESTS} concurrent /api/generate (stream:false, num_predict ${NUM_PREDICT}) on one loaded model, NUM_PARALLEL=${PARALLEL}, MAX_QUEUE=${MAX_QUEUE}`,
      `statuses: ${statuses} (expected 200×${PARALLEL + MAX_QUEUE} 503×${REQUESTS - PARALLEL - MAX_QUEUE}); refused exactly when pending >= ${MAX_QUEUE}: ${arrivals.every((arrival) => arrival.refused === arrival.pending >= MAX_QUEUE)}`,
      `peak pending ${peakPending}, peak busy slots ${peakBusy}; all sent by ${ms(lastSent)}, last 503 at ${ms(lastRefused)}, first completion at ${ms(firstDone)}`,
      `accepted latency p50 ${ms(percentile(latency, 50))}, p99 ${ms(percentile(latency, 99))}, max ${ms(latency[latency.length - 1])}`,
      `503 latency p50 ${ms(percentile(refusedLatency, 50))}, p99 ${ms(percentile(refusedLatency, 99))}`,
      `${tokens} tokens in ${ms(wall)}: ${((tokens / wall) * 1000).toFixed(0)} tokens/s across ${PARALLEL} slots; accepted with wrong stats: ${badStats.length}`,
    ]);

    // Every refusal, and only those, met a full queue; nothing else failed.
    const wronglyRefused = arrivals.filter((arrival) => arrival.refused !== arrival.pending >= MAX_QUEUE);
    assert.deepEqual(wronglyRefused, []);
    assert.equal(arrivals.length, REQUESTS);
    assert.equal(accepted.length + refused.length, REQUESTS);
    assert.equal(refused.length, arrivals.filter((arrival) => arrival.refused).length);
    // When every request met the scheduler before the first slot came free, the overflow is exactly 200 - (4 + 64).
    if (lastRefused < firstDone) {
      assert.equal(accepted.length, PARALLEL + MAX_QUEUE);
      assert.equal(refused.length, REQUESTS - PARALLEL - MAX_QUEUE);
    } else {
      t.diagnostic(`a slot came free at ${ms(firstDone)}, before the last refusal at ${ms(lastRefused)}: the count was checked against the queue rule only`);
    }
    for (const outcome of refused) assert.deepEqual(outcome.body, { error: BUSY });
    assert.deepEqual(badStats.map((outcome) => outcome.body), []);
    assert.equal(peakBusy, PARALLEL);
    await until(() => scheduler.pending === 0 && engine.engine.scheduler.loaded()[0].slots.busy === 0, 5_000, "scheduler idle");
  });
});
