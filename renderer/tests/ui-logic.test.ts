// The UI's logic without a browser: speed charts, answer metrics, pull progress, names, URLs, NDJSON
// streams, the localStorage history and the router.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { ApiRequestError } from "../src/api/api-error.js";
import { readNdjson } from "../src/api/engine-client.js";
import { LocalHistory } from "../src/api/local-history.js";
import { normalizeServerUrl } from "../src/api/server-config.js";
import { parseRoute, routePath } from "../src/app/router.js";
import { chatMessages, cleanOptions } from "../src/chat/chat-request.js";
import { answerMetrics, answerStats, liveRate, rateSeries, thinTimes } from "../src/metrics/answer-stats.js";
import { timeScale } from "../src/metrics/time-scale.js";
import { nameFromFile, withTag } from "../src/models/model-name.js";
import { applyProgress, etaSeconds, newPull } from "../src/models/pull-state.js";
import { formatBytes, formatRate, formatSeconds } from "../src/ui/format.js";

describe("answer speed", () => {
  test("a steady stream charts at its rate, bursts or not", () => {
    const steady = Array.from({ length: 200 }, (_, i) => 1000 + i * 5); // 200 tok/s
    for (const point of rateSeries(steady, 2000).slice(1, -1)) assert.ok(Math.abs(point.rate - 200) < 25, `${point.rate}`);
    // The same speed arriving in bursts of five tokens per network read.
    const bursty = Array.from({ length: 200 }, (_, i) => 1000 + Math.floor(i / 5) * 25);
    const rates = rateSeries(bursty, 2000).map((point) => point.rate);
    assert.ok(Math.max(...rates) < 300, `no spikes: ${Math.max(...rates)}`);
  });

  test("a very short answer still shows its real speed", () => {
    const quick = Array.from({ length: 16 }, (_, i) => 10 + i * 0.8); // 1250 tok/s for 12 ms
    const rates = rateSeries(quick, 30).map((point) => point.rate);
    assert.ok(rates.every((rate) => rate > 1000 && rate < 1500), rates.join(" "));
    assert.deepEqual(rateSeries([], 10), []);
    assert.equal(rateSeries([5], 10).length, 1);
  });

  test("the live rate counts the last second", () => {
    const times = Array.from({ length: 100 }, (_, i) => i * 20); // 50 tok/s for 2 s
    assert.ok(Math.abs(liveRate(times, 2000) - 50) < 3);
    assert.equal(liveRate([5], 10), 0);
  });

  test("a long wait for the first token is squeezed on the time axis", () => {
    const squeezed = timeScale(10_000, 9_000);
    assert.equal(squeezed.squeezed, true);
    assert.equal(squeezed.at(9_000), 0.25);
    assert.equal(squeezed.at(10_000), 1);
    const linear = timeScale(10_000, 1_000);
    assert.equal(linear.squeezed, false);
    assert.equal(linear.at(5_000), 0.5);
  });
});

describe("answer metrics", () => {
  test("rates come from the engine's counts and nanosecond durations", () => {
    const stats = answerStats({ load_duration: 250_000_000, prompt_eval_count: 10, prompt_eval_duration: 50_000_000, eval_count: 40, eval_duration: 2_000_000_000, first_token_ms: 400, total_duration: 2_500_000_000, done_reason: "stop" });
    assert.deepEqual(stats, { loadSeconds: 0.25, firstTokenSeconds: 0.4, promptTokens: 10, promptRate: 200, generatedTokens: 40, generationRate: 20, totalSeconds: 2.5, doneReason: "stop" });
  });

  test("a stopped answer has no final chunk: its speed comes from the arrival times", () => {
    const metrics = answerMetrics(undefined, { firstTokenMs: 100, tokenMs: [100, 200, 300, 400, 500], wallMs: 520.4 }, "stopped");
    assert.deepEqual(metrics, { done_reason: "stopped", first_token_ms: 100, token_ms: [100, 200, 300, 400, 500], wall_ms: 520 });
    const stats = answerStats(metrics);
    assert.equal(stats.generationRate, 10);
    assert.equal(stats.generatedTokens, 5);
  });

  test("long timelines are thinned but keep their ends", () => {
    const times = Array.from({ length: 1000 }, (_, i) => i);
    const thin = thinTimes(times, 100);
    assert.equal(thin.length, 100);
    assert.equal(thin[0], 0);
    assert.equal(thin[99], 999);
  });
});

describe("pull progress", () => {
  test("blobs add up; speed, time left and success follow", () => {
    let pull = newPull("llama3.2", "llama3.2:latest", false);
    pull = applyProgress(pull, { status: "pulling manifest" }, 0);
    assert.equal(pull.phase, "starting");
    pull = applyProgress(pull, { status: "pulling aaaa", digest: "sha256:a", total: 1000, completed: 0 }, 0);
    pull = applyProgress(pull, { status: "pulling bbbb", digest: "sha256:b", total: 100, completed: 100 }, 100);
    assert.equal(pull.phase, "pulling");
    assert.equal(pull.total, 1100);
    assert.equal(pull.completed, 100);
    pull = applyProgress(pull, { status: "pulling aaaa", digest: "sha256:a", total: 1000, completed: 500 }, 1000);
    assert.equal(pull.completed, 600);
    assert.equal(pull.speed, 600, "600 bytes in one second");
    assert.equal(etaSeconds(pull), 500 / 600);
    pull = applyProgress(pull, { status: "verifying sha256 digest" }, 1100);
    assert.equal(pull.phase, "verifying");
    pull = applyProgress(pull, { status: "success" }, 1200);
    assert.equal(pull.phase, "done");
    assert.equal(pull.completed, pull.total);
  });

  test("names", () => {
    assert.equal(withTag("llama3.2"), "llama3.2:latest");
    assert.equal(withTag("llama3.2:1b"), "llama3.2:1b");
    assert.equal(withTag("127.0.0.1:5000/library/tiny"), "127.0.0.1:5000/library/tiny:latest");
    assert.equal(nameFromFile("Llama-3.2-1B Instruct.Q4_K_M.gguf"), "llama-3.2-1b-instruct.q4_k_m");
    assert.equal(nameFromFile("!!!.gguf"), "imported");
  });
});

describe("formats and addresses", () => {
  test("numbers read as people read them", () => {
    assert.equal(formatBytes(741_216), "741 KB");
    assert.equal(formatBytes(1_300_000_000), "1.30 GB");
    assert.equal(formatBytes(0), "0 B");
    assert.equal(formatSeconds(0.0042), "4 ms");
    assert.equal(formatSeconds(2.345), "2.35 s");
    assert.equal(formatSeconds(125), "2m 05s");
    assert.equal(formatRate(1342.4), "1,342 tok/s");
    assert.equal(formatRate(undefined), "–");
  });

  test("server addresses are read like OLLAMA_HOST", () => {
    assert.equal(normalizeServerUrl("workstation"), "http://workstation:11434");
    assert.equal(normalizeServerUrl("192.168.1.20:8080"), "http://192.168.1.20:8080");
    assert.equal(normalizeServerUrl("https://box.example/ollama/"), "https://box.example/ollama");
    assert.equal(normalizeServerUrl(""), "");
    assert.equal(normalizeServerUrl("ftp://x"), undefined);
  });

  test("routes", () => {
    assert.deepEqual(parseRoute("/app/"), { page: "chat" });
    assert.deepEqual(parseRoute("/app/c/abc"), { page: "chat", conversationId: "abc" });
    assert.deepEqual(parseRoute("/app/models"), { page: "models" });
    assert.equal(routePath({ page: "chat", conversationId: "x y" }), "/app/c/x%20y");
    assert.equal(routePath({ page: "settings" }), "/app/settings");
  });

  test("chat requests carry the system prompt and only the options that are set", () => {
    const history = [{ id: "1", role: "user", content: "hi", created_at: "" }];
    assert.deepEqual(chatMessages("Be brief.", history), [{ role: "system", content: "Be brief." }, { role: "user", content: "hi" }]);
    assert.deepEqual(chatMessages("  ", history), [{ role: "user", content: "hi" }]);
    assert.deepEqual(cleanOptions({ temperature: 0.2, seed: "" as unknown as number, top_k: Number.NaN }), { temperature: 0.2 });
    assert.equal(cleanOptions({}), undefined);
  });
});

describe("NDJSON streams", () => {
  function streamOf(...pieces: string[]): Response {
    const encoder = new TextEncoder();
    return new Response(new ReadableStream({ start(controller) { for (const piece of pieces) controller.enqueue(encoder.encode(piece)); controller.close(); } }));
  }

  test("objects split across reads arrive whole", async () => {
    const seen: unknown[] = [];
    for await (const value of readNdjson(streamOf('{"a":1}\n{"b"', ':2}\n', '{"c":3}'))) seen.push(value);
    assert.deepEqual(seen, [{ a: 1 }, { b: 2 }, { c: 3 }]);
  });

  test("an error line ends the stream with that error", async () => {
    const seen: unknown[] = [];
    await assert.rejects(async () => {
      for await (const value of readNdjson(streamOf('{"status":"pulling manifest"}\n{"error":"pull model manifest: file does not exist"}\n'))) seen.push(value);
    }, (error: unknown) => error instanceof ApiRequestError && error.message === "pull model manifest: file does not exist");
    assert.equal(seen.length, 1);
  });
});

describe("chats kept in the browser (no Paddock API)", () => {
  class MemoryStorage {
    private values = new Map<string, string>();
    getItem(key: string) {
      return this.values.get(key) ?? null;
    }
    setItem(key: string, value: string) {
      this.values.set(key, value);
    }
  }

  test("the same operations as the engine's history", () => {
    let clock = Date.parse("2025-01-01T00:00:00Z");
    const history = new LocalHistory(new MemoryStorage() as unknown as Storage, () => new Date(clock++));
    const first = history.create({ model: "tiny" });
    history.append(first.id, { role: "user", content: "Why is the sky blue?\nDetails please" });
    const answer = history.append(first.id, { role: "assistant", content: "Rayleigh scattering", model: "tiny" });
    const second = history.create({ title: "Pasta" });
    assert.deepEqual(history.list().map((c) => c.title), ["Pasta", "Why is the sky blue?"]);
    assert.deepEqual(history.list("rayleigh").map((c) => [c.id, c.snippet]), [[first.id, "Rayleigh scattering"]]);
    history.update(second.id, { title: "Cooking" });
    assert.equal(history.get(second.id).title, "Cooking");
    history.updateMessage(first.id, answer.id, { content: "Scattering" });
    assert.equal(history.get(first.id).messages[1].content, "Scattering");
    assert.equal(history.truncateFrom(first.id, answer.id), 1);
    assert.equal(history.get(first.id).message_count, 1);
    history.remove(second.id);
    assert.throws(() => history.get(second.id), (error: unknown) => error instanceof ApiRequestError && error.status === 404);
  });
});

describe("token timeline", () => {
  test("pieces the engine joined are shared out by length once the token count is known", async () => {
    const { tokenTimes } = await import("../src/metrics/answer-stats.js");
    assert.deepEqual(tokenTimes([10, 20, 30], [4, 4, 4], 3), [10, 20, 30], "one token per piece");
    assert.deepEqual(tokenTimes([10, 20], [4, 12], 4), [10, 20, 20, 20], "the longer piece held three tokens");
    assert.deepEqual(tokenTimes([10, 20], [4, 4], undefined), [10, 20], "no count: the pieces as they came");
  });
});
