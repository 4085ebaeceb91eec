import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { request } from "node:http";
import { createModelFromFile, startTestEngine, type TestEngine } from "../testing/test-engine.js";
import { testModelPath } from "../testing/test-model-file.js";
import type { Runner } from "../scheduler/scheduler.js";
import { Histogram, mib, ms, report } from "./figures.js";
import { collectGarbage, isolateFromHome, Random, sleep, until } from "./hard-env.js";

const isolation = isolateFromHome();
const REQUESTS = Number(process.env.PADDOCK_DISCONNECTS ?? 1000);
const CONCURRENCY = 16;
const PARALLEL = 4;

/** Streaming requests on every generation route; num_predict high enough that a cancel lands mid-generation. */
const ROUTES: Array<{ path: string; body: (n: number) => unknown }> = [
  { path: "/api/generate", body: (n) => ({ model: "tiny", prompt: `story ${n}`, options: { num_predict: 2000 } }) },
  { path: "/api/chat", body: (n) => ({ model: "tiny", messages: [{ role: "user", content: `story ${n}` }], options: { num_predict: 2000 } }) },
  { path: "/v1/chat/completions", body: (n) => ({ model: "tiny", stream: true, max_tokens: 2000, messages: [{ role: "user", content: `story ${n}` }] }) },
  { path: "/v1/completions", body: (n) => ({ model: "tiny", stream: true, max_tokens: 2000, prompt: `story ${n}` }) },
  { path: "/v1/messages", body: (n) => ({ model: "tiny", stream: true, max_tokens: 2000, messages: [{ role: "user", content: `story ${n}` }] }) },
];

type CancelPoint = "before the answer" | "after some bytes" | "after a while";

/**
 * Sends one streaming request and drops the connection at the chosen moment, as a closed browser tab or a
 * killed client does. Resolves with where it was cut (or "finished" if the answer beat the cancel).
 */
function cancelledRequest(base: string, route: (typeof ROUTES)[number], n: number, point: CancelPoint, random: Random): Promise<string> {
  return new Promise((resolve) => {
    const url = new URL(route.path, base);
    let settled = false;
    const done = (outcome: string) => {
      if (settled) return;
      settled = true;
      req.destroy();
      resolve(outcome);
    };
    const req = request(url, { method: "POST", agent: false }, (res) => {
      const cutAfterChunks = random.int(30);
      let chunks = 0;
      res.on("data", () => {
        if (point === "after some bytes" && ++chunks > cutAfterChunks) done(`cut after ${cutAfterChunks} chunks`);
      });
      res.on("end", () => done("finished"));
      res.on("error", () => done("cut"));
    });
    req.on("error", () => done("cut"));
    req.end(JSON.stringify(route.body(n)));
    if (point === "before the answer") setTimeout(() => done("cut before the answer"), random.int(15));
    if (point === "after a while") setTimeout(() => done("cut after a while"), random.int(250));
  });
}

/** What must return to its resting value once every request is gone. */
function engineState(engine: TestEngine): { busy: number; waiting: number; pending: number; inFlight: number } {
  const runners: Runner[] = engine.engine.scheduler.loaded();
  return {
    busy: runners.reduce((sum, runner) => sum + runner.slots.busy, 0),
    waiting: runners.reduce((sum, runner) => sum + runner.slots.waiting, 0),
    pending: (engine.engine.scheduler as unknown as { pending: number }).pending,
    inFlight: (engine.engine.runtime as unknown as { pending: Map<number, unknown> }).pending.size,
  };
}

function memory(): { heap: number; rss: number; external: number; handles: number } {
  collectGarbage();
  const usage = process.memoryUsage();
  return { heap: usage.heapUsed, rss: usage.rss, external: usage.external + usage.arrayBuffers, handles: process.getActiveResourcesInfo().length };
}

describe("disconnects: streaming requests cancelled at random moments", { timeout: 300_000 }, () => {
  let engine: TestEngine;

  before(async () => {
    engine = await startTestEngine({ PADDOCK_NUM_PARALLEL: String(PARALLEL), PADDOCK_MAX_QUEUE: "512" });
    await createModelFromFile(engine, "tiny", await testModelPath());
    // Load the model and warm every route once, so the baseline already holds what stays (caches, compiled code).
    for (const route of ROUTES) await cancelledRequest(engine.url, route, 0, "after a while", new Random(1));
    await until(() => engineState(engine).busy === 0, 30_000, "warm-up requests to end");
  });
  after(async () => {
    await engine.close();
    await isolation.cleanup();
  });

  test(`${REQUESTS} cancelled streams: memory and busy sequences return to their baseline`, async (t) => {
    await sleep(200);
    const baseline = memory();
    const random = new Random(7);
    const outcomes = new Histogram();
    const started = performance.now();
    let next = 0;
    let peakBusy = 0;
    let peakWaiting = 0;
    const rssAt: string[] = [];
    const sampler = setInterval(() => {
      const state = engineState(engine);
      peakBusy = Math.max(peakBusy, state.busy);
      peakWaiting = Math.max(peakWaiting, state.waiting);
    }, 5);
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < REQUESTS) {
          const n = next++;
          const point = random.pick<CancelPoint>(["before the answer", "after some bytes", "after a while"]);
          const outcome = await cancelledRequest(engine.url, ROUTES[n % ROUTES.length], n, point, random);
          outcomes.add(outcome.startsWith("cut after") && outcome.includes("chunks") ? "cut after some chunks" : outcome);
          if (outcomes.total % 250 === 0) rssAt.push(`${outcomes.total}: ${mib(process.memoryUsage().rss)}`);
        }
      }),
    );
    clearInterval(sampler);
    const sent = performance.now() - started;
    const settleMs = await until(() => {
      const state = engineState(engine);
      return state.busy === 0 && state.waiting === 0 && state.pending === 0 && state.inFlight === 0;
    }, 15_000, "slots, queue and worker calls to drain");
    await sleep(200);
    const end = memory();
    const state = engineState(engine);

    // Every one of the worker's sequences came back: as many requests as there are slots all run at once.
    const parallel = await Promise.all(
      Array.from({ length: PARALLEL }, (_, i) =>
        engine.post("/api/generate", { model: "tiny", prompt: `after ${i}`, stream: false, options: { num_predict: 5 } }).then((reply) => reply.json() as Promise<{ eval_count?: number; error?: string }>),
      ),
    );

    report(t, "Disconnects", [
      `${REQUESTS} streaming requests (${ROUTES.map((route) => route.path).join(", ")}), ${CONCURRENCY} at a time, NUM_PARALLEL=${PARALLEL}, sent in ${ms(sent)}`,
      `where they were cut: ${outcomes}`,
      `peak busy sequences ${peakBusy}/${PARALLEL}, peak waiting for a slot ${peakWaiting}; all idle ${ms(settleMs)} after the last cancel`,
      `after: busy ${state.busy}, waiting ${state.waiting}, scheduler pending ${state.pending}, worker calls in flight ${state.inFlight}`,
      `heap ${mib(baseline.heap)} → ${mib(end.heap)} (${mib(end.heap - baseline.heap)}), external+buffers ${mib(baseline.external)} → ${mib(end.external)}, RSS ${mib(baseline.rss)} → ${mib(end.rss)} (includes the llama worker)`,
      `RSS by requests done: ${rssAt.join(", ")}`,
      `active handles ${baseline.handles} → ${end.handles}`,
      `${PARALLEL} parallel generates afterwards: eval_count ${parallel.map((reply) => reply.eval_count ?? reply.error).join(", ")}`,
    ]);
    assert.deepEqual(state, { busy: 0, waiting: 0, pending: 0, inFlight: 0 });
    assert.ok(peakBusy === PARALLEL, `the load never filled the slots (peak ${peakBusy})`);
    assert.ok(outcomes.get("finished") < REQUESTS / 10, `too few requests were really cancelled: ${outcomes}`);
    assert.deepEqual(parallel.map((reply) => reply.eval_count), Array(PARALLEL).fill(5));
    // Generous bounds: a leak of one request's state each time would be megabytes over 1000 requests.
    assert.ok(end.heap - baseline.heap < 16 * 1024 * 1024, `heap grew by ${mib(end.heap - baseline.heap)}`);
    assert.ok(end.handles <= baseline.handles + 4, `handles ${baseline.handles} → ${end.handles}`);
  });
});
