import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { ApiError } from "../server/api-error.js";
import { float32Base64 } from "./base64.js";
import { completionEvents, decodeCompletion, nativeGenerateRequest } from "./completions.js";
import { DONE } from "./sse.js";

const convert = (body: Record<string, unknown>) => nativeGenerateRequest(decodeCompletion({ model: "m", prompt: "p", ...body }));

describe("OpenAI completion request → native /api/generate", () => {
  test("defaults override the model's parameters: temperature and top_p 1.0, penalties 0", () => {
    assert.deepEqual(convert({}), {
      model: "m",
      prompt: "p",
      options: { temperature: 1, frequency_penalty: 0, presence_penalty: 0, top_p: 1 },
      stream: false,
    });
    assert.equal((convert({ top_p: 0 }).options as Record<string, unknown>).top_p, 1, "a top_p of 0 means 1.0");
  });

  test("fields map onto options; logprobs N turns on top_logprobs N; suffix passes", () => {
    const native = convert({ max_tokens: 3, temperature: 0.1, top_p: 0.4, seed: 5, stop: "x", stream: true, suffix: "end", logprobs: 2 });
    assert.deepEqual(native, {
      model: "m",
      prompt: "p",
      options: { stop: ["x"], num_predict: 3, temperature: 0.1, seed: 5, frequency_penalty: 0, presence_penalty: 0, top_p: 0.4 },
      stream: true,
      suffix: "end",
      logprobs: true,
      top_logprobs: 2,
    });
    assert.equal(convert({ logprobs: 0 }).logprobs, undefined);
  });

  test("a non-string stop entry and a prompt array are 400s", () => {
    assert.throws(() => convert({ stop: ["a", true] }), (error: unknown) => error instanceof ApiError && error.message === "invalid type for 'stop' field: bool");
    assert.throws(() => convert({ prompt: ["a"] }), (error: unknown) => error instanceof ApiError && error.status === 400);
  });
});

describe("base64 embeddings", () => {
  test("little-endian float32 bytes", () => {
    const encoded = float32Base64([1, -2.5]);
    const bytes = Buffer.from(encoded, "base64");
    assert.equal(bytes.length, 8);
    assert.equal(bytes.readFloatLE(0), 1);
    assert.equal(bytes.readFloatLE(4), -2.5);
  });
});

describe("native /api/generate stream → text_completion events", () => {
  async function events(lines: unknown[] | (() => AsyncGenerator<unknown>)) {
    const source = typeof lines === "function" ? lines() : (async function* () { yield* lines; })();
    const out: unknown[] = [];
    for await (const event of completionEvents(source, "cmpl-1", false)) out.push(event === DONE ? "[DONE]" : event.data);
    return out as Array<Record<string, any> | "[DONE]">;
  }
  const reply = (response: string, done = false) => ({ model: "m", created_at: "2024-01-01T00:00:00Z", response, done, ...(done ? { done_reason: "stop" } : {}) });

  test("one event a native object, the last with its finish reason, then [DONE]", async () => {
    const out = await events([reply("a"), reply("b", true)]);
    assert.deepEqual(out.map((event) => (event === "[DONE]" ? event : event.choices[0].text)), ["a", "b", "[DONE]"]);
    assert.equal((out[1] as Record<string, any>).choices[0].finish_reason, "stop");
  });

  test("a native error line, or a failing native stream, ends the events with an OpenAI error", async () => {
    const streamed = await events([reply("a"), { error: "runner crashed" }, reply("never", true)]);
    assert.deepEqual(streamed.slice(1), [{ error: { message: "runner crashed", type: "api_error", param: null, code: null } }]);
    const thrown = await events(async function* () {
      yield reply("a");
      throw new Error("connection lost");
    });
    assert.deepEqual(thrown.slice(1), [{ error: { message: "connection lost", type: "api_error", param: null, code: null } }]);
  });
});
